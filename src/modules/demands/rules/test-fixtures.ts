// Shared by the demand rules' unit tests (not used by the app).
import { buildWorkingCalendar } from '../../calendar/working-calendar.ts';
import { officialCalendar } from '../../calendar/official-holidays.ts';
import { resolveCategory, SHIPPED_CATEGORIES, type CategoryRule } from './categories.ts';
import type { EventActor } from './demand-workflow.ts';

/** The State Council calendar with no local corrections. */
export const calendar = buildWorkingCalendar({ official: officialCalendar() });

/** A shipped category's rule by its code (throws on an unknown code). */
export const category = (code: string): CategoryRule => {
  const r = resolveCategory(SHIPPED_CATEGORIES, code);
  if (!r.ok) throw new Error(r.problem);
  return r.rule;
};

export const staff: EventActor = { kind: 'staff', id: 's1', name: '王网格' };
