/**
 * The one place where matters reaches into the other parts of issue #3 (rules, meetings, public board,
 * calendar). Each import is named here so a stand-in can be switched to the real function in one line.
 */
import type { Db } from '../../../platform/db/database.ts';
import { loadWorkingCalendar, workingDayPredicate as calendarPredicate } from '../../calendar/index.ts';

export { publishEntry, unansweredObjectionCount } from '../../public-board/publish-entry.ts';

/** The shipped templates (RULES' shipped-procedures.ts). */
export { SHIPPED_PROCEDURES } from '../rules/shipped-procedures.ts';

export { meetingOutcome, type MeetingOutcome } from '../meetings/close-meeting.ts';

/** Is a China date (YYYY-MM-DD) a working day? The district's working calendar (official holidays + overrides). */
export async function workingDayPredicate(tx: Db, districtId: string): Promise<(date: string) => boolean> {
  return calendarPredicate(await loadWorkingCalendar(tx, districtId));
}
