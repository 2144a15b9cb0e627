import type { SweepCases } from './types.ts';

export const sweepCases: SweepCases = (f) => ({
  'GET /api/grid/tags': { kind: 'exempt', why: 'the district catalogue, no people' },
  'GET /api/residents/:residentId/tags': { kind: 'record', params: { residentId: f.residentId } },
  'POST /api/residents/:residentId/tags': { kind: 'record', params: { residentId: f.residentId }, body: { tagCode: 'volunteer' } },
  'POST /api/residents/:residentId/tags/:tagCode/end': { kind: 'record', params: { residentId: f.residentId, tagCode: 'volunteer' }, body: {} },
  'POST /api/residents': { kind: 'record', body: { householdId: f.householdId, name: '越权', idNumber: '11010519491231002X', registration: 'registered' } },
  'PATCH /api/residents/:residentId': { kind: 'record', params: { residentId: f.residentId }, body: { name: '越权' } },
  'POST /api/residents/:residentId/move': { kind: 'record', params: { residentId: f.residentId }, body: { householdId: f.householdId, on: '2026-11-01' } },
  'POST /api/residents/:residentId/move-out': { kind: 'record', params: { residentId: f.residentId }, body: { on: '2026-11-01' } },
  'POST /api/residents/:residentId/deceased': { kind: 'record', params: { residentId: f.residentId }, body: { on: '2026-11-01' } },
  'GET /api/residents/:residentId/history': { kind: 'record', params: { residentId: f.residentId } },
  'GET /api/households/:householdId': { kind: 'record', params: { householdId: f.householdId } },
  'POST /api/households/:householdId/verify': { kind: 'record', params: { householdId: f.householdId } },
  'GET /api/visits/due': { kind: 'list', query: 'mine=0' },
  'POST /api/visits': { kind: 'record', body: { householdId: f.householdId, visitedAt: '2026-11-01T08:00:00+08:00', residentIds: [], findings: '越权走访' } },
  'GET /api/visits': { kind: 'list' },
  'POST /api/required-visits': { kind: 'record', body: { householdId: f.householdId, reason: 'emergency', description: '越权登记' } },
  'POST /api/absences': { kind: 'record', body: { accountId: f.accountId, startsOn: '2026-11-01', endsOn: '2026-11-02', reason: '越权' } },
  'GET /api/absences': { kind: 'list' },
  'GET /api/visit-cadences': { kind: 'exempt', why: 'the district catalogue, no people' },
});
