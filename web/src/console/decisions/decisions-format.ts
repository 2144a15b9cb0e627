import { getLang } from '../../shared/i18n';
import type { BodyKind, Localised, ShareRule, StageKind } from './procedure-types';

/** 居民/居委会 in a community, 村民/村委会 in a village (wording follows the unit). */
export type Unit = 'community' | 'village';

/** zh or en of a `{ zh, en }` pair from the server (or a plain string). */
export function loc(value: Localised | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return getLang() === 'en' ? value.en || value.zh : value.zh || value.en;
}

/** Mirror of RULES' wording.ts TERMS: `{居民代表会议}` → [zh, en] in a community and in a village. */
const TERMS: Record<string, Record<Unit, readonly [string, string]>> = {
  居民: { community: ['居民', 'residents'], village: ['村民', 'villagers'] },
  居民代表: { community: ['居民代表', "residents' representatives"], village: ['村民代表', "villagers' representatives"] },
  居民代表会议: { community: ['居民代表会议', "residents' representatives' assembly"], village: ['村民代表会议', "villagers' representatives' assembly"] },
  居民会议: { community: ['居民会议', "residents' meeting"], village: ['村民会议', "villagers' meeting"] },
  居民议事会: { community: ['居民议事会', "residents' council"], village: ['村民议事会', "villagers' council"] },
  居民小组: { community: ['居民小组', 'residents’ group'], village: ['村民小组', 'villagers’ group'] },
  居委会: { community: ['居委会', "residents' committee"], village: ['村委会', "villagers' committee"] },
  居民委员会: { community: ['居民委员会', "residents' committee"], village: ['村民委员会', "villagers' committee"] },
  居务监督委员会: { community: ['居务监督委员会', 'residents’ affairs supervision committee'], village: ['村务监督委员会', 'village affairs supervision committee'] },
  居务: { community: ['居务', "residents' affairs"], village: ['村务', 'village affairs'] },
  社区: { community: ['社区', 'community'], village: ['村', 'village'] },
  社区党组织: { community: ['社区党组织', 'community party organisation'], village: ['村党组织', 'village party organisation'] },
};

/** Fills the unit placeholders of a template name (`{居民代表会议}决议`) as wording.ts does; unknown braces stay. */
export function worded(text: string, unit: Unit = 'community'): string {
  const index = getLang() === 'en' ? 1 : 0;
  return text.replace(/\{([^{}]+)\}/g, (whole, key: string) => TERMS[key]?.[unit][index] ?? whole);
}

export function stageName(name: Localised | string, unit: Unit = 'community'): string {
  return worded(loc(name), unit);
}

const BODY_NAMES: Record<BodyKind, { community: Localised; village: Localised }> = {
  two_committees: { community: { zh: '社区两委', en: 'Two committees' }, village: { zh: '村两委', en: 'Two village committees' } },
  party_organisation: { community: { zh: '社区党组织', en: 'Party organisation' }, village: { zh: '村党支部', en: 'Village party branch' } },
  party_council: { community: { zh: '党员议事会', en: "Party members' council" }, village: { zh: '党员议事会', en: "Party members' council" } },
  party_general_meeting: { community: { zh: '党员大会', en: 'Party general meeting' }, village: { zh: '党员大会', en: 'Party general meeting' } },
  representatives_assembly: { community: { zh: '居民代表会议', en: "Residents' representatives assembly" }, village: { zh: '村民代表会议', en: "Villagers' representatives assembly" } },
  residents_meeting: { community: { zh: '居民会议', en: "Residents' meeting" }, village: { zh: '村民会议', en: "Villagers' meeting" } },
  owners_assembly: { community: { zh: '业主大会', en: "Owners' assembly" }, village: { zh: '业主大会', en: "Owners' assembly" } },
  residents_council: { community: { zh: '居民议事会', en: "Residents' council" }, village: { zh: '村民议事会', en: "Villagers' council" } },
  experts: { community: { zh: '专家（法律、专业）', en: 'Experts (legal, professional)' }, village: { zh: '专家（法律、专业）', en: 'Experts (legal, professional)' } },
  stakeholders: { community: { zh: '恳谈会（利益相关方）', en: 'Stakeholder talks' }, village: { zh: '恳谈会（利益相关方）', en: 'Stakeholder talks' } },
};

export function bodyName(body: BodyKind | string | null | undefined, unit: Unit = 'community'): string {
  if (!body) return '';
  const names = (BODY_NAMES as Record<string, { community: Localised; village: Localised } | undefined>)[body];
  return names ? loc(names[unit]) : body;
}

const KIND_NAMES: Record<StageKind, Localised> = {
  solicitation: { zh: '征询意见', en: 'Solicitation' },
  proposal: { zh: '提议', en: 'Proposal' },
  deliberation: { zh: '审议', en: 'Deliberation' },
  vote: { zh: '表决', en: 'Vote' },
  hearing: { zh: '听证', en: 'Hearing' },
  public_comment: { zh: '公开征求意见（开言路）', en: 'Public comment' },
  expert_review: { zh: '专家论证', en: 'Expert review' },
  publication: { zh: '公开公示', en: 'Publication' },
  implementation: { zh: '组织实施', en: 'Implementation' },
};

export function kindName(kind: StageKind | string): string {
  const name = (KIND_NAMES as Record<string, Localised | undefined>)[kind];
  return name ? loc(name) : kind;
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function zhNumber(value: number): string {
  if (value >= 0 && value <= 10 && Number.isInteger(value)) return ZH_DIGITS[value] ?? String(value);
  return String(value);
}

/** 二分之一 → 半数; otherwise 三分之二, 四分之三 … (Chinese); "one half", "2/3" (English). */
function fractionWords(num: number, den: number): { zh: string; en: string } {
  if (num * 2 === den) return { zh: '半数', en: 'half' };
  return { zh: `${zhNumber(den)}分之${zhNumber(num)}`, en: `${num}/${den}` };
}

/**
 * A threshold in words, as a worker reads it in the law: "超过实到人数半数", "应到人数三分之二以上（含本数）",
 * with "且超过…面积" when area counts too (owners: area AND head).
 */
export function shareRuleText(rule: ShareRule | null | undefined, what: 'attendance' | 'decision'): string {
  if (!rule) return getLang() === 'en' ? 'no rule' : '不设比例';
  const fraction = fractionWords(rule.num, rule.den);
  const en = getLang() === 'en';
  const parts = rule.measures.map((measure) => {
    if (en) {
      const base = rule.base === 'entitled' ? (what === 'attendance' ? 'of those entitled' : 'of all entitled') : 'of those present';
      const unit = measure === 'area' ? 'floor area' : 'people';
      return `${rule.comparison === 'more_than' ? 'more than' : 'at least'} ${fraction.en} ${base} (${unit})`;
    }
    const base = measure === 'area' ? (rule.base === 'entitled' ? '全部专有面积' : '参与表决的专有面积') : rule.base === 'entitled' ? '应到人数' : '实到人数';
    return rule.comparison === 'more_than' ? `超过${base}${fraction.zh}` : `${base}${fraction.zh}以上（含本数）`;
  });
  return parts.join(en ? ' and ' : '，且');
}

const ZONE = 'Asia/Shanghai';
const dateParts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const timeParts = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `2026-11-30` (UTC+8). */
export function day(at: string | null | undefined): string {
  if (!at) return '—';
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : dateParts.format(date);
}

/** `2026-11-30 16:05` (UTC+8). */
export function dayTime(at: string | null | undefined): string {
  if (!at) return '—';
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : `${dateParts.format(date)} ${timeParts.format(date)}`;
}

/** Whole days from today to `at` (negative once past). */
export function daysUntil(at: string, now: Date = new Date()): number {
  const dayNumber = (date: Date) => Math.round(Date.parse(`${dateParts.format(date)}T00:00:00Z`) / 86_400_000);
  return dayNumber(new Date(at)) - dayNumber(now);
}

export function isOverdue(deadline: string | null | undefined, now: Date = new Date()): boolean {
  return !!deadline && new Date(deadline).getTime() < now.getTime();
}

export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${Math.round((part / whole) * 1000) / 10}%`;
}
