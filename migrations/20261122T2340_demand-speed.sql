-- Speed of the hot paths (issue #5 "Scale"): the session lookup every staff/resident request makes, and
-- demand intake, as PL/pgSQL functions. PL/pgSQL keeps each statement's plan per connection, so a call
-- costs the engine one tiny statement to parse and plan instead of a large one (on PGlite, where parse
-- and plan run in WebAssembly on the server's own thread, that is most of a request's cost). The
-- functions hold no state of their own: the app servers stay stateless.

-- The session with its account and role bindings (staff) or its resident and portal roles: one call.
create function gz_session_actor(p_token_hash text)
returns table (
  subject_kind text, last_seen_at timestamptz, expires_at timestamptz,
  account_id uuid, a_district_id uuid, username text, display_name text, disabled boolean, must_change_password boolean, bindings json,
  r_id uuid, r_district_id uuid, r_name text, r_node_path text, r_roles json
)
language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  select s.subject_kind::text, s.last_seen_at, s.expires_at,
    a.id, a.district_id, a.username::text, a.display_name::text, a.disabled, a.must_change_password,
    case when a.id is not null then (
      select coalesce(json_agg(json_build_object('role', b.role, 'node_id', b.node_id, 'path', n.path, 'name', n.name, 'kind', n.kind) order by n.path), '[]'::json)
      from role_binding b join org_node n on n.district_id = b.district_id and n.id = b.node_id
      where b.account_id = a.id and b.district_id = a.district_id) end,
    r.id, r.district_id, r.name::text, r.node_path::text,
    case when r.id is not null then (
      select coalesce(json_agg(rr.role), '[]'::json) from resident_role rr where rr.district_id = r.district_id and rr.resident_id = r.id) end
  from session s
  left join account a on s.subject_kind = 'staff' and a.id = s.account_id
  left join resident r on s.subject_kind = 'resident' and r.district_id = s.district_id and r.id = s.resident_id
  where s.token_hash = p_token_hash;
end $$;

-- Demand intake (登记) in one call: checks the place (and, for staff, that it lies under one of the
-- actor's scope paths; a named resident lives under the place), checks the working calendar's fingerprint
-- the deadlines were computed with, inserts the demand, its 'received' event and the audit entry, and
-- returns possible duplicates. Inserts nothing (id null) when a check fails; calendar_version tells the
-- caller whether the calendar changed. Input: one jsonb object, see src/modules/demands/intake.commands.ts.
create function gz_demand_intake(p jsonb)
returns table (calendar_version text, id uuid, node_path text, community_id uuid, household_id uuid, duplicates json)
language plpgsql as $$
#variable_conflict use_column
declare
  v_district uuid := (p->>'districtId')::uuid;
  v_node uuid := (p->>'nodeId')::uuid;
  v_household_only boolean := (p->>'householdOnly')::boolean;
  v_resident uuid := (p->>'residentId')::uuid;
  v_scoped boolean := jsonb_typeof(p->'scope') = 'array';
  v_scope text[] := case when jsonb_typeof(p->'scope') = 'array' then array(select jsonb_array_elements_text(p->'scope')) else '{}'::text[] end;
  v_version text;
  v_path text;
  v_community uuid;
  v_household uuid;
  v_lng double precision := (p->>'lng')::double precision;
  v_lat double precision := (p->>'lat')::double precision;
  v_category text := p->>'category';
  v_now timestamptz := (p->>'now')::timestamptz;
begin
  select md5(coalesce(string_agg(o.on_date::text || ':' || o.working::text || ':' || o.note, '|' order by o.on_date), ''))
    into v_version from working_calendar_override o where o.district_id = v_district;
  if v_version is distinct from p->>'calendarVersion' then
    return query select v_version, null::uuid, null::text, null::uuid, null::uuid, null::json;
    return;
  end if;
  select n.path, c.id, case when n.kind = 'household' then n.id end
    into v_path, v_community, v_household
  from org_node n
  join org_node c on c.district_id = n.district_id and c.kind = 'community' and n.path like c.path || '%'
  where n.district_id = v_district and n.id = v_node
    and (not v_household_only or n.kind = 'household')
    and (v_resident is null or exists (select 1 from resident r where r.district_id = n.district_id and r.id = v_resident and r.node_path like n.path || '%'))
    and (not v_scoped or exists (select 1 from unnest(v_scope) as sp(sp_path) where starts_with(n.path, sp.sp_path)))
  limit 1;
  if v_path is null then
    return query select v_version, null::uuid, null::text, null::uuid, null::uuid, null::json;
    return;
  end if;
  insert into demand (district_id, id, community_id, node_path, channel, category_code, title, description, lng, lat, crs,
    household_id, resident_id, contact_name, contact_phone, first_asked_by, first_asked_by_name, status, respond_by, finish_by,
    event_count, created_at, updated_at)
  values (v_district, (p->>'id')::uuid, v_community, v_path, p->>'channel', v_category, p->>'title', coalesce(p->>'description', ''),
    v_lng, v_lat, p->>'crs', v_household, v_resident, p->>'contactName', p->>'contactPhone',
    (p->>'firstAskedBy')::uuid, p->>'firstAskedByName', p->>'status', (p->>'respondBy')::timestamptz, (p->>'finishBy')::timestamptz,
    1, v_now, v_now);
  insert into demand_event (district_id, demand_id, seq, kind, actor_kind, actor_id, actor_name, at, reason, data)
  values (v_district, (p->>'id')::uuid, 1, 'received', p->>'actorKind', (p->>'actorId')::uuid, p->>'actorName', v_now, null,
    (p->'eventData') || jsonb_build_object('areaPath', v_path));
  insert into audit_log (district_id, id, at, actor_kind, actor_id, actor_name, action, entity_type, entity_id, node_path, summary, after, ip)
  values (v_district, (p->>'auditId')::uuid, v_now, p->>'actorKind', (p->>'actorId')::uuid, p->>'actorLabel',
    'demand.receive', 'demand', p->>'id', v_path, p->>'summary', p->'auditAfter', p->>'ip');
  return query
  select v_version, (p->>'id')::uuid, v_path, v_community, v_household,
    (select coalesce(json_agg(json_build_object('id', x.id, 'title', x.title, 'status', x.status, 'createdAt', x.created_at,
              'distanceM', x.distance_m, 'sameHousehold', x.same_household) order by x.created_at desc), '[]'::json)
     from (
       select o.id, o.title, o.status, o.created_at,
         case when o.lat is not null and v_lat is not null then round(sqrt(power((o.lng - v_lng) * 111320 * cos(radians(v_lat)), 2) + power((o.lat - v_lat) * 110540, 2))::numeric) end as distance_m,
         (o.household_id is not null and o.household_id = v_household) as same_household
       from demand o
       where o.district_id = v_district and o.community_id = v_community and o.category_code = v_category
         and o.id <> (p->>'id')::uuid
         and o.status in ('received', 'routed', 'accepted', 'suspended') and o.created_at >= (p->>'since')::timestamptz
         and (o.node_path = v_path
           or (o.household_id is not null and o.household_id = v_household)
           or (o.lat is not null and v_lat is not null
               and sqrt(power((o.lng - v_lng) * 111320 * cos(radians(v_lat)), 2) + power((o.lat - v_lat) * 110540, 2)) <= (p->>'radiusM')::double precision))
       order by o.created_at desc
       limit 5
     ) x);
end $$;
