-- The session lookup inside a hot route's own statement (issue #5 "Scale": one round trip instead of
-- two). A route declared `sessionInStatement` (src/platform/http/authorize.ts) sends the session token's
-- hash and the roles that grant its permission with its statement; the statement reads the session with
-- gz_session_actor, computes the actor's scope for that permission, and returns the session row beside
-- its result. The server then admits the session with the same code as for every other route and
-- discards a read's result, or answers 401/403, when it does not. A write (intake) also checks admission
-- in SQL first and writes nothing when the session would not be admitted.

-- The subtrees (org-tree paths) in which the bindings hold one of the roles.
create function gz_scope_of(p_bindings json, p_roles text[])
returns text[]
language sql immutable as $$
  select coalesce(array_agg(b->>'path'), '{}'::text[]) from json_array_elements(coalesce(p_bindings, '[]'::json)) b where b->>'role' = any(p_roles)
$$;

-- Staff intake with its session: admission (live staff session, account enabled, no pending password
-- change, a role granting the permission), then gz_demand_intake with the actor and scope from the
-- session. `districtId` in p is the district whose calendar the deadlines were computed with: when it is
-- not the session's, nothing is written and the caller retries with the session's district.
create function gz_demand_intake_as(p_token_hash text, p_roles text[], p_idle_minutes int, p jsonb)
returns table (
  subject_kind text, last_seen_at timestamptz, expires_at timestamptz,
  account_id uuid, a_district_id uuid, username text, display_name text, disabled boolean, must_change_password boolean, bindings json,
  r_id uuid, r_district_id uuid, r_name text, r_node_path text, r_roles json,
  calendar_version text, id uuid, node_path text, community_id uuid, household_id uuid, duplicates json
)
language plpgsql as $$
#variable_conflict use_column
declare
  s record;
  r record;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_scope text[];
begin
  select * into s from gz_session_actor(p_token_hash) x;
  if not found then
    return;
  end if;
  if s.subject_kind = 'staff' and s.disabled = false and s.must_change_password = false
     and v_now <= s.last_seen_at + make_interval(mins => p_idle_minutes) and v_now <= s.expires_at
     and s.a_district_id = (p->>'districtId')::uuid then
    v_scope := gz_scope_of(s.bindings, p_roles);
    if cardinality(v_scope) > 0 then
      select * into r from gz_demand_intake(p || jsonb_build_object(
        'scope', to_jsonb(v_scope),
        'actorKind', 'staff', 'actorId', s.account_id, 'actorName', s.display_name,
        'actorLabel', s.display_name || '（' || s.username || '）',
        'firstAskedBy', s.account_id, 'firstAskedByName', s.display_name,
        'eventData', coalesce(p->'eventData', '{}'::jsonb) || jsonb_build_object('firstAskedBy', s.display_name))) x;
      return query select s.subject_kind, s.last_seen_at, s.expires_at, s.account_id, s.a_district_id, s.username, s.display_name,
        s.disabled, s.must_change_password, s.bindings, s.r_id, s.r_district_id, s.r_name, s.r_node_path, s.r_roles,
        r.calendar_version, r.id, r.node_path, r.community_id, r.household_id, r.duplicates;
      return;
    end if;
  end if;
  return query select s.subject_kind, s.last_seen_at, s.expires_at, s.account_id, s.a_district_id, s.username, s.display_name,
    s.disabled, s.must_change_password, s.bindings, s.r_id, s.r_district_id, s.r_name, s.r_node_path, s.r_roles,
    null::text, null::uuid, null::text, null::uuid, null::uuid, null::json;
end $$;

-- One page of the staff demand list with its session: the page within the scope of the roles given,
-- newest first, keyset-paged (p: status | 'open' | 'finished', overdue, category, channel, afterAt/afterId,
-- now, limit). No count: the count is its own request (GET /api/demands/count). A read: the caller
-- discards `items` unless it admits the session.
create function gz_demand_page(p_token_hash text, p_roles text[], p jsonb)
returns table (
  subject_kind text, last_seen_at timestamptz, expires_at timestamptz,
  account_id uuid, a_district_id uuid, username text, display_name text, disabled boolean, must_change_password boolean, bindings json,
  r_id uuid, r_district_id uuid, r_name text, r_node_path text, r_roles json,
  items json
)
language plpgsql stable as $$
#variable_conflict use_column
declare
  s record;
  v_scope text[];
  v_status text := p->>'status';
  v_open boolean := p->>'status' = 'open';
  v_finished boolean := p->>'status' = 'finished';
  v_overdue boolean := coalesce((p->>'overdue')::boolean, false);
  v_category text := p->>'category';
  v_channel text := p->>'channel';
  v_after_at timestamptz := (p->>'afterAt')::timestamptz;
  v_after_id uuid := (p->>'afterId')::uuid;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_limit int := (p->>'limit')::int;
  v_items json;
begin
  select * into s from gz_session_actor(p_token_hash) x;
  if not found then
    return;
  end if;
  v_scope := case when s.subject_kind = 'staff' then gz_scope_of(s.bindings, p_roles) else '{}'::text[] end;
  select coalesce(json_agg(json_build_object('id', d.id, 'title', d.title, 'channel', d.channel, 'category_code', d.category_code,
      'status', d.status, 'handling_level', d.handling_level, 'lead_body', d.lead_body, 'respond_by', d.respond_by,
      'finish_by', d.finish_by, 'responded_at', d.responded_at, 'rating', d.rating, 'created_at', d.created_at)
      order by d.created_at desc, d.id desc), '[]'::json)
    into v_items
  from (
    select * from demand d
    where d.district_id = s.a_district_id
      and exists (select 1 from unnest(v_scope) sp(path) where starts_with(d.node_path, sp.path))
      and (v_status is null or (v_open and d.status in ('received', 'routed', 'accepted', 'suspended'))
        or (v_finished and d.status in ('done', 'closed')) or d.status = v_status)
      and (v_category is null or d.category_code = v_category or d.category_code like v_category || '.%')
      and (v_channel is null or d.channel = v_channel)
      and (not v_overdue or (d.status in ('received', 'routed', 'accepted', 'suspended')
        and (d.finish_by < v_now or (d.responded_at is null and d.status in ('received', 'routed') and d.respond_by < v_now))))
      and (v_after_at is null or d.created_at < v_after_at or (d.created_at = v_after_at and d.id < v_after_id))
    order by d.created_at desc, d.id desc
    limit v_limit
  ) d;
  return query select s.subject_kind, s.last_seen_at, s.expires_at, s.account_id, s.a_district_id, s.username, s.display_name,
    s.disabled, s.must_change_password, s.bindings, s.r_id, s.r_district_id, s.r_name, s.r_node_path, s.r_roles, v_items;
end $$;
