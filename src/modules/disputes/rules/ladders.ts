/**
 * Dispute escalation ladders (调解层级) as data, and the mediation methods the seeds name.
 * A ladder is an ordered list of levels, each with the most attempts allowed there; after the last
 * failed attempt at a level the dispute moves up; after the top it is referred out (court, arbitration,
 * petition office …) and stays tracked (人民调解法 26: the parties are told of those channels).
 */
export type LadderLevel = {
  key: string;
  name: { zh: string; en: string };
  /** Attempts allowed at this level before it moves up. */
  maxAttempts: number;
};

export type EscalationLadder = {
  code: string;
  name: { zh: string; en: string };
  source: string;
  levels: readonly LadderLevel[];
};

export const REFERRAL_TARGETS = {
  court: { zh: '人民法院（诉讼）', en: 'People’s court (litigation)' },
  arbitration: { zh: '仲裁机构', en: 'Arbitration' },
  labour_arbitration: { zh: '劳动人事争议仲裁委员会', en: 'Labour dispute arbitration' },
  petition_office: { zh: '信访部门', en: 'Petition office' },
  administrative: { zh: '行政主管部门（行政调解、行政裁决）', en: 'Administrative authority' },
  police: { zh: '公安机关（可能转化为治安或刑事案件，人民调解法 25）', en: 'Police (may become a public-order or criminal case)' },
} as const;
export type ReferralTarget = keyof typeof REFERRAL_TARGETS;

/** 三三制 (seed 000): grid ×3 → 综治办 ×3 → 人民调解委员会 ×3. */
export const THREE_BY_THREE: EscalationLadder = {
  code: 'three_by_three',
  name: { zh: '三三制', en: '3×3 ladder' },
  source: '000：先由网格调解三次，若不能解决，则由社区综治办协调各方力量调解三次，调解不成功，再交由社区人民调解委员会再进行三次调解',
  levels: [
    { key: 'grid', name: { zh: '网格调解', en: 'Grid mediation' }, maxAttempts: 3 },
    { key: 'comprehensive_office', name: { zh: '社区综治办调解', en: 'Community comprehensive-governance office' }, maxAttempts: 3 },
    { key: 'mediation_committee', name: { zh: '人民调解委员会调解', en: 'People’s mediation committee' }, maxAttempts: 3 },
  ],
};

/**
 * “分流”调解 (seed 004): 协管员入户调解 → 社区调解 → 街道调解中心. The seed names the levels, not the
 * number of attempts at each: three per level is the shipped default (the same as 三三制), a setting.
 */
export const DIVERSION_004: EscalationLadder = {
  code: 'diversion_004',
  name: { zh: '分流调解（协管员—社区—街道）', en: 'Diversion ladder (assistant → community → street)' },
  source: '004：“分流”调解，协管员入户调解→社区调解→街道调解中心',
  levels: [
    { key: 'assistant_home_visit', name: { zh: '协管员入户调解', en: 'Assistant’s home visit' }, maxAttempts: 3 },
    { key: 'community', name: { zh: '社区调解', en: 'Community mediation' }, maxAttempts: 3 },
    { key: 'street_centre', name: { zh: '街道调解中心', en: 'Street mediation centre' }, maxAttempts: 3 },
  ],
};

export const SHIPPED_LADDERS: readonly EscalationLadder[] = [THREE_BY_THREE, DIVERSION_004];

/** Mediation methods recorded per attempt (seeds 000 and 002); `custom` needs its own description. */
export const MEDIATION_METHODS = {
  five_steps: {
    name: { zh: '五步调解法', en: 'Five-step method' },
    help: { zh: '真情相待，稳定情绪；加强教育，摆明事理；深入调查，摸清实情；协调各方，凝成合力；依法调解，维护权益（000）', en: 'Calm the parties; explain the rules; investigate; coordinate; mediate by law (000)' },
  },
  five_hearts: {
    name: { zh: '五心调解法', en: 'Five-hearts method' },
    help: { zh: '热心问、耐心听、细心查、诚心劝、贴心想（002）', en: 'Ask warmly, listen patiently, check carefully, persuade sincerely, think considerately (002)' },
  },
  sincerity: { name: { zh: '真诚调解法', en: 'Sincerity method' }, help: { zh: '以真诚取得双方信任（000）', en: 'Win both sides’ trust by sincerity (000)' } },
  soothing: {
    name: { zh: '疏心调解法', en: 'Soothing method' },
    help: { zh: '学会语言变通，不把不利于调解的话相互传达，不歪曲当事人意愿，减少双方的怨气和怒气（000）', en: 'Rephrase, do not pass on hurtful words, reduce anger (000)' },
  },
  light_touch: { name: { zh: '四两拨千斤调解法', en: 'Light-touch method' }, help: { zh: '抓住关键，以小博大（000）', en: 'Find the key point (000)' } },
  custom: { name: { zh: '其他方法', en: 'Other method' }, help: { zh: '请写明所用方法', en: 'Describe the method used' } },
} as const;
export type MediationMethod = keyof typeof MEDIATION_METHODS;

export type LadderProblem = { ladder: string; problem: string };

/** What a schema cannot see in a district's own ladder. */
export function validateLadder(ladder: EscalationLadder): LadderProblem[] {
  const problems: LadderProblem[] = [];
  if (ladder.levels.length === 0) problems.push({ ladder: ladder.code, problem: '调解层级不能为空' });
  const keys = ladder.levels.map((l) => l.key);
  if (new Set(keys).size !== keys.length) problems.push({ ladder: ladder.code, problem: '调解层级代码重复' });
  for (const level of ladder.levels) {
    if (!Number.isInteger(level.maxAttempts) || level.maxAttempts < 1) problems.push({ ladder: ladder.code, problem: `「${level.name.zh}」的调解次数应为正整数` });
  }
  return problems;
}
