-- Possible duplicates at intake, found through indexes: the same place (demand_path_idx) and, when the
-- demand has a location, the same community and category within the radius (demand_dup_idx) — instead of
-- one scan of the community's open demands of the category in the window, filtered row by row, whose
-- cost grew with the community's intake (at thousands a week it cost more than the rest of the intake).
-- Same rules as before (same category, open, in the window; same household, same place or within the
-- radius; at most 5, newest first): a household's demands are placed at the household, so "the same
-- household" is "the same place".
create or replace function gz_demand_intake(p jsonb)
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
       select y.id, y.title, y.status, y.created_at,
         case when y.lat is not null and v_lat is not null then round(sqrt(power((y.lng - v_lng) * 111320 * cos(radians(v_lat)), 2) + power((y.lat - v_lat) * 110540, 2))::numeric) end as distance_m,
         (y.household_id is not null and y.household_id = v_household) as same_household
       from (
         -- The same place (a household's demands are placed at the household: this is also "the same household").
         (select o.id, o.title, o.status, o.created_at, o.lng, o.lat, o.household_id
          from demand o
          where o.district_id = v_district and o.node_path = v_path and o.created_at >= (p->>'since')::timestamptz
            and o.category_code = v_category and o.status in ('received', 'routed', 'accepted', 'suspended') and o.id <> (p->>'id')::uuid
          order by o.created_at desc limit 5)
         union
         -- Within the radius, when both have a location.
         (select o.id, o.title, o.status, o.created_at, o.lng, o.lat, o.household_id
          from demand o
          where v_lat is not null and o.district_id = v_district and o.community_id = v_community and o.category_code = v_category
            and o.created_at >= (p->>'since')::timestamptz and o.lat is not null
            and o.status in ('received', 'routed', 'accepted', 'suspended') and o.id <> (p->>'id')::uuid
            and sqrt(power((o.lng - v_lng) * 111320 * cos(radians(v_lat)), 2) + power((o.lat - v_lat) * 110540, 2)) <= (p->>'radiusM')::double precision
          order by o.created_at desc limit 5)
       ) y
       order by y.created_at desc
       limit 5
     ) x);
end $$;
