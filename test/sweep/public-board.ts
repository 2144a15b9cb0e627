import type { Db } from '../../src/platform/db/database.ts';
import { publishEntry } from '../../src/modules/public-board/publish-entry.ts';
import type { ForeignRecords, SweepCases } from './types.ts';

const NONE = '00000000-0000-4000-8000-000000000000';

/** A published entry on the foreign community's board (made once per database). */
export const foreignRecords: ForeignRecords = async (db: Db, community) => {
  const node = await db.selectFrom('org_node').select(['district_id']).where('id', '=', community.id).executeTakeFirstOrThrow();
  const existing = await db.selectFrom('board_entry').select('id').where('district_id', '=', node.district_id).where('community_id', '=', community.id).where('withdrawn_at', 'is', null).orderBy('seq').limit(1).executeTakeFirst();
  if (existing) return { boardEntryId: existing.id };
  const made = await db.transaction().execute((tx) => publishEntry(tx, { districtId: node.district_id, communityId: community.id, column: 'residents', title: '越权检查用公示', body: '百步亭花园社区的公示内容', publicationDays: 7, actor: null }));
  return { boardEntryId: made.id };
};

export const sweepCases: SweepCases = (f) => {
  const entryId = f.records.boardEntryId ?? NONE;
  return {
    'GET /api/board/communities': { kind: 'list' },
    'GET /api/board/communities/:communityId': { kind: 'record', params: { communityId: f.communityId } },
    'POST /api/board/communities/:communityId/columns': { kind: 'record', params: { communityId: f.communityId }, body: { name: '越权栏目', freshness: { every: 'quarter', warnDays: 14 } } },
    'PATCH /api/board/communities/:communityId/columns/:code': { kind: 'record', params: { communityId: f.communityId, code: 'residents' }, body: { name: '越权改名' } },
    'POST /api/board/communities/:communityId/entries': { kind: 'record', params: { communityId: f.communityId }, body: { column: 'residents', title: '越权发布', body: '越权', publicationDays: 7 } },
    'GET /api/board/entries/:entryId': { kind: 'record', params: { entryId } },
    'POST /api/board/entries/:entryId/withdraw': { kind: 'record', params: { entryId }, body: { reason: '越权撤回' } },
    'POST /api/board/entries/:entryId/postings': { kind: 'record', params: { entryId }, body: { location: '越权张贴', postedAt: '2026-11-01T08:00:00+08:00' } },
    'POST /api/board/entries/:entryId/postings/:postingId/take-down': { kind: 'record', params: { entryId, postingId: NONE }, body: { takenDownAt: '2026-11-01T09:00:00+08:00' } },
    'PUT /api/board/entries/:entryId/postings/:postingId/photo': { kind: 'record', params: { entryId, postingId: NONE }, body: { dataUrl: 'data:image/png;base64,iVBORw0KGgo=' } },
    'GET /api/board/entries/:entryId/postings/:postingId/photo': { kind: 'record', params: { entryId, postingId: NONE } },
    'POST /api/board/entries/:entryId/objections/:objectionId/answer': { kind: 'record', params: { entryId, objectionId: NONE }, body: { answer: '越权答复' } },
    'GET /api/board/entries/:entryId/notice.pdf': { kind: 'record', params: { entryId } },
    'GET /api/portal/board': { kind: 'exempt', why: 'resident session only; the resident\'s own community' },
    'GET /api/portal/board/entries/:entryId': { kind: 'exempt', why: 'resident session only; entries of the resident\'s own community (tested in public-board.db.test.ts)' },
    'POST /api/portal/board/entries/:entryId/objections': { kind: 'exempt', why: 'resident session only; entries of the resident\'s own community (tested in public-board.db.test.ts)' },
    'GET /api/public/board/entries/:entryId': { kind: 'exempt', why: 'public: published notices are public by nature; withdrawn and scheduled entries answer 404' },
    'GET /api/public/board/:communityId/verify': { kind: 'exempt', why: 'public: chain verification shows hashes, and titles of published entries only' },
  };
};
