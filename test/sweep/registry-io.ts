import type { SweepCases } from './types.ts';

/**
 * Registry import / export. The sweep's database holds no import batch, so the `:importId` routes are
 * tried with a foreign id that names no batch (404); test/http/registry-io.db.test.ts checks that a
 * real batch of 百步亭花园社区 answers 403 to the 幸福里社区 administrator on each of them.
 */
export const sweepCases: SweepCases = (f) => ({
  'GET /api/registry/template.xlsx': { kind: 'list' },
  'POST /api/registry/imports': { kind: 'record', query: `nodeId=${f.communityId}` },
  'GET /api/registry/imports/:importId': { kind: 'record', params: { importId: f.communityId } },
  'GET /api/registry/imports/:importId/errors.xlsx': { kind: 'record', params: { importId: f.communityId } },
  'POST /api/registry/imports/:importId/commit': { kind: 'record', params: { importId: f.communityId } },
  'POST /api/registry/imports/:importId/discard': { kind: 'record', params: { importId: f.communityId } },
  'GET /api/registry/export.xlsx': { kind: 'record', query: `nodeId=${f.communityId}` },
});
