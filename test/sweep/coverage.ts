import type { SweepCases } from './types.ts';

export const sweepCases: SweepCases = (f) => ({
  'GET /api/coverage': { kind: 'record', query: `nodeId=${f.communityId}` },
  'GET /api/coverage/missing': { kind: 'record', query: `nodeId=${f.gridId}&figure=key_person` },
  'GET /api/coverage/export.xlsx': { kind: 'record', query: `nodeId=${f.communityId}` },
});
