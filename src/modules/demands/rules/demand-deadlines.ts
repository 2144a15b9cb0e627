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
 * - a 12345 transfer carries the hotline's own limit (working days from the call): while the first
 *   period runs, the finish deadline is the earlier of ours and the hotline's. The hotline's clock is
 *   the hotline's: our suspension and our extensions do not move it (a paused demand still shows it).
 */
export type HotlineLimit = { calledAt: Date; limitWorkingDays: number };

export type DemandDeadlines = {
  respond: { by: Date; respondedAt: Date | null; met: boolean | null; overdue: boolean };
  finish: {
    limit: TimeLimit;
    /** The earlier of `own` and `hotline`; null only while suspended with no hotline limit. */
    by: Date | null;
    /** Our own deadline: null while suspended (the clock stands still). */
    own: Date | null;
    /** The 12345 hotline's deadline for this transfer (first period only), or null. */
    hotline: Date | null;
    share: number;
    paused: boolean;
    overdue: boolean;
    /** For a demand done: whether it was done within the limit. */
    onTime: boolean | null;
  };
  reminders: { urgeAt: Date | null; superviseAt: Date | null; urgeDue: boolean; superviseDue: boolean };
};

/** The instant a 12345 hotline's limit runs out: N working days counted from the day after the call. */
export function hotlineDeadline(hotline: HotlineLimit, calendar: WorkingCalendar): Date {
  return limitDeadline({ start: hotline.calledAt, limit: { unit: 'working_days', amount: hotline.limitWorkingDays }, calendar }) ?? hotline.calledAt;
}

export function demandDeadlines(input: { state: DemandState; category: CategoryRule; calendar: WorkingCalendar; now: Date; hotline?: HotlineLimit | null }): DemandDeadlines {
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
  const own = limitDeadline(clock);
  const hotline = input.hotline && state.reopenCount === 0 ? hotlineDeadline(input.hotline, calendar) : null;
  const by = own === null ? hotline : hotline === null || own.getTime() <= hotline.getTime() ? own : hotline;
  const finished = state.status === 'done' || state.status === 'closed';
  const until = finished && state.doneAt ? state.doneAt : now;
  const ownUsed = limitUsed({ ...clock, now: until });
  const hotlineShare = input.hotline && hotline ? limitUsed({ start: input.hotline.calledAt, limit: { unit: 'working_days', amount: input.hotline.limitWorkingDays }, calendar, now: until }).share : 0;
  const used = { share: Math.max(ownUsed.share, hotlineShare), paused: ownUsed.paused };
  const open = state.status !== 'done' && state.status !== 'closed' && state.status !== 'merged';
  const finish = {
    limit,
    by,
    own,
    hotline,
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
