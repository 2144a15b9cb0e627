-- Less for intake to write, the same rules (issue #5 "Scale").
--
-- 1. A demand's district is checked through its community. demand had a foreign key (district_id) → district
--    beside (district_id, community_id) → org_node. The second implies the first: community_id is not null, so
--    every demand names an org_node row of the same district, and org_node's own key (district_id) → district
--    makes that district exist. The first checked the same fact again, one row trigger (a query of the
--    district table) for every demand written. Deleting a district is still refused while it has org nodes,
--    and a demand always has one. (demand_event has no key straight to district either: its key to demand
--    carries it.)
alter table demand drop constraint demand_district_id_fkey;

-- 2. The index of the duplicate search "within the radius" holds only what that search can find: open demands
--    with a location. It held every demand, and every row version an update writes (a status change is not a
--    HOT update), although only the search within the radius reads it (gz_demand_intake_many: same district,
--    community and category, newest first since the window's start, located and open). A demand without a
--    location — most of those taken by phone, at the window or from a door note — no longer writes to it, and
--    neither does a demand once it is done or closed.
drop index demand_dup_idx;
create index demand_nearby_open_idx on demand (district_id, community_id, category_code, created_at desc)
  where lat is not null and status in ('received', 'routed', 'accepted', 'suspended');
