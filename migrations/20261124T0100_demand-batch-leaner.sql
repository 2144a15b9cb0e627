-- Intake's and the list's batch statements, leaner (issue #5 "Scale"). Same rules, same results (the
-- contracts are in the headers of 20261123T0900 and 20261123T1900); the one-item forms call these functions
-- and change with them.
--
-- 1. The duplicate search. gz_demand_intake_many (20261123T1830) read the category, the window's start and the
--    radius out of each item's jsonb p in every comparison: for the items earlier in the same batch that is
--    one jsonb lookup and one timestamptz parse per PAIR of items (~600 for a batch of 25). `placed` now
--    carries them as typed columns, read once per item, and the in-batch comparison tests the category first.
-- 2. The session's columns once per session. Both functions answered every item with its session's fifteen
--    columns (account, names, flags, role bindings as json), the same for all the items of one session — and
--    at 50 clients one session sends ~25 items a batch. Each copy was written out by the database and parsed
--    again by the server's driver (~6–13 µs a row measured with pg). Now only the first item of each session
--    carries them; the server gives the same columns to that session's other items (`sessionColumnsShared`,
--    src/platform/auth/sessions.ts) before admitting each one exactly as before.

create or replace function gz_demand_intake_many(p_items jsonb)
returns table (
  n int,
  subject_kind text, last_seen_at timestamptz, expires_at timestamptz,
  account_id uuid, a_district_id uuid, username text, display_name text, disabled boolean, must_change_password boolean, bindings json,
  r_id uuid, r_district_id uuid, r_name text, r_node_path text, r_roles json,
  calendar_version text, id uuid, node_path text, community_id uuid, household_id uuid, duplicates json
)
language plpgsql
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with item as (
    select b.n::int as n, b.it->>'t' as token, b.it->'r' as roles, (b.it->>'i')::int as idle, b.it->'p' as p,
      b.n = min(b.n) over (partition by b.it->>'t', b.it->'r') as first_of_session
    from jsonb_array_elements(p_items) with ordinality b(it, n)
  ), sess as (
    -- Each distinct session (with the roles granting the permission) once: the actor and the scope.
    select d.token, d.roles, x.*, gz_scope_of(x.bindings, array(select jsonb_array_elements_text(d.roles))) as scope
    from (select distinct i.token, i.roles from item i where i.token is not null) d cross join lateral gz_session_actor(d.token) x
  ), asked as (
    -- Each item with its session, and what it asks for (p; null when its session is not admitted); the
    -- actor, the first-asked person and the scope from the session, or for an item without one from p.
    select i.n, i.token, i.roles, i.first_of_session,
      case
        when i.token is null then i.p
        when s.subject_kind = 'staff' and s.disabled = false and s.must_change_password = false
          and (i.p->>'now')::timestamptz <= s.last_seen_at + make_interval(mins => i.idle) and (i.p->>'now')::timestamptz <= s.expires_at
          and s.a_district_id = (i.p->>'districtId')::uuid and cardinality(s.scope) > 0
        then i.p
      end as p,
      case when i.token is null then i.p->>'actorKind' else 'staff' end as actor_kind,
      case when i.token is null then (i.p->>'actorId')::uuid else s.account_id end as actor_id,
      case when i.token is null then i.p->>'actorName' else s.display_name end as actor_name,
      case when i.token is null then i.p->>'actorLabel' else s.display_name || '（' || s.username || '）' end as actor_label,
      case when i.token is null then (i.p->>'firstAskedBy')::uuid else s.account_id end as first_asked_by,
      case when i.token is null then i.p->>'firstAskedByName' else s.display_name end as first_asked_by_name,
      case when i.token is null then i.p->'eventData' else coalesce(i.p->'eventData', '{}'::jsonb) || jsonb_build_object('firstAskedBy', s.display_name) end as event_data,
      case
        when i.token is not null then s.scope
        when jsonb_typeof(i.p->'scope') = 'array' then array(select jsonb_array_elements_text(i.p->'scope'))
      end as scope
    from item i
    left join sess s on s.token = i.token and s.roles = i.roles
    where i.token is null or s.token is not null
  ), calendar as (
    select d.district,
      (select md5(coalesce(string_agg(o.on_date::text || ':' || o.working::text || ':' || o.note, '|' order by o.on_date), ''))
       from working_calendar_override o where o.district_id = d.district) as version
    from (select distinct (a.p->>'districtId')::uuid as district from asked a where a.p is not null) d
  ), placed as (
    select a.n, a.p, a.actor_kind, a.actor_id, a.actor_name, a.actor_label, a.first_asked_by, a.first_asked_by_name, a.event_data,
      pl.path, pl.community, pl.household,
      (a.p->>'id')::uuid as id, (a.p->>'districtId')::uuid as district, (a.p->>'now')::timestamptz as at,
      (a.p->>'lng')::double precision as lng, (a.p->>'lat')::double precision as lat,
      a.p->>'category' as category, (a.p->>'since')::timestamptz as since, (a.p->>'radiusM')::double precision as radius_m
    from asked a
    join calendar c on c.district = (a.p->>'districtId')::uuid and c.version = a.p->>'calendarVersion'
    cross join lateral (
      select n.path, c2.id as community, case when n.kind = 'household' then n.id end as household
      from org_node n
      join org_node c2 on c2.district_id = n.district_id and c2.kind = 'community' and n.path like c2.path || '%'
      where n.district_id = (a.p->>'districtId')::uuid and n.id = (a.p->>'nodeId')::uuid
        and (not coalesce((a.p->>'householdOnly')::boolean, false) or n.kind = 'household')
        and (a.p->>'residentId' is null or exists (select 1 from resident r where r.district_id = n.district_id and r.id = (a.p->>'residentId')::uuid and r.node_path like n.path || '%'))
        and (a.scope is null or exists (select 1 from unnest(a.scope) sp(sp_path) where starts_with(n.path, sp.sp_path)))
      limit 1
    ) pl
  ), new_demand as (
    insert into demand (district_id, id, community_id, node_path, channel, category_code, title, description, lng, lat, crs,
      household_id, resident_id, contact_name, contact_phone, first_asked_by, first_asked_by_name, status, respond_by, finish_by,
      event_count, created_at, updated_at)
    select x.district, x.id, x.community, x.path, x.p->>'channel', x.p->>'category', x.p->>'title', coalesce(x.p->>'description', ''),
      x.lng, x.lat, x.p->>'crs', x.household, (x.p->>'residentId')::uuid, x.p->>'contactName', x.p->>'contactPhone',
      x.first_asked_by, x.first_asked_by_name, x.p->>'status', (x.p->>'respondBy')::timestamptz, (x.p->>'finishBy')::timestamptz,
      1, x.at, x.at
    from placed x
  ), new_event as (
    insert into demand_event (district_id, demand_id, seq, kind, actor_kind, actor_id, actor_name, at, reason, data)
    select x.district, x.id, 1, 'received', x.actor_kind, x.actor_id, x.actor_name, x.at, null,
      x.event_data || jsonb_build_object('areaPath', x.path)
    from placed x
  ), new_audit as (
    insert into audit_log (district_id, id, at, actor_kind, actor_id, actor_name, action, entity_type, entity_id, node_path, summary, after, ip)
    select x.district, (x.p->>'auditId')::uuid, x.at, x.actor_kind, x.actor_id, x.actor_label,
      'demand.receive', 'demand', x.p->>'id', x.path, x.p->>'summary', x.p->'auditAfter', x.p->>'ip'
    from placed x
  )
  select a.n, s.subject_kind, s.last_seen_at, s.expires_at, s.account_id, s.a_district_id, s.username, s.display_name,
    s.disabled, s.must_change_password, s.bindings, s.r_id, s.r_district_id, s.r_name, s.r_node_path, s.r_roles,
    c.version, x.id, x.path, x.community, x.household,
    case when x.n is not null then (
      select coalesce(json_agg(json_build_object('id', y.id, 'title', y.title, 'status', y.status, 'createdAt', y.created_at,
                'distanceM', case when y.lat is not null and x.lat is not null then round(gz_distance_m(y.lng, y.lat, x.lng, x.lat)::numeric) end,
                'sameHousehold', (y.household_id is not null and y.household_id = x.household)) order by y.created_at desc), '[]'::json)
      from (
        select u.* from (
          -- The same place (a household's demands are placed at the household: this is also "the same household").
          (select o.id, o.title, o.status, o.created_at, o.lng, o.lat, o.household_id
           from demand o
           where o.district_id = x.district and o.node_path = x.path and o.category_code = x.category and o.created_at >= x.since
             and o.status in ('received', 'routed', 'accepted', 'suspended')
           order by o.created_at desc limit 5)
          union
          -- Within the radius, when both have a location.
          (select o.id, o.title, o.status, o.created_at, o.lng, o.lat, o.household_id
           from demand o
           where x.lat is not null and o.district_id = x.district and o.community_id = x.community and o.category_code = x.category
             and o.created_at >= x.since and o.lat is not null
             and o.status in ('received', 'routed', 'accepted', 'suspended')
             and gz_distance_m(o.lng, o.lat, x.lng, x.lat) <= x.radius_m
           order by o.created_at desc limit 5)
          union
          -- Items earlier in this batch, by the same two rules (the statement does not see its own inserts).
          (select q.id, q.p->>'title', q.p->>'status', q.at, q.lng, q.lat, q.household
           from placed q
           where q.n < x.n and q.category = x.category and q.district = x.district and q.at >= x.since
             and (q.path = x.path or (x.lat is not null and q.lat is not null and q.community = x.community
               and gz_distance_m(q.lng, q.lat, x.lng, x.lat) <= x.radius_m)))
        ) u
        order by u.created_at desc
        limit 5
      ) y)
    end
  from asked a
  -- The session's columns once, on the first item of each session (the server gives them to the others).
  left join sess s on a.first_of_session and s.token = a.token and s.roles = a.roles
  left join calendar c on c.district = (a.p->>'districtId')::uuid
  left join placed x on x.n = a.n;
end $$;


create or replace function gz_demand_pages(p_items jsonb)
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
    select b.n::int as n, b.it->>'t' as token, b.it->'r' as roles, b.it->'p' as p,
      b.n = min(b.n) over (partition by b.it->>'t', b.it->'r') as first_of_session
    from jsonb_array_elements(p_items) with ordinality b(it, n)
  ), sess as (
    select d.token, d.roles, x.*,
      case when x.subject_kind = 'staff' then gz_scope_of(x.bindings, array(select jsonb_array_elements_text(d.roles))) else '{}'::text[] end as scope
    from (select distinct i.token, i.roles from item i) d cross join lateral gz_session_actor(d.token) x
  )
  select i.n, o.subject_kind, o.last_seen_at, o.expires_at, o.account_id, o.a_district_id, o.username, o.display_name,
    o.disabled, o.must_change_password, o.bindings, o.r_id, o.r_district_id, o.r_name, o.r_node_path, o.r_roles,
    gz_demand_page_rows(s.a_district_id, s.scope, i.p)
  from item i
  join sess s on s.token = i.token and s.roles = i.roles
  -- The session's columns once, on the first item of each session (the server gives them to the others).
  left join sess o on i.first_of_session and o.token = i.token and o.roles = i.roles;
end $$;
