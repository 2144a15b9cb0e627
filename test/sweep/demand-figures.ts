import type { SweepCases } from './types.ts';

/** The demand figures of a node of 百步亭花园社区 (403 for admin2); without nodeId admin2 gets its own community's. */
export const sweepCases: SweepCases = (f) => ({
  'GET /api/demand-figures': { kind: 'record', query: `nodeId=${f.communityId}` },
  'GET /api/demand-figures.xlsx': { kind: 'record', query: `nodeId=${f.gridId}` },
});
