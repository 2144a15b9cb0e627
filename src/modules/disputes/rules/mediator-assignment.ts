import { roleGrants } from '../../../platform/auth/roles.ts';
import { ok, refuse, type RuleResult } from '../../demands/rules/rule-result.ts';
import type { EscalationLadder } from './ladders.ts';
import type { LadderStatus } from './mediation-ladder.ts';

/**
 * Supervisors (dispute.supervise over the dispute's place: 综治办 / 调委会 leaders) assign the mediators
 * of a dispute: one lead mediator (主调解员), others assisting (协助调解员), optionally for the ladder
 * level current at the time. Pure: who may be assigned, and what an assignment or a removal changes.
 * - the assignee must be able to open the dispute and do mediation work there: a role binding on the
 *   dispute's place or one of its ancestors whose role grants dispute.read and one of dispute.mediate /
 *   dispute.record / dispute.supervise (the same roles the attempt form offers as mediators);
 * - a closed dispute takes no assignment; a level, when given, must be the current one while mediating;
 * - naming a new lead makes the previous lead assisting (one lead at a time);
 * - while mediation is still open (status mediating) the last lead cannot be removed or made assisting.
 */
export const ASSIGNMENT_RULE_ERRORS = {
  DISPUTE_ASSIGNEE_OUT_OF_SCOPE: { status: 400, zh: '「调解员」须是负责该纠纷所在地（或其上级）调解工作的工作人员，不能指派辖区以外的人员', en: 'The mediator must be staff doing mediation work for the dispute’s place or above it' },
  DISPUTE_ASSIGNEE_DISABLED: { status: 400, zh: '「调解员」的账号已停用，不能指派', en: 'The mediator’s account is disabled' },
  DISPUTE_ASSIGN_CLOSED: { status: 409, zh: '该纠纷已结案，不能再指派调解员', en: 'The dispute is closed; no mediator can be assigned' },
  DISPUTE_ASSIGN_LEVEL_NOT_CURRENT: { status: 409, zh: '「调解层级」应为纠纷当前所在的层级', en: 'The level must be the dispute’s current level' },
  DISPUTE_LEAD_REQUIRED: { status: 409, zh: '调解尚在进行，不能撤下唯一的主调解员：请先指定新的主调解员', en: 'Mediation is open: name another lead mediator before removing this one' },
  DISPUTE_NOT_ASSIGNED: { status: 409, zh: '该工作人员不是本纠纷指派的调解员', en: 'This account is not an assigned mediator of the dispute' },
} as const;
type Code = keyof typeof ASSIGNMENT_RULE_ERRORS;
const fail = (code: Code, details: Record<string, unknown> = {}, message?: { zh: string; en: string }) => refuse(ASSIGNMENT_RULE_ERRORS, code, details, message);

export type MediatorRole = 'lead' | 'assisting';
export const MEDIATOR_ROLES = {
  lead: { zh: '主调解员', en: 'Lead mediator' },
  assisting: { zh: '协助调解员', en: 'Assisting mediator' },
} as const satisfies Record<MediatorRole, { zh: string; en: string }>;

export type MediatorAssignment = { accountId: string; name: string; role: MediatorRole; level: string | null };

/** The dispute as the assignment rules see it. */
export type AssignmentState = { status: LadderStatus; levelIndex: number; assignments: readonly MediatorAssignment[] };

export type AssignmentChange = {
  assignments: MediatorAssignment[];
  /** What happened to the assignee: newly assigned, role or level changed, or nothing to do. */
  kind: 'assigned' | 'changed' | 'unchanged';
  previous: MediatorAssignment | null;
  /** The lead who became assisting because another was named lead. */
  replacedLead: MediatorAssignment | null;
};

/** May an account with these bindings be assigned to a dispute at `disputePath`? Pure. */
export function mayBeAssigned(bindings: readonly { role: string; nodePath: string }[], disputePath: string): boolean {
  return bindings.some(
    (b) => disputePath.startsWith(b.nodePath) && roleGrants(b.role, 'dispute.read') && (roleGrants(b.role, 'dispute.mediate') || roleGrants(b.role, 'dispute.record') || roleGrants(b.role, 'dispute.supervise')),
  );
}

/** Assigns (or re-assigns with another role or level) one mediator. */
export function assignMediator(state: AssignmentState, ladder: EscalationLadder, input: MediatorAssignment): RuleResult<AssignmentChange> {
  if (state.status === 'closed') return fail('DISPUTE_ASSIGN_CLOSED');
  if (input.level !== null) {
    const current = ladder.levels[state.levelIndex];
    if (!ladder.levels.some((l) => l.key === input.level)) return fail('DISPUTE_ASSIGN_LEVEL_NOT_CURRENT', { field: 'level', level: input.level }, { zh: '「调解层级」不在该纠纷所用的调解流程中', en: 'The level is not on this dispute’s ladder' });
    if (state.status !== 'mediating' || !current) return fail('DISPUTE_ASSIGN_LEVEL_NOT_CURRENT', { field: 'level' }, { zh: '该纠纷已不在阶梯调解中，指派时不能再选「调解层级」', en: 'Mediation on the ladder has ended; assign without a level' });
    if (current.key !== input.level) return fail('DISPUTE_ASSIGN_LEVEL_NOT_CURRENT', { field: 'level', current: current.key }, { zh: `「调解层级」应为当前层级「${current.name.zh}」`, en: `The level must be the current one (${current.name.en})` });
  }
  const previous = state.assignments.find((a) => a.accountId === input.accountId) ?? null;
  if (previous && previous.role === input.role && previous.level === input.level) return ok({ assignments: [...state.assignments], kind: 'unchanged', previous, replacedLead: null });
  if (previous?.role === 'lead' && input.role === 'assisting' && state.status === 'mediating') return fail('DISPUTE_LEAD_REQUIRED', { field: 'role' }, { zh: '调解尚在进行，不能把唯一的主调解员改为协助：请先指定新的主调解员', en: 'Mediation is open: name another lead mediator first' });
  const replacedLead = input.role === 'lead' ? (state.assignments.find((a) => a.role === 'lead' && a.accountId !== input.accountId) ?? null) : null;
  const others = state.assignments.filter((a) => a.accountId !== input.accountId).map((a) => (replacedLead && a.accountId === replacedLead.accountId ? { ...a, role: 'assisting' as const } : a));
  return ok({ assignments: [...others, { ...input }], kind: previous ? 'changed' : 'assigned', previous, replacedLead });
}

/** Removes one assigned mediator; the last lead stays while mediation is open. */
export function removeMediator(state: AssignmentState, accountId: string): RuleResult<{ assignments: MediatorAssignment[]; removed: MediatorAssignment }> {
  const removed = state.assignments.find((a) => a.accountId === accountId);
  if (!removed) return fail('DISPUTE_NOT_ASSIGNED', { accountId });
  if (removed.role === 'lead' && state.status === 'mediating') return fail('DISPUTE_LEAD_REQUIRED', { accountId });
  return ok({ assignments: state.assignments.filter((a) => a.accountId !== accountId), removed });
}
