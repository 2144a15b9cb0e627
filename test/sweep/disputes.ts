import type { Db } from '../../src/platform/db/database.ts';
import type { StaffActor } from '../../src/platform/auth/actor.ts';
import { registerDispute } from '../../src/modules/disputes/dispute.commands.ts';
import type { ForeignRecords, SweepCases } from './types.ts';

const NONE = '00000000-0000-4000-8000-000000000000';
const WHY = 'admin2 (administrator) holds no dispute.* permission (403 FORBIDDEN); the scope of this list is swept as wangge2 of 幸福里社区 in disputes.db.test.ts';

/** A dispute registered in the foreign community (the demo's, or one made once per database). */
export const foreignRecords: ForeignRecords = async (db: Db, community) => {
  const node = await db.selectFrom('org_node').select(['district_id']).where('id', '=', community.id).executeTakeFirstOrThrow();
  const existing = await db.selectFrom('dispute').select('id').where('district_id', '=', node.district_id).where('community_id', '=', community.id).orderBy('registered_at').limit(1).executeTakeFirst();
  if (existing) return { disputeId: existing.id };
  const account = await db.selectFrom('account').select(['id', 'display_name']).where('username', '=', 'shuji').executeTakeFirstOrThrow();
  const actor: StaffActor = { kind: 'staff', id: account.id, districtId: node.district_id, username: 'shuji', displayName: account.display_name, mustChangePassword: false, bindings: [] };
  const id = await registerDispute(db, { actor, ip: '127.0.0.1', now: new Date() }, { nodeId: community.id, type: 'neighbour', summary: '越权检查用纠纷', riskLevel: 'low', source: 'walk_in', parties: [{ role: 'applicant', name: '甲' }] });
  return { disputeId: id };
};

export const sweepCases: SweepCases = (f) => {
  const disputeId = f.records.disputeId ?? NONE;
  const on = (body?: unknown) => ({ kind: 'record' as const, params: { disputeId }, ...(body === undefined ? {} : { body }) });
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return {
    'GET /api/disputes/catalogue': { kind: 'exempt', why: 'catalogue of codes and names (types, ladders, methods); no records' },
    'POST /api/disputes/screening/reports': { kind: 'record', body: { gridId: f.gridId, week: today, disputes: 0, zeroReport: true } },
    'GET /api/disputes/screening/week': { kind: 'exempt', why: WHY },
    'GET /api/disputes/screening/summary': { kind: 'exempt', why: WHY },
    'GET /api/disputes/figures': { kind: 'exempt', why: WHY },
    'GET /api/disputes': { kind: 'exempt', why: WHY },
    'POST /api/disputes': { kind: 'record', body: { nodeId: f.householdId, type: 'neighbour', summary: '越权登记', riskLevel: 'low', source: 'walk_in', parties: [{ role: 'applicant', name: '甲', residentId: f.residentId }] } },
    'GET /api/disputes/:disputeId': on(),
    'GET /api/disputes/:disputeId/card': on(),
    'GET /api/disputes/:disputeId/mediators': on(),
    'GET /api/disputes/:disputeId/agreement.pdf': on(),
    'POST /api/disputes/:disputeId/risk': on({ riskLevel: 'high', warningFlags: [], reason: '越权' }),
    'POST /api/disputes/:disputeId/attempts': on({ level: 'grid', at: today, mediatorIds: [f.accountId], method: 'five_hearts', record: '越权调解', outcome: 'failed' }),
    'POST /api/disputes/:disputeId/escalate': on({ reason: '越权提级' }),
    'POST /api/disputes/:disputeId/referral': on({ target: 'court', reason: '越权移交' }),
    'POST /api/disputes/:disputeId/referral/updates': on({ note: '越权跟踪' }),
    'PUT /api/disputes/:disputeId/agreement': on({ facts: '越权', issues: '越权', responsibilities: '越权', terms: '越权', performance: '越权' }),
    'POST /api/disputes/:disputeId/agreement/sign': on({ signedOn: today }),
    'POST /api/disputes/:disputeId/agreement/judicial': on({ status: 'applied', on: today }),
    'POST /api/disputes/:disputeId/follow-ups': on({ on: today, performance: 'performed' }),
    'POST /api/disputes/:disputeId/close': on({ outcome: 'withdrawn' }),
    'PUT /api/disputes/:disputeId/assignments/:accountId': { kind: 'record', params: { disputeId, accountId: f.accountId }, body: { role: 'lead' } },
    'DELETE /api/disputes/:disputeId/assignments/:accountId': { kind: 'record', params: { disputeId, accountId: f.accountId } },
    'GET /api/portal/disputes': { kind: 'exempt', why: 'resident session only; the resident\'s own disputes as a party' },
    'GET /api/portal/disputes/:disputeId': { kind: 'exempt', why: 'resident session only; a dispute the resident is not a party to is 404 (tested in disputes.db.test.ts)' },
    'GET /api/portal/disputes/:disputeId/agreement.pdf': { kind: 'exempt', why: 'resident session only; not a party → 404 (tested in disputes.db.test.ts)' },
  };
};
