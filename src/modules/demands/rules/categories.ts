import type { TimeLimit } from '../../calendar/time-limit.ts';

/**
 * Demand categories (诉求分类) as data: a tree; each category names the level that handles it first
 * (能处则处，逐级上报: the lowest level able to act) and its time limits — to respond (响应) and to
 * finish (办结) — in natural hours or in working days, plus the shares of the finish limit at which
 * urging (催办) and a supervision notice (督办) go out. A child inherits what it does not set.
 * Limits are configuration with defaults (12345 rules set them per jurisdiction and category,
 * 北京市接诉即办工作条例 13; 济南 2018 art. 24: reply within 5 working days).
 */
export const HANDLING_LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

export const LEVEL_NAMES: Record<HandlingLevel, { zh: string; en: string }> = {
  grid: { zh: '网格', en: 'Grid' },
  community: { zh: '社区', en: 'Community' },
  street: { zh: '街道', en: 'Street office' },
  district: { zh: '区职能部门', en: 'District department' },
};

export type ReminderShares = {
  /** Share of the finish limit used when urging (催办) goes out, e.g. 0.5. */
  urgeAt: number;
  /** Share used when a supervision notice (督办) goes out, e.g. 0.8 (≥ urgeAt). */
  superviseAt: number;
};

export type DemandCategory = {
  code: string;
  parent: string | null;
  name: { zh: string; en: string };
  firstLevel?: HandlingLevel;
  respond?: TimeLimit;
  finish?: TimeLimit;
  reminders?: ReminderShares;
};

export type CategoryRule = {
  code: string;
  name: { zh: string; en: string };
  /** Codes from the root down to this category. */
  lineage: string[];
  firstLevel: HandlingLevel;
  respond: TimeLimit;
  finish: TimeLimit;
  reminders: ReminderShares;
};

export const DEFAULT_REMINDERS: ReminderShares = { urgeAt: 0.5, superviseAt: 0.8 };

const hours = (amount: number): TimeLimit => ({ unit: 'natural_hours', amount });
const workingDays = (amount: number): TimeLimit => ({ unit: 'working_days', amount });

/** The shipped tree (a district edits its own copy). */
export const SHIPPED_CATEGORIES = [
  { code: 'environment', parent: null, name: { zh: '环境卫生', en: 'Environment and sanitation' }, firstLevel: 'grid', respond: hours(2), finish: workingDays(1) },
  { code: 'environment.garbage', parent: 'environment', name: { zh: '垃圾清运', en: 'Rubbish collection' } },
  { code: 'environment.greening', parent: 'environment', name: { zh: '绿化养护', en: 'Green spaces' }, finish: workingDays(3) },
  { code: 'property', parent: null, name: { zh: '物业管理', en: 'Property management' }, firstLevel: 'community', respond: hours(24), finish: workingDays(5) },
  { code: 'property.repair', parent: 'property', name: { zh: '公共设施报修', en: 'Shared facilities repair' } },
  { code: 'property.lift', parent: 'property', name: { zh: '电梯故障', en: 'Lift breakdown' }, respond: hours(2), finish: hours(24), reminders: { urgeAt: 0.25, superviseAt: 0.5 } },
  { code: 'neighbour', parent: null, name: { zh: '邻里关系', en: 'Neighbours' }, firstLevel: 'grid', respond: hours(24), finish: workingDays(3) },
  { code: 'safety', parent: null, name: { zh: '安全隐患', en: 'Safety hazard' }, firstLevel: 'grid', respond: hours(1), finish: hours(24), reminders: { urgeAt: 0.25, superviseAt: 0.5 } },
  { code: 'welfare', parent: null, name: { zh: '社会保障', en: 'Social security' }, firstLevel: 'community', respond: workingDays(1), finish: workingDays(5) },
  { code: 'welfare.assistance', parent: 'welfare', name: { zh: '低保与救助', en: 'Minimum allowance and relief' } },
  { code: 'welfare.elderly', parent: 'welfare', name: { zh: '养老服务', en: 'Elderly care' } },
  { code: 'municipal', parent: null, name: { zh: '市政设施', en: 'Municipal facilities' }, firstLevel: 'street', respond: workingDays(1), finish: workingDays(10) },
  { code: 'municipal.road', parent: 'municipal', name: { zh: '道路破损', en: 'Damaged road' } },
  { code: 'municipal.streetlight', parent: 'municipal', name: { zh: '路灯不亮', en: 'Street light out' }, finish: workingDays(5) },
  { code: 'policy', parent: null, name: { zh: '政策咨询', en: 'Policy question' }, firstLevel: 'community', respond: hours(4), finish: workingDays(2) },
  { code: 'other', parent: null, name: { zh: '其他', en: 'Other' }, firstLevel: 'community', respond: workingDays(1), finish: workingDays(5) },
] as const satisfies readonly DemandCategory[];

export type CategoryProblem = { code: string; problem: string };

/** What a schema cannot see: unknown parents, cycles, roots without limits, shares out of order. */
export function validateCategories(categories: readonly DemandCategory[]): CategoryProblem[] {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const problems: CategoryProblem[] = [];
  if (byCode.size !== categories.length) problems.push({ code: '*', problem: '分类代码重复' });
  for (const c of categories) {
    if (c.parent !== null && !byCode.has(c.parent)) problems.push({ code: c.code, problem: `上级分类 ${c.parent} 不存在` });
    const resolved = resolveCategory(categories, c.code);
    if (!resolved.ok) problems.push({ code: c.code, problem: resolved.problem });
    else {
      const r = resolved.rule;
      if (!(r.reminders.urgeAt > 0 && r.reminders.urgeAt <= r.reminders.superviseAt && r.reminders.superviseAt <= 1)) {
        problems.push({ code: c.code, problem: '催办、督办比例应满足 0 < 催办 ≤ 督办 ≤ 1' });
      }
      if (r.respond.amount < 0 || r.finish.amount <= 0) problems.push({ code: c.code, problem: '时限应为正数' });
    }
  }
  return problems;
}

/** A category with everything it inherits filled in. */
export function resolveCategory(categories: readonly DemandCategory[], code: string): { ok: true; rule: CategoryRule } | { ok: false; problem: string } {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const lineage: DemandCategory[] = [];
  let current = byCode.get(code);
  if (!current) return { ok: false, problem: `分类 ${code} 不存在` };
  while (current) {
    if (lineage.includes(current)) return { ok: false, problem: `分类 ${code} 的上级关系成环` };
    lineage.unshift(current);
    current = current.parent === null ? undefined : byCode.get(current.parent);
  }
  const pick = <K extends 'firstLevel' | 'respond' | 'finish' | 'reminders'>(key: K): DemandCategory[K] => {
    for (let i = lineage.length - 1; i >= 0; i--) {
      const value = lineage[i]?.[key];
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const firstLevel = pick('firstLevel');
  const respond = pick('respond');
  const finish = pick('finish');
  if (!firstLevel || !respond || !finish) return { ok: false, problem: `分类 ${code} 缺少首办层级或时限（本级和上级都未设置）` };
  const self = lineage[lineage.length - 1];
  return {
    ok: true,
    rule: { code, name: self?.name ?? { zh: code, en: code }, lineage: lineage.map((c) => c.code), firstLevel, respond, finish, reminders: pick('reminders') ?? DEFAULT_REMINDERS },
  };
}

/** The level above, or null at the top. */
export function levelAbove(level: HandlingLevel): HandlingLevel | null {
  return HANDLING_LEVELS[HANDLING_LEVELS.indexOf(level) + 1] ?? null;
}

export function levelRank(level: HandlingLevel): number {
  return HANDLING_LEVELS.indexOf(level);
}
