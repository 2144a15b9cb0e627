-- The staff list's batch as one set-based statement (issue #5 "Scale"), as intake's is (20261123T0900). Before,
-- a batch of list requests (statement-batch.ts) called gz_demand_page once per item, and each call read its
-- session again (~26 µs of database CPU with a generic plan) although a batch's items usually share a few
-- sessions. Now gz_demand_pages reads each distinct session once, takes its scope for the roles the route
-- names, and gets each item's page from gz_demand_page_rows: the page part of gz_demand_page (20261123T0500)
-- with the same two access paths, the same filter (gz_demand_listed), the same plans and the same rows, built
-- into JSON straight from the page's rows rather than through an array of whole demand rows.
-- gz_demand_page, which nothing calls any more, is dropped: the page's query is written once, here.

-- One page of the staff list within p_scope (org-tree paths), newest first, keyset-paged; p as gz_demand_page's.
create function gz_demand_page_rows(p_district uuid, p_scope text[], p jsonb)
returns json
language plpgsql stable
set plan_cache_mode = force_generic_plan set enable_sort = off set enable_bitmapscan = off set timezone = 'UTC'
as $$
declare
  v_communities uuid[];
  v_status text := p->>'status';
  v_overdue boolean := coalesce((p->>'overdue')::boolean, false);
  v_category text := p->>'category';
  v_channel text := p->>'channel';
  v_after_at timestamptz := (p->>'afterAt')::timestamptz;
  v_after_id uuid := (p->>'afterId')::uuid;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_limit int := (p->>'limit')::int;
  v_items json;
begin
  if p_district is null or coalesce(cardinality(p_scope), 0) = 0 then
    return '[]'::json;
  end if;
  -- The communities of the scope paths, when every path lies at or below a community.
  if not exists (select 1 from unnest(p_scope) sp(path) where split_part(sp.path, '/', 4) = '') then
    v_communities := array(select distinct split_part(sp.path, '/', 4)::uuid from unnest(p_scope) sp(path));
  end if;
  -- Each row as a JSON array in this order (half the cost of objects with names; demand-list.ts names them).
  if cardinality(v_communities) = 1 then
    select coalesce(json_agg(json_build_array(d.id, d.title, d.channel, d.category_code, d.status, d.handling_level, d.lead_body,
        d.respond_by, d.finish_by, d.responded_at, d.rating, d.created_at) order by d.created_at desc, d.id desc), '[]'::json)
      into v_items
    from (
      select d.id, d.title, d.channel, d.category_code, d.status, d.handling_level, d.lead_body, d.respond_by, d.finish_by,
        d.responded_at, d.rating, d.created_at
      from demand d
      where d.district_id = p_district and d.community_id = v_communities[1]
        and exists (select 1 from unnest(p_scope) sp(path) where starts_with(d.node_path, sp.path))
        and gz_demand_listed(d, v_status, v_category, v_channel, v_overdue, v_now, v_after_at, v_after_id)
      order by d.created_at desc, d.id desc
      limit v_limit) d;
  else
    select coalesce(json_agg(json_build_array(d.id, d.title, d.channel, d.category_code, d.status, d.handling_level, d.lead_body,
        d.respond_by, d.finish_by, d.responded_at, d.rating, d.created_at) order by d.created_at desc, d.id desc), '[]'::json)
      into v_items
    from (
      select d.id, d.title, d.channel, d.category_code, d.status, d.handling_level, d.lead_body, d.respond_by, d.finish_by,
        d.responded_at, d.rating, d.created_at
      from demand d
      where d.district_id = p_district
        and exists (select 1 from unnest(p_scope) sp(path) where starts_with(d.node_path, sp.path))
        and gz_demand_listed(d, v_status, v_category, v_channel, v_overdue, v_now, v_after_at, v_after_id)
      order by d.created_at desc, d.id desc
      limit v_limit) d;
  end if;
  return v_items;
end $$;

-- A batch of list requests: items { t: session token hash, r: roles granting demand.read, p } numbered from 1;
-- item n's row (n, the session row, its page) — none when its session is not found (401). The page is the
-- scope's only when the session is a staff one; the server admits the session (idle, disabled, …) before it
-- uses the page (statementSession in authorize.ts), as with gz_demand_page.
create function gz_demand_pages(p_items jsonb)
returns table (
  n int,
  subject_kind text, last_seen_at timestamptz, expires_at timestamptz,
  account_id uuid, a_district_id uuid, username text, display_name text, disabled boolean, must_change_password boolean, bindings json,
  r_id uuid, r_district_id uuid, r_name text, r_node_path text, r_roles json,
  items json
)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with item as (
    select b.n::int as n, b.it->>'t' as token, b.it->'r' as roles, b.it->'p' as p
    from jsonb_array_elements(p_items) with ordinality b(it, n)
  ), sess as (
    select d.token, d.roles, x.*,
      case when x.subject_kind = 'staff' then gz_scope_of(x.bindings, array(select jsonb_array_elements_text(d.roles))) else '{}'::text[] end as scope
    from (select distinct i.token, i.roles from item i) d cross join lateral gz_session_actor(d.token) x
  )
  select i.n, s.subject_kind, s.last_seen_at, s.expires_at, s.account_id, s.a_district_id, s.username, s.display_name,
    s.disabled, s.must_change_password, s.bindings, s.r_id, s.r_district_id, s.r_name, s.r_node_path, s.r_roles,
    gz_demand_page_rows(s.a_district_id, s.scope, i.p)
  from item i
  join sess s on s.token = i.token and s.roles = i.roles;
end $$;

drop function gz_demand_page(text, text[], jsonb);
