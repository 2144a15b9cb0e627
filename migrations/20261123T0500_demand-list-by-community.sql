-- The staff list of one community (or of a grid in it) reads that community's demands in order through
-- their own index, instead of walking the district's newest demands and skipping the other communities'
-- (at 49 communities a 社区书记's first page read ~1,000 rows to keep 21). The scope's community is the
-- fourth segment of its org-tree path ('/district/street/community/…'); demand.community_id is the
-- community whose path prefixes the demand's node_path (gz_demand_intake sets both from the same row).
create index demand_community_created_idx on demand (district_id, community_id, created_at desc, id desc);

-- Same contract as in 20261123T0100_session-in-statement.sql; the page's filter is written twice below,
-- once per access path, so that each query keeps one cached plan (a nullable "community = $x or $x is
-- null" would make the database plan every call again).
create or replace function gz_demand_page(p_token_hash text, p_roles text[], p jsonb)
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
  v_communities uuid[];
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
  -- The communities of the scope paths, when every path lies at or below a community.
  if cardinality(v_scope) > 0 and not exists (select 1 from unnest(v_scope) sp(path) where split_part(sp.path, '/', 4) = '') then
    v_communities := array(select distinct split_part(sp.path, '/', 4)::uuid from unnest(v_scope) sp(path));
  end if;
  if cardinality(v_communities) = 1 then
    -- One community: its own rows in order (demand_community_created_idx).
    select coalesce(json_agg(json_build_object('id', d.id, 'title', d.title, 'channel', d.channel, 'category_code', d.category_code,
        'status', d.status, 'handling_level', d.handling_level, 'lead_body', d.lead_body, 'respond_by', d.respond_by,
        'finish_by', d.finish_by, 'responded_at', d.responded_at, 'rating', d.rating, 'created_at', d.created_at)
        order by d.created_at desc, d.id desc), '[]'::json)
      into v_items
    from (
      select * from demand d
      where d.district_id = s.a_district_id and d.community_id = v_communities[1]
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
  else
    -- Several communities, a street or the district: the district's rows in order, the scope's kept.
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
  end if;
  return query select s.subject_kind, s.last_seen_at, s.expires_at, s.account_id, s.a_district_id, s.username, s.display_name,
    s.disabled, s.must_change_password, s.bindings, s.r_id, s.r_district_id, s.r_name, s.r_node_path, s.r_roles, v_items;
end $$;
