import type { Measure, ShareRule } from './procedure-template.ts';

/**
 * The tally of one item of one meeting: quorum met?, passed?, counts, and the arithmetic in words for
 * the minutes. Pure and exact: every comparison is done on integers (BigInt), never on fractions —
 * `more_than num/den of B` is `den·x > num·B`, `at_least` is `den·x ≥ num·B` (民法典 1259: 以上 includes,
 * 超过 excludes, 过半数 = strictly more than half). Floor area is counted in integer hundredths of ㎡.
 *
 * - Entitled (应到): the electorate minus members recused for the item (回避: neither entitled nor present).
 * - Present (实到 / 参与表决): members in `present`, plus any entitled member who cast a ballot (casting a
 *   ballot is taking part); absent members are not present. Ballots from people outside the entitled
 *   electorate (or recused) are ignored and counted in `counts.ignoredBallots`; a member's second ballot
 *   is ignored too (the first counts).
 * - Abstaining, or being present without a ballot, counts as present but not yes: against any rule on
 *   the `present` base, abstention works like a no.
 * - Zero attendance (or nobody entitled) never meets the quorum, whatever the rule, and never divides.
 * - No attendance rule: the quorum is met when at least one entitled member is present.
 *   No decision rule: `passed` = `quorumMet` (a stage that meets without voting).
 * - The result passes only if the quorum is met and the decision rule holds in every measure
 *   (owners: area AND head).
 */

export type Choice = 'yes' | 'no' | 'abstain';
export type Elector = {
  memberId: string;
  /** head is always 1; area is the owner's exclusive floor area in ㎡ (up to 2 decimals), for owners' votes. */
  weight: { head: 1; area?: number | null };
  /** Concerned by the item: neither entitled nor present for it. */
  recused?: boolean;
};
export type TallyInput = {
  rule: { attendance: ShareRule | null; decision: ShareRule | null };
  electorate: readonly Elector[];
  present: readonly string[];
  ballots: readonly { memberId: string; choice: Choice }[];
};
/** Counts of one measure: heads, or floor area in integer hundredths of ㎡. */
export type MeasureCounts = { entitled: number; present: number; yes: number; no: number; abstain: number };
export type TallyResult = {
  quorumMet: boolean;
  passed: boolean;
  counts: { head: MeasureCounts; areaCenti: MeasureCounts; recused: number; ignoredBallots: number };
  /** The sentence for the minutes, e.g. "应到 35 人，实到 27 人，超过三分之二；同意 20 票，超过实到人数半数，通过". */
  explanation: { zh: string; en: string };
  /** The full breakdown of votes, e.g. "同意 20 票，反对 5 票，弃权 2 票，未投票 0 人". */
  breakdown: { zh: string; en: string };
};

/** ㎡ with up to 2 decimals → integer hundredths. Throws on a negative or non-finite area. */
export function areaToCenti(area: number | null | undefined): number {
  if (area == null) return 0;
  if (!Number.isFinite(area) || area < 0) throw new RangeError(`bad floor area: ${area}`);
  return Math.round(area * 100);
}

/** Integer hundredths of ㎡ → "1234.56". */
export function formatArea(centi: number): string {
  const whole = Math.floor(centi / 100);
  const frac = centi % 100;
  return `${whole}.${String(frac).padStart(2, '0')}`;
}

export type Relation = 'above' | 'equal' | 'below';
/** Where x stands against num/den of total, exactly. */
export function relationToShare(x: number, total: number, num: number, den: number): Relation {
  const lhs = BigInt(den) * BigInt(x);
  const rhs = BigInt(num) * BigInt(total);
  return lhs > rhs ? 'above' : lhs === rhs ? 'equal' : 'below';
}

/** Does x meet the rule's share of total? A zero total never meets a share (nothing to divide). */
export function meetsShare(x: number, total: number, rule: Pick<ShareRule, 'comparison' | 'num' | 'den'>): boolean {
  if (total <= 0) return false;
  const rel = relationToShare(x, total, rule.num, rule.den);
  return rule.comparison === 'more_than' ? rel === 'above' : rel !== 'below';
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN_DEN: Record<number, [string, string]> = { 2: ['half', 'halves'], 3: ['third', 'thirds'], 4: ['quarter', 'quarters'], 5: ['fifth', 'fifths'], 10: ['tenth', 'tenths'] };
const EN_NUM = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** 1/2 → 半数, 2/3 → 三分之二, 3/4 → 四分之三; large numbers in digits. */
export function fractionZh(num: number, den: number): string {
  if (num === 1 && den === 2) return '半数';
  if (num === den) return '全部';
  if (den <= 10 && num <= 10) return `${CN_DIGITS[den]}分之${CN_DIGITS[num]}`;
  return `${num}/${den}`;
}
export function fractionEn(num: number, den: number): string {
  if (num === 1 && den === 2) return 'half';
  if (num === den) return 'all';
  const d = EN_DEN[den];
  if (d && num <= 10) return `${EN_NUM[num]} ${num === 1 ? d[0] : d[1]}`;
  return `${num}/${den}`;
}

function relWordZh(rel: Relation, comparison: ShareRule['comparison']): string {
  if (rel === 'above') return '超过';
  if (comparison === 'more_than') return '未超过';
  return rel === 'equal' ? '达到' : '不足';
}
function relWordEn(rel: Relation, comparison: ShareRule['comparison']): string {
  if (rel === 'above') return 'more than';
  if (comparison === 'more_than') return 'not more than';
  return rel === 'equal' ? 'exactly' : 'less than';
}

type Side = { head: MeasureCounts; areaCenti: MeasureCounts };
const countsOf = (side: Side, m: Measure): MeasureCounts => (m === 'head' ? side.head : side.areaCenti);

export function tally(input: TallyInput): TallyResult {
  const { rule } = input;
  // A member listed twice counts once; a member recused in any listing stays recused.
  const recusedIds = new Set(input.electorate.filter((e) => e.recused).map((e) => e.memberId));
  const entitled = new Map<string, Elector>();
  for (const e of input.electorate) if (!recusedIds.has(e.memberId) && !entitled.has(e.memberId)) entitled.set(e.memberId, e);
  const recused = recusedIds.size;

  const choices = new Map<string, Choice>();
  let ignoredBallots = 0;
  for (const b of input.ballots) {
    if (!entitled.has(b.memberId) || choices.has(b.memberId)) {
      ignoredBallots++;
      continue;
    }
    choices.set(b.memberId, b.choice);
  }
  const presentIds = new Set<string>();
  for (const id of input.present) if (entitled.has(id)) presentIds.add(id);
  for (const id of choices.keys()) presentIds.add(id);

  const zero = (): MeasureCounts => ({ entitled: 0, present: 0, yes: 0, no: 0, abstain: 0 });
  const head = zero();
  const area = zero();
  for (const [id, e] of entitled) {
    const a = areaToCenti(e.weight.area);
    head.entitled += 1;
    area.entitled += a;
    if (!presentIds.has(id)) continue;
    head.present += 1;
    area.present += a;
    const c = choices.get(id);
    if (c) {
      head[c] += 1;
      area[c] += a;
    }
  }
  const side: Side = { head, areaCenti: area };

  const usesArea = [rule.attendance, rule.decision].some((r) => r?.measures.includes('area'));
  const measuresOf = (r: ShareRule | null): Measure[] => (r && r.measures.length > 0 ? [...new Set(r.measures)] : ['head']);

  // Quorum.
  let quorumMet: boolean;
  if (head.entitled === 0 || head.present === 0) quorumMet = false;
  else if (!rule.attendance) quorumMet = true;
  else {
    const a = rule.attendance;
    quorumMet = measuresOf(a).every((m) => {
      const c = countsOf(side, m);
      return meetsShare(c.present, a.base === 'entitled' ? c.entitled : c.present, a);
    });
  }
  // Decision.
  let passed: boolean;
  if (!quorumMet) passed = false;
  else if (!rule.decision) passed = true;
  else {
    const d = rule.decision;
    passed = measuresOf(d).every((m) => {
      const c = countsOf(side, m);
      return meetsShare(c.yes, d.base === 'entitled' ? c.entitled : c.present, d);
    });
  }

  // Words.
  const zh: string[] = [];
  const en: string[] = [];
  const recusedZh = recused > 0 ? `（${recused} 人回避，不计入）` : '';
  const recusedEn = recused > 0 ? ` (${recused} recused, not counted)` : '';
  const attendanceMeasures: Measure[] = usesArea ? ['area', 'head'] : ['head'];
  const attParts = attendanceMeasures.map((m) => {
    const c = countsOf(side, m);
    const a = rule.attendance && measuresOf(rule.attendance).includes(m) ? rule.attendance : null;
    let z: string;
    let e: string;
    if (m === 'area') {
      z = `专有部分面积共 ${formatArea(c.entitled)} ㎡，参与表决 ${formatArea(c.present)} ㎡`;
      e = `exclusive floor area ${formatArea(c.entitled)} ㎡ in all, ${formatArea(c.present)} ㎡ taking part`;
    } else if (usesArea) {
      z = `业主共 ${c.entitled} 人${recusedZh}，参与表决 ${c.present} 人`;
      e = `${c.entitled} owners in all${recusedEn}, ${c.present} taking part`;
    } else {
      z = `应到 ${c.entitled} 人${recusedZh}，实到 ${c.present} 人`;
      e = `${c.entitled} entitled${recusedEn}, ${c.present} present`;
    }
    if (a && c.entitled > 0) {
      const total = a.base === 'entitled' ? c.entitled : c.present;
      const rel = relationToShare(c.present, total, a.num, a.den);
      z += `，${relWordZh(rel, a.comparison)}${fractionZh(a.num, a.den)}`;
      e += `, ${relWordEn(rel, a.comparison)} ${fractionEn(a.num, a.den)}`;
    }
    return { z, e };
  });
  zh.push(attParts.map((p) => p.z).join('；'));
  en.push(attParts.map((p) => p.e).join('; '));

  let tailZh: string;
  let tailEn: string;
  if (head.entitled === 0) {
    tailZh = '，无人有表决资格，未通过';
    tailEn = '; nobody is entitled to vote: not passed';
  } else if (!quorumMet) {
    tailZh = '，会议无效，未通过';
    tailEn = '; the meeting is not quorate: not passed';
  } else if (!rule.decision) {
    tailZh = '，会议有效';
    tailEn = '; the meeting is valid';
  } else {
    const d = rule.decision;
    const decParts = measuresOf(d)
      .sort((x, y) => (x === y ? 0 : x === 'area' ? -1 : 1))
      .map((m) => {
        const c = countsOf(side, m);
        const total = d.base === 'entitled' ? c.entitled : c.present;
        const rel = relationToShare(c.yes, total, d.num, d.den);
        const baseZh = usesArea
          ? d.base === 'entitled'
            ? m === 'area'
              ? '全体业主专有部分面积'
              : '业主总人数'
            : m === 'area'
              ? '参与表决专有部分面积'
              : '参与表决业主人数'
          : d.base === 'entitled'
            ? '应到人数'
            : '实到人数';
        const baseEn = usesArea
          ? d.base === 'entitled'
            ? m === 'area'
              ? 'the whole exclusive area'
              : 'all owners'
            : m === 'area'
              ? 'the area taking part'
              : 'the owners taking part'
          : d.base === 'entitled'
            ? 'those entitled'
            : 'those present';
        if (m === 'area') {
          return {
            z: `同意面积 ${formatArea(c.yes)} ㎡，${relWordZh(rel, d.comparison)}${baseZh}${fractionZh(d.num, d.den)}`,
            e: `${formatArea(c.yes)} ㎡ in favour, ${relWordEn(rel, d.comparison)} ${fractionEn(d.num, d.den)} of ${baseEn}`,
          };
        }
        return {
          z: `同意 ${c.yes} ${usesArea ? '人' : '票'}，${relWordZh(rel, d.comparison)}${baseZh}${fractionZh(d.num, d.den)}`,
          e: `${c.yes} in favour, ${relWordEn(rel, d.comparison)} ${fractionEn(d.num, d.den)} of ${baseEn}`,
        };
      });
    tailZh = `；${decParts.map((p) => p.z).join('；')}，${passed ? '通过' : '未通过'}`;
    tailEn = `; ${decParts.map((p) => p.e).join('; ')}: ${passed ? 'passed' : 'not passed'}`;
  }

  const notVoted = head.present - head.yes - head.no - head.abstain;
  const breakdown = {
    zh: `同意 ${head.yes} 票，反对 ${head.no} 票，弃权 ${head.abstain} 票，到会未投票 ${notVoted} 人${usesArea ? `；面积：同意 ${formatArea(area.yes)} ㎡，反对 ${formatArea(area.no)} ㎡，弃权 ${formatArea(area.abstain)} ㎡` : ''}`,
    en: `${head.yes} yes, ${head.no} no, ${head.abstain} abstaining, ${notVoted} present without a ballot${usesArea ? `; area: ${formatArea(area.yes)} ㎡ yes, ${formatArea(area.no)} ㎡ no, ${formatArea(area.abstain)} ㎡ abstaining` : ''}`,
  };

  return {
    quorumMet,
    passed,
    counts: { head, areaCenti: area, recused, ignoredBallots },
    explanation: { zh: zh.join('') + tailZh, en: capitalise(en.join('') + tailEn) },
    breakdown,
  };
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/**
 * A rule in words, for the template editor and the docs: "应到人数三分之二以上", "实到人数过半数",
 * "参与表决专有部分面积和人数均四分之三以上".
 */
export function describeRule(rule: ShareRule | null, owners = rule?.measures.includes('area') ?? false): { zh: string; en: string } {
  if (!rule) return { zh: '—', en: '—' };
  const ms = [...new Set(rule.measures)];
  const baseZh = owners
    ? `${rule.base === 'entitled' ? '全体业主' : '参与表决'}${ms.length === 2 ? '专有部分面积和人数均' : ms[0] === 'area' ? '专有部分面积' : '人数'}`
    : rule.base === 'entitled'
      ? '应到人数'
      : '实到人数';
  const baseEn = owners
    ? `${ms.length === 2 ? 'both the area and the number' : ms[0] === 'area' ? 'the area' : 'the number'} of ${rule.base === 'entitled' ? 'all owners' : 'the owners taking part'}`
    : rule.base === 'entitled'
      ? 'those entitled'
      : 'those present';
  const half = rule.num * 2 === rule.den;
  const zh = rule.comparison === 'more_than' ? (half ? `${baseZh}过半数` : `超过${baseZh}${fractionZh(rule.num, rule.den)}`) : `${baseZh}${fractionZh(rule.num, rule.den)}以上`;
  const en = `${rule.comparison === 'more_than' ? 'more than' : 'at least'} ${fractionEn(rule.num, rule.den)} of ${baseEn}`;
  return { zh, en };
}
