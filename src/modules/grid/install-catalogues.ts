import crypto from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { DEFAULT_TAGS, FIVE_MUST_VISITS } from './catalogue.ts';

/** Gives a new district its own editable copies of the tag catalogue and the 五必访 cadences. */
export async function installGridCatalogues(tx: Db, districtId: string): Promise<void> {
  await tx
    .insertInto('tag_definition')
    .values(DEFAULT_TAGS.map((t, i) => ({ district_id: districtId, code: t.code, name: t.name, category: t.category, sensitivity: t.sensitivity, sort_order: i })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const existing = await tx.selectFrom('visit_cadence').select('id').where('district_id', '=', districtId).limit(1).executeTakeFirst();
  if (existing) return;
  await tx
    .insertInto('visit_cadence')
    .values(
      FIVE_MUST_VISITS.map((c) => ({
        district_id: districtId,
        id: crypto.randomUUID(),
        scope_node_id: districtId,
        tag_code: c.tagCode,
        role: c.role,
        frequency: c.frequency,
        event: c.event ?? null,
        within_days: c.withinDays ?? null,
        label: c.label,
      })),
    )
    .execute();
}
