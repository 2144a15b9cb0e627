import { figureValue, type FigureDefinition, type FigureValue, type Window } from '../../demands/rules/figures.ts';

/**
 * 调解成功率 (000: “成功率达 x% 以上”), pure. Counted over mediations concluded in the period: settled,
 * or ended without agreement (ladder exhausted, a party refused, referred out). Disputes still being
 * mediated are in neither part.
 */
export const MEDIATION_FIGURES = [
  {
    code: 'mediation_success_rate',
    name: { zh: '调解成功率', en: 'Mediation success rate' },
    help: { zh: '本期调解成功（达成协议）的纠纷数 ÷ 本期调解结束的纠纷数（成功 + 用尽层级、当事人拒绝调解或移交处理的）。仍在调解中的不计入。', en: 'Disputes settled in the period ÷ disputes whose mediation ended in the period (settled, exhausted, refused or referred out).' },
  },
] as const satisfies readonly FigureDefinition[];

export type MediationRecord = { id: string; concludedAt: Date | null; settled: boolean };

export function mediationSuccessRate(records: readonly MediationRecord[], window: Window): FigureValue {
  const concluded = records.filter((r) => r.concludedAt !== null && r.concludedAt.getTime() >= window.from.getTime() && r.concludedAt.getTime() < window.to.getTime());
  return figureValue('mediation_success_rate', concluded.filter((r) => r.settled).length, concluded.length);
}
