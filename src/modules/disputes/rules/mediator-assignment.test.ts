import { describe, expect, it } from 'vitest';
import { THREE_BY_THREE } from './ladders.ts';
import { assignMediator, mayBeAssigned, removeMediator, type AssignmentState, type MediatorAssignment } from './mediator-assignment.ts';

const lead: MediatorAssignment = { accountId: 'a-lead', name: '王调解', role: 'lead', level: null };
const helper: MediatorAssignment = { accountId: 'a-help', name: '李协助', role: 'assisting', level: 'grid' };
const state = (over: Partial<AssignmentState> = {}): AssignmentState => ({ status: 'mediating', levelIndex: 0, assignments: [lead, helper], ...over });
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('mayBeAssigned: staff doing mediation work on the place or above it', () => {
  const place = '/d/street/community/grid1/';
  it('accepts a mediator, a grid worker, a secretary or a street officer bound on the place or above it', () => {
    expect(mayBeAssigned([{ role: 'mediator', nodePath: '/d/street/community/' }], place)).toBe(true);
    expect(mayBeAssigned([{ role: 'grid_worker', nodePath: '/d/street/community/grid1/' }], place)).toBe(true);
    expect(mayBeAssigned([{ role: 'secretary', nodePath: '/d/street/community/' }], place)).toBe(true);
    expect(mayBeAssigned([{ role: 'street_officer', nodePath: '/d/street/' }], place)).toBe(true);
  });
  it('refuses a binding in another grid or community, a role without mediation work, and no binding', () => {
    expect(mayBeAssigned([{ role: 'grid_worker', nodePath: '/d/street/community/grid2/' }], place)).toBe(false);
    expect(mayBeAssigned([{ role: 'mediator', nodePath: '/d/street/other/' }], place)).toBe(false);
    expect(mayBeAssigned([{ role: 'service_staff', nodePath: '/d/street/community/' }], place)).toBe(false);
    expect(mayBeAssigned([{ role: 'admin', nodePath: '/d/' }], place)).toBe(false);
    expect(mayBeAssigned([], place)).toBe(false);
  });
});

describe('assignMediator', () => {
  it('adds an assisting mediator for the current level', () => {
    const r = assignMediator(state(), THREE_BY_THREE, { accountId: 'a-new', name: '赵', role: 'assisting', level: 'grid' });
    expect(r.ok && r.value).toMatchObject({ kind: 'assigned', previous: null, replacedLead: null });
    expect(r.ok && r.value.assignments.map((a) => a.accountId)).toEqual(['a-lead', 'a-help', 'a-new']);
  });
  it('naming a new lead makes the previous lead assisting (one lead at a time)', () => {
    const r = assignMediator(state(), THREE_BY_THREE, { accountId: 'a-help', name: '李协助', role: 'lead', level: null });
    expect(r.ok && r.value.kind).toBe('changed');
    expect(r.ok && r.value.replacedLead?.accountId).toBe('a-lead');
    expect(r.ok && r.value.assignments.filter((a) => a.role === 'lead').map((a) => a.accountId)).toEqual(['a-help']);
    expect(r.ok && r.value.assignments.find((a) => a.accountId === 'a-lead')?.role).toBe('assisting');
  });
  it('the same assignment again changes nothing', () => {
    const r = assignMediator(state(), THREE_BY_THREE, { ...helper });
    expect(r.ok && r.value.kind).toBe('unchanged');
  });
  it('refuses a closed dispute, a level that is not the current one, and demoting the only lead while mediating', () => {
    expect(code(assignMediator(state({ status: 'closed' }), THREE_BY_THREE, { ...helper, accountId: 'x' }))).toBe('DISPUTE_ASSIGN_CLOSED');
    expect(code(assignMediator(state(), THREE_BY_THREE, { ...helper, accountId: 'x', level: 'comprehensive_office' }))).toBe('DISPUTE_ASSIGN_LEVEL_NOT_CURRENT');
    expect(code(assignMediator(state(), THREE_BY_THREE, { ...helper, accountId: 'x', level: 'nowhere' }))).toBe('DISPUTE_ASSIGN_LEVEL_NOT_CURRENT');
    expect(code(assignMediator(state({ status: 'settled' }), THREE_BY_THREE, { ...helper, accountId: 'x', level: 'grid' }))).toBe('DISPUTE_ASSIGN_LEVEL_NOT_CURRENT');
    expect(code(assignMediator(state({ levelIndex: 1 }), THREE_BY_THREE, { ...helper, accountId: 'x', level: 'comprehensive_office' }))).toBe('ok');
    expect(code(assignMediator(state(), THREE_BY_THREE, { ...lead, role: 'assisting' }))).toBe('DISPUTE_LEAD_REQUIRED');
    expect(code(assignMediator(state({ status: 'settled' }), THREE_BY_THREE, { ...lead, role: 'assisting' }))).toBe('ok');
  });
});

describe('removeMediator', () => {
  it('removes an assisting mediator at any time', () => {
    const r = removeMediator(state(), 'a-help');
    expect(r.ok && r.value.assignments.map((a) => a.accountId)).toEqual(['a-lead']);
  });
  it('keeps the last lead while mediation is open; after it the lead may go', () => {
    expect(code(removeMediator(state(), 'a-lead'))).toBe('DISPUTE_LEAD_REQUIRED');
    expect(code(removeMediator(state({ status: 'settled' }), 'a-lead'))).toBe('ok');
    expect(code(removeMediator(state({ status: 'closed' }), 'a-lead'))).toBe('ok');
  });
  it('refuses an account that is not assigned', () => {
    expect(code(removeMediator(state(), 'nobody'))).toBe('DISPUTE_NOT_ASSIGNED');
  });
});
