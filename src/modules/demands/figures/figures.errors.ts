import { registerErrors } from '../../../platform/errors.ts';

/** Codes of the demand figures routes, zh-CN and English. */
export const DEMAND_FIGURES_ERRORS = registerErrors({
  DEMAND_FIGURES_WINDOW_REVERSED: { status: 400, zh: '「结束日期」不能早于「开始日期」', en: 'The end date is before the start date' },
  DEMAND_FIGURES_WINDOW_TOO_LONG: { status: 400, zh: '「结束日期」距「开始日期」不能超过 3 年，请缩短统计期间', en: 'The period may be at most three years long' },
});
