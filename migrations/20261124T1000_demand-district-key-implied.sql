-- A demand's district is checked through its community (issue #5 "Scale").
--
-- demand had a foreign key (district_id) → district beside (district_id, community_id) → org_node. The second
-- implies the first: community_id is not null, so every demand names an org_node row of the same district, and
-- org_node's own key (district_id) → district makes that district exist. The first checked the same fact
-- again, one row trigger (a query of the district table) for every demand written. Deleting a district is
-- still refused while it has org nodes, and a demand always has one. demand_event has no key of its own to
-- district either: its key to demand carries it.
alter table demand drop constraint demand_district_id_fkey;
