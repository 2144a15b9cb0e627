import { limitDeadline, limitShareInstant, limitUsed, type TimeLimit } from '../../calendar/time-limit.ts';
import type { WorkingCalendar } from '../../calendar/working-calendar.ts';
import type { CategoryRule } from './categories.ts';
import type { DemandState } from './demand-workflow.ts';

/**
 * A demand's deadlines, derived from its state, its category's limits and the working calendar (pure).
 * - respond: counted from receipt to the first acceptance; suspension does not apply before acceptance.
 * - finish: counted from the start of the current period (receipt, or the latest reopening), plus
 *   approved extensions (in the limit's own unit), with suspended intervals not counted.
 * - urging (催办) and a supervision notice (督办) fall due at the category's shares of the finish limit,
 *   once per period (an extension starts the reminders afresh).
 */
export type DemandDeadlines = {
  respond: { by: Date; respondedAt: Date | null; met: boolean | null; overdue: boolean };
  finish: {
    limit: TimeLimit;
    /** null while suspended (the clock stands still). */
    by: Date | null;
    share: number;
    paused: boolean;
    overdue: boolean;
    /** For a demand done: whether it was done within the limit. */
    onTime: boolean | null;
  };
  reminders: { urgeAt: Date | null; superviseAt: Date | null; urgeDue: boolean; superviseDue: boolean };
};

export function demandDeadlines(input: { state: DemandState; category: CategoryRule; calendar: WorkingCalendar; now: Date }): DemandDeadlines {
  const { state, category, calendar, now } = input;
  const respondBy = limitDeadline({ start: state.receivedAt, limit: category.respond, calendar }) ?? state.receivedAt;
  const responded = state.respondedAt;
  const respond = {
    by: respondBy,
    respondedAt: responded,
    met: responded ? responded.getTime() <= respondBy.getTime() : null,
    overdue: !responded && now.getTime() > respondBy.getTime() && (state.status === 'received' || state.status === 'routed'),
  };

  const limit: TimeLimit = { unit: category.finish.unit, amount: category.finish.amount + state.extension };
  const clock = { start: state.periodStart, limit, pauses: state.pauses, calendar };
  const by = limitDeadline(clock);
  const finished = state.status === 'done' || state.status === 'closed';
  const until = finished && state.doneAt ? state.doneAt : now;
  const used = limitUsed({ ...clock, now: until });
  const open = state.status !== 'done' && state.status !== 'closed' && state.status !== 'merged';
  const finish = {
    limit,
    by,
    share: used.share,
    paused: used.paused,
    overdue: open && by !== null && now.getTime() > by.getTime(),
    onTime: finished && state.doneAt ? by === null || state.doneAt.getTime() <= by.getTime() : null,
  };

  const urgeAt = limitShareInstant({ ...clock, share: category.reminders.urgeAt });
  const superviseAt = limitShareInstant({ ...clock, share: category.reminders.superviseAt });
  const reminders = {
    urgeAt,
    superviseAt,
    urgeDue: open && !state.reminders.urged && urgeAt !== null && now.getTime() >= urgeAt.getTime(),
    superviseDue: open && !state.reminders.supervised && superviseAt !== null && now.getTime() >= superviseAt.getTime(),
  };
  return { respond, finish, reminders };
}
