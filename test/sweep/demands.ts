import type { Db } from '../../src/platform/db/database.ts';
import type { StaffActor } from '../../src/platform/auth/actor.ts';
import { receiveDemand } from '../../src/modules/demands/intake.commands.ts';
import type { ForeignRecords, SweepCases } from './types.ts';

const NONE = '00000000-0000-4000-8000-000000000000';

/** A demand received at the foreign community (made once per database). */
export const foreignRecords: ForeignRecords = async (db: Db, community) => {
  const node = await db.selectFrom('org_node').select(['district_id']).where('id', '=', community.id).executeTakeFirstOrThrow();
  const existing = await db.selectFrom('demand').select('id').where('district_id', '=', node.district_id).where('community_id', '=', community.id).orderBy('created_at').limit(1).executeTakeFirst();
  if (existing) return { demandId: existing.id };
  const account = await db.selectFrom('account').select('id').where('username', '=', 'shuji').executeTakeFirstOrThrow();
  const actor: StaffActor = { kind: 'staff', id: account.id, districtId: node.district_id, username: 'shuji', displayName: '社区书记', mustChangePassword: false, bindings: [] };
  const made = await receiveDemand(db, { actor, ip: '127.0.0.1', now: new Date() }, { channel: 'hotline', place: { nodeId: community.id }, residentId: null, category: 'environment.garbage', title: '越权检查用诉求', description: '百步亭花园社区的诉求' });
  return { demandId: made.id };
};

export const sweepCases: SweepCases = (f) => {
  const demandId = f.records.demandId ?? NONE;
  const on = (body?: unknown) => ({ kind: 'record' as const, params: { demandId }, ...(body === undefined ? {} : { body }) });
  return {
    'GET /api/demand-categories': { kind: 'exempt', why: 'public catalogue of categories and time limits; no people' },
    'POST /api/demands': { kind: 'record', body: { channel: 'hotline', nodeId: f.householdId, category: 'environment', title: '越权登记' } },
    'GET /api/demands': { kind: 'list' },
    'GET /api/demands/count': { kind: 'list' },
    'GET /api/demands/:demandId': on(),
    'GET /api/demands/:demandId/photos/:fileId': { kind: 'record', params: { demandId, fileId: NONE } },
    'POST /api/demands/:demandId/route': on(),
    'POST /api/demands/:demandId/accept': on(),
    'POST /api/demands/:demandId/escalate': on({ reason: '越权上报' }),
    'POST /api/demands/:demandId/return': on({ reason: '越权退回' }),
    'POST /api/demands/:demandId/transfer': on({ reason: '越权转派', level: 'grid', body: 'grid_station' }),
    'POST /api/demands/:demandId/extend': on({ amount: 1, reason: '越权延期' }),
    'POST /api/demands/:demandId/suspend': on({ reason: '越权挂起' }),
    'POST /api/demands/:demandId/resume': on(),
    'POST /api/demands/:demandId/urge': on({}),
    'POST /api/demands/:demandId/supervise': on({}),
    'POST /api/demands/:demandId/finish': on({ outcome: { result: 'resolved', text: '越权办结' } }),
    'POST /api/demands/:demandId/merge': on({ intoDemandId: demandId }),
    'POST /api/portal/demands': { kind: 'exempt', why: 'resident session only; the place is the resident\'s own household' },
    'GET /api/portal/demands': { kind: 'exempt', why: 'resident session only; the resident\'s own demands' },
    'GET /api/portal/demands/:demandId': { kind: 'exempt', why: 'resident session only; another resident\'s demand is 404 (tested in demands.db.test.ts)' },
    'POST /api/portal/demands/:demandId/rate': { kind: 'exempt', why: 'resident session only; rating another\'s demand is 404 (tested in demands.db.test.ts)' },
    'POST /api/portal/demands/:demandId/reopen': { kind: 'exempt', why: 'resident session only; reopening another\'s demand is 404 (tested in demands.db.test.ts)' },
    'GET /api/demand-handling-bodies': { kind: 'list' },
    'GET /api/demands/:demandId/merge-candidates': { kind: 'record', params: { demandId }, query: 'q=' },
    'GET /api/portal/demands/:demandId/photos/:fileId': { kind: 'exempt', why: 'resident session only; a photo of another resident\'s demand is 404 (tested in demands.db.test.ts)' },
  };
};
