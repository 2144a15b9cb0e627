-- Registry import batches (实有人口 Excel 导入): an uploaded file is checked row by row and kept here
-- until the worker commits the good rows or discards the batch. Nothing reaches `resident` before the
-- commit. The rows carry ID numbers and phones, so they are cleared on commit, discard or expiry
-- (`expires_at`, 24 h after upload); the counts and the error list stay as the record of the import.
create table registry_import (
  district_id uuid not null references district (district_id),
  id uuid not null,
  -- The node the batch is for (a community, or the uploader's own scope); its path scopes every later request.
  node_id uuid not null,
  node_path text not null,
  file_name text,
  created_by uuid not null,
  created_by_name text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'committed', 'discarded')),
  total_count integer not null check (total_count >= 0),
  good_count integer not null check (good_count >= 0),
  bad_count integer not null check (bad_count >= 0),
  new_households integer not null default 0,
  -- [{ row, field, label, message }], sorted by row: the report shown to the worker.
  errors jsonb not null default '[]',
  -- The validated rows, packed ({ buildings: [id…], rows: [[row, building index, 房号, 姓名, …]] }), ready to
  -- insert; cleared on commit, discard or expiry.
  good_rows jsonb not null default '[]',
  -- The bad rows as typed (for the errors workbook); cleared on discard or expiry.
  bad_rows jsonb not null default '[]',
  finished_at timestamptz,
  finished_by uuid,
  imported_count integer,
  -- Rows that became duplicates between the preview and the commit: [{ row, field, label, message }].
  skipped jsonb,
  primary key (district_id, id),
  foreign key (district_id, node_id) references org_node (district_id, id)
);
create index registry_import_path_idx on registry_import (district_id, node_path text_pattern_ops, created_at desc);
create index registry_import_expiry_idx on registry_import (district_id, expires_at) where good_rows <> '[]'::jsonb or bad_rows <> '[]'::jsonb;
