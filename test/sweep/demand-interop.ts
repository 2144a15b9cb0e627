import type { Db } from '../../src/platform/db/database.ts';
import type { StaffActor } from '../../src/platform/auth/actor.ts';
import { createKey } from '../../src/modules/demands/interop/interop-keys.ts';
import type { ForeignRecords, SweepCases } from './types.ts';

/** An API key bound to the foreign community (made once per database). */
export const foreignRecords: ForeignRecords = async (db: Db, community) => {
  const node = await db.selectFrom('org_node').select(['district_id']).where('id', '=', community.id).executeTakeFirstOrThrow();
  const existing = await db.selectFrom('interop_key').select('id').where('district_id', '=', node.district_id).where('node_id', '=', community.id).where('revoked_at', 'is', null).orderBy('created_at').limit(1).executeTakeFirst();
  if (existing) return { interopKeyId: existing.id };
  const account = await db.selectFrom('account').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const actor: StaffActor = { kind: 'staff', id: account.id, districtId: node.district_id, username: 'admin', displayName: '管理员', mustChangePassword: false, bindings: [] };
  const made = await createKey({ db, actor, ip: '127.0.0.1', now: new Date() }, { name: '越权检查用密钥', nodeId: community.id, channel: 'hotline_12345' });
  return { interopKeyId: made.id };
};

const KEY_ONLY = 'no session: an outside system with an api_key / x-api-key; a key files only inside its own node (tested in demand-interop.db.test.ts)';
const OPEN_READ = 'Open311 public read (the spec allows reads without a key): category catalogue or demands filed through the interfaces, public fields only, no personal data (tested in demand-interop.db.test.ts)';

export const sweepCases: SweepCases = (f) => ({
  'GET /api/interop/keys': { kind: 'list' },
  'POST /api/interop/keys': { kind: 'record', body: { name: '越权密钥', nodeId: f.communityId } },
  'POST /api/interop/keys/:keyId/revoke': { kind: 'record', params: { keyId: f.records.interopKeyId ?? f.communityId } },
  'GET /api/interop/12345/template.xlsx': { kind: 'list' },
  'POST /api/interop/12345/imports/preview': { kind: 'record', query: `nodeId=${f.communityId}` },
  'POST /api/interop/12345/imports': { kind: 'record', query: `nodeId=${f.communityId}` },
  'POST /api/interop/12345/tickets': { kind: 'exempt', why: KEY_ONLY },
  'GET /api/interop/12345/tickets/:ticketNo': { kind: 'exempt', why: KEY_ONLY },
  'GET /api/open311/v2/services.:format': { kind: 'exempt', why: OPEN_READ },
  'GET /api/open311/v2/services/:file': { kind: 'exempt', why: OPEN_READ },
  'GET /api/open311/v2/requests.:format': { kind: 'exempt', why: OPEN_READ },
  'GET /api/open311/v2/requests/:file': { kind: 'exempt', why: OPEN_READ },
  'POST /api/open311/v2/requests.:format': { kind: 'exempt', why: KEY_ONLY },
});
