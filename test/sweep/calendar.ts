import type { SweepCases } from './types.ts';

/**
 * 工作日历. Overrides belong to the whole district (there is no community- or grid-level calendar), so
 * the sweep treats the district's own org node as the record every write names: the 幸福里社区
 * administrator holds calendar.manage only in that community, so changing the district's calendar
 * must answer 403 (FORBIDDEN_SCOPE), just as reaching into 百步亭花园社区 would. The reads are lists: they
 * carry dates, notes and the name of who set them, never a record id of another community.
 */
export const sweepCases: SweepCases = () => ({
  'GET /api/calendar': { kind: 'list', query: 'year=2026' },
  'GET /api/calendar/working-days': { kind: 'list', query: 'from=2026-09-29&days=5' },
  'PUT /api/calendar/overrides/:date': { kind: 'record', params: { date: '2026-11-30' }, body: { working: false, note: '越权调整' } },
  'DELETE /api/calendar/overrides/:date': { kind: 'record', params: { date: '2026-11-30' } },
});
