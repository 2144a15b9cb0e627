import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { OUTCOME_NAMES } from '../demand-labels.ts';
import { bodyName, categoryRule } from '../demand-store.ts';
import type { OutcomeResult } from '../rules/index.ts';
import { serviceNotice, type RequestFacts } from './open311-format.ts';

/** The district of a jurisdiction_id (the district's code, e.g. 'DEMO'), or null. */
export async function jurisdiction(db: Db, code: string | undefined): Promise<{ districtId: string; code: string } | null> {
  if (!code) return null;
  const row = await db.selectFrom('district').select(['district_id', 'code']).where('code', '=', code).executeTakeFirst();
  return row?.code ? { districtId: row.district_id, code: row.code } : null;
}

export type RequestFilter = { ids?: string[] | undefined; serviceCode?: string | undefined; start?: Date | undefined; end?: Date | undefined; status?: 'open' | 'closed' | undefined; limit: number };

/**
 * Demands that came in through the interfaces (Open311 requests and 12345 tickets) of one district,
 * newest first, with only public facts: no names, phones, descriptions or household addresses.
 */
export async function requestFacts(db: Db, districtId: string, filter: RequestFilter): Promise<RequestFacts[]> {
  let q = db
    .selectFrom('demand_external_ref as r')
    .innerJoin('demand as d', (j) => j.onRef('d.district_id', '=', 'r.district_id').onRef('d.id', '=', 'r.demand_id'))
    .innerJoin('org_node as c', (j) => j.onRef('c.district_id', '=', 'd.district_id').onRef('c.id', '=', 'd.community_id'))
    .select((eb) => [
      'd.id', 'd.status', 'd.category_code', 'd.handling_level', 'd.lead_body', 'd.finish_by', 'd.created_at', 'd.updated_at', 'd.done_at', 'd.lat', 'd.lng',
      'r.address', 'r.media_url', 'c.name as community_name',
      eb.selectFrom('org_node as g').select('g.name').whereRef('g.district_id', '=', 'd.district_id').where('g.kind', '=', 'grid')
        .where(sql<boolean>`d.node_path like g.path || '%'`).limit(1).as('grid_name'),
      eb.selectFrom('demand_event as e').select(sql<string>`e.data -> 'outcome' ->> 'result'`.as('result')).whereRef('e.district_id', '=', 'd.district_id').whereRef('e.demand_id', '=', 'd.id')
        .where('e.kind', '=', 'done').orderBy('e.seq', 'desc').limit(1).as('outcome'),
    ])
    .where('r.district_id', '=', districtId);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('d.id', 'in', filter.ids);
  } else {
    if (filter.serviceCode) q = q.where('d.category_code', '=', filter.serviceCode);
    if (filter.start) q = q.where('d.created_at', '>=', filter.start);
    if (filter.end) q = q.where('d.created_at', '<=', filter.end);
    if (filter.status === 'open') q = q.where('d.status', 'in', ['received', 'routed', 'accepted', 'suspended']);
    if (filter.status === 'closed') q = q.where('d.status', 'in', ['done', 'closed', 'merged']);
  }
  const rows = await q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => {
    const rule = categoryRule(r.category_code);
    return {
      id: r.id, status: r.status, categoryCode: r.category_code, categoryName: rule.name.zh, level: r.handling_level, bodyName: bodyName(r.lead_body),
      areaName: [r.community_name, r.grid_name].filter(Boolean).join(''), finishBy: r.finish_by ? new Date(r.finish_by) : null,
      createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at), doneAt: r.done_at ? new Date(r.done_at) : null,
      outcomeName: r.outcome ? (OUTCOME_NAMES[r.outcome as OutcomeResult]?.zh ?? null) : null, notice: serviceNotice(rule),
      address: r.address, lat: r.lat, lng: r.lng, mediaUrl: r.media_url,
    };
  });
}

/** Our state of a 12345 ticket for the hotline's 回访 (by ticket number). */
export async function ticketDemandId(db: Db, districtId: string, ticketNo: string): Promise<{ demandId: string; keyId: string | null; limitWorkingDays: number | null } | null> {
  const row = await db.selectFrom('demand_external_ref').select(['demand_id', 'key_id', 'limit_working_days']).where('district_id', '=', districtId).where('source', '=', '12345').where('external_id', '=', ticketNo).executeTakeFirst();
  return row ? { demandId: row.demand_id, keyId: row.key_id, limitWorkingDays: row.limit_working_days } : null;
}
