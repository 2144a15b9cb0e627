import type { Db } from '../../../platform/db/database.ts';
import type { StageTemplate } from '../rules/procedure-template.ts';
import type { MatterItemStatus, MatterStatus, MatterUnit, StageOutcome, StageStatus, StageKindColumn } from './matters.tables.ts';
import './matters.tables.ts';

export type LoadedStage = {
  id: string;
  districtId: string;
  matterId: string;
  position: number;
  key: string;
  kind: StageKindColumn;
  /** The StageTemplate snapshot taken when the matter was accepted. */
  rules: StageTemplate;
  status: StageStatus;
  round: number;
  openedAt: Date | null;
  dueAt: Date | null;
  closedAt: Date | null;
  outcome: StageOutcome | null;
  rulesLockedAt: Date | null;
  signedOffAt: Date | null;
  matter: { id: string; communityId: string; nodePath: string; title: string; status: MatterStatus; unit: MatterUnit; batch: boolean };
  /** Items still in play at this stage (status active or passed); stopped items are left out. */
  items: { id: string; position: number; title: string; description: string; subjectResidentId: string | null; status: MatterItemStatus }[];
};

/** One stage with its matter and the items in play; undefined if it does not exist in the district. */
export async function loadStage(tx: Db, districtId: string, stageId: string): Promise<LoadedStage | undefined> {
  const row = await tx
    .selectFrom('matter_stage as s')
    .innerJoin('matter as m', (j) => j.onRef('m.district_id', '=', 's.district_id').onRef('m.id', '=', 's.matter_id'))
    .select([
      's.id', 's.matter_id', 's.position', 's.stage_key', 's.kind', 's.rules', 's.status', 's.round', 's.opened_at', 's.due_at', 's.closed_at', 's.outcome', 's.rules_locked_at', 's.signed_off_at',
      'm.community_id', 'm.node_path', 'm.title', 'm.status as matter_status', 'm.unit', 'm.batch',
    ])
    .where('s.district_id', '=', districtId)
    .where('s.id', '=', stageId)
    .executeTakeFirst();
  if (!row) return undefined;
  const items = await tx
    .selectFrom('matter_item')
    .select(['id', 'position', 'title', 'description', 'subject_resident_id', 'status'])
    .where('district_id', '=', districtId)
    .where('matter_id', '=', row.matter_id)
    .where('status', '<>', 'stopped')
    .orderBy('position')
    .execute();
  return {
    id: row.id,
    districtId,
    matterId: row.matter_id,
    position: row.position,
    key: row.stage_key,
    kind: row.kind,
    rules: row.rules as StageTemplate,
    status: row.status,
    round: row.round,
    openedAt: row.opened_at,
    dueAt: row.due_at,
    closedAt: row.closed_at,
    outcome: row.outcome,
    rulesLockedAt: row.rules_locked_at,
    signedOffAt: row.signed_off_at,
    matter: { id: row.matter_id, communityId: row.community_id, nodePath: row.node_path, title: row.title, status: row.matter_status, unit: row.unit, batch: row.batch },
    items: items.map((i) => ({ id: i.id, position: i.position, title: i.title, description: i.description, subjectResidentId: i.subject_resident_id, status: i.status })),
  };
}
