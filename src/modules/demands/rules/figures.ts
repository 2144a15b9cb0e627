import { chinaDate } from '../../../platform/china-time.ts';
import type { OutcomeResult, Rating } from './demand-workflow.ts';

/**
 * Figures of demand handling (per grid / community / street and period), as data with their zh help
 * text (shown in the screen's help), and pure computations over plain records. A rate whose
 * denominator is empty is null (shown “—”), never 0 % or 100 %.
 * The population of a period is the demands received in it ([from, to) in time), merged duplicates left out.
 */
export type FigureDefinition = { code: string; name: { zh: string; en: string }; help: { zh: string; en: string }; target?: number };

export const DEMAND_FIGURES = [
  {
    code: 'response_rate',
    name: { zh: '响应率', en: 'Response rate' },
    help: { zh: '在响应时限内受理（首次响应）的诉求数 ÷ 本期登记且响应时限已到或已响应的诉求数。', en: 'Demands accepted within the response limit ÷ demands received in the period whose response limit has passed or that were accepted.' },
  },
  {
    code: 'same_day_rate',
    name: { zh: '当日处理率', en: 'Same-day handling rate' },
    help: { zh: '登记当天（北京时间）办结的诉求数 ÷ 本期登记的诉求数（今天登记、尚未办结的不计入分母）。004 号经验材料：当日处理率达 85%。', en: 'Demands done on the day they were received (China time) ÷ demands received (today’s open ones not counted yet).' },
    target: 0.85,
  },
  {
    code: 'on_time_rate',
    name: { zh: '按时办结率', en: 'On-time rate' },
    help: { zh: '在办结时限内（含批准的延期，挂起期间不计时）办结的诉求数 ÷（已办结的诉求数 + 已超时未办结的诉求数）。', en: 'Demands done within the limit (approved extensions included, suspension not counted) ÷ (done + open and overdue).' },
  },
  {
    code: 'resolution_rate',
    name: { zh: '解决率', en: 'Resolution rate' },
    help: { zh: '办理结果为“已解决”的诉求数 ÷ 已办结的诉求数（“已解释说明”“无法解决”不算解决）。', en: 'Demands done with the outcome “resolved” ÷ demands done.' },
  },
  {
    code: 'satisfaction_rate',
    name: { zh: '满意率', en: 'Satisfaction rate' },
    help: { zh: '评价为“满意”或“基本满意”的诉求数 ÷ 已评价的诉求数（以最近一次评价为准）。', en: 'Demands rated satisfied or basically satisfied ÷ demands rated (latest rating).' },
  },
] as const satisfies readonly FigureDefinition[];

export type FigureValue = { code: string; numerator: number; denominator: number; rate: number | null; display: string };

export function figureValue(code: string, numerator: number, denominator: number): FigureValue {
  const rate = denominator === 0 ? null : numerator / denominator;
  return { code, numerator, denominator, rate, display: rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%` };
}

export type DemandRecord = {
  id: string;
  receivedAt: Date;
  respondBy: Date;
  respondedAt: Date | null;
  /** null while suspended. */
  finishBy: Date | null;
  doneAt: Date | null;
  outcome: OutcomeResult | null;
  /** Latest rating. */
  rating: Rating | null;
  merged: boolean;
};

export type Window = { from: Date; to: Date };

const inWindow = (at: Date, w: Window) => at.getTime() >= w.from.getTime() && at.getTime() < w.to.getTime();

export function demandFigures(input: { records: readonly DemandRecord[]; window: Window; now: Date }): Record<(typeof DEMAND_FIGURES)[number]['code'], FigureValue> {
  const now = input.now.getTime();
  const today = chinaDate(input.now);
  const pop = input.records.filter((r) => !r.merged && inWindow(r.receivedAt, input.window));
  const responded = pop.filter((r) => r.respondedAt !== null || r.respondBy.getTime() < now);
  const sameDayBase = pop.filter((r) => r.doneAt !== null || chinaDate(r.receivedAt) < today);
  const done = pop.filter((r) => r.doneAt !== null);
  const overdueOpen = pop.filter((r) => r.doneAt === null && r.finishBy !== null && r.finishBy.getTime() < now);
  const rated = pop.filter((r) => r.rating !== null);
  return {
    response_rate: figureValue('response_rate', responded.filter((r) => r.respondedAt !== null && r.respondedAt.getTime() <= r.respondBy.getTime()).length, responded.length),
    same_day_rate: figureValue('same_day_rate', sameDayBase.filter((r) => r.doneAt !== null && chinaDate(r.doneAt) === chinaDate(r.receivedAt)).length, sameDayBase.length),
    on_time_rate: figureValue('on_time_rate', done.filter((r) => r.doneAt !== null && (r.finishBy === null || r.doneAt.getTime() <= r.finishBy.getTime())).length, done.length + overdueOpen.length),
    resolution_rate: figureValue('resolution_rate', done.filter((r) => r.outcome === 'resolved').length, done.length),
    satisfaction_rate: figureValue('satisfaction_rate', rated.filter((r) => r.rating === 'satisfied' || r.rating === 'basically_satisfied').length, rated.length),
  };
}

/** Open demands (backlog) and the overdue ones, most overdue first. */
export function backlogAndOverdue(records: readonly DemandRecord[], now: Date): { backlog: number; overdue: { id: string; overdueMs: number }[] } {
  const open = records.filter((r) => !r.merged && r.doneAt === null);
  const overdue = open
    .filter((r) => r.finishBy !== null && r.finishBy.getTime() < now.getTime())
    .map((r) => ({ id: r.id, overdueMs: now.getTime() - (r.finishBy?.getTime() ?? 0) }))
    .sort((a, b) => b.overdueMs - a.overdueMs);
  return { backlog: open.length, overdue };
}
