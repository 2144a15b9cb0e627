import type { VisitFrequency } from '../../platform/db/schema.ts';

/**
 * 五个百分百 (seed 004): the five coverage figures, as data. Each names what it counts (numerator and
 * denominator, in both languages) and the help text the dashboard shows beside it. The SQL that counts
 * them is in coverage.repository.ts; the arithmetic (rounding, roll-up, visit intervals) in coverage.ts.
 */
export const FIGURE_CODES = ['basic_info', 'backbone', 'vulnerable_care', 'key_person', 'policy'] as const;
export type FigureCode = (typeof FIGURE_CODES)[number];

export type FigureDefinition = {
  code: FigureCode;
  name: string;
  nameEn: string;
  short: string;
  numerator: string;
  numeratorEn: string;
  denominator: string;
  denominatorEn: string;
  help: string;
  helpEn: string;
  /** What the drill-down lists: houses, buildings or people. */
  missing: 'house' | 'building' | 'person';
};

export const FIGURE_DEFINITIONS = [
  {
    code: 'basic_info',
    name: '基础信息核实率',
    nameEn: 'Basic information verified',
    short: '户情掌握',
    numerator: '已核实的有人居住房屋',
    numeratorEn: 'occupied houses verified',
    denominator: '有人居住的房屋',
    denominatorEn: 'occupied houses',
    help: '有人居住的房屋（至少一名在住居民）中，基础信息已核实（登记了核实时间）的比例。',
    helpEn: 'Share of occupied houses (at least one resident living there) whose basic information has been verified.',
    missing: 'house',
  },
  {
    code: 'backbone',
    name: '骨干力量掌握率',
    nameEn: 'Supporting people known',
    short: '骨干掌握',
    numerator: '有楼栋长的楼栋',
    numeratorEn: 'buildings with a building leader',
    denominator: '楼栋',
    denominatorEn: 'buildings',
    help: '楼栋中，至少有一名在住居民担任楼栋长（标签有效、未结束）的比例。',
    helpEn: 'Share of buildings where at least one resident living there holds a current building-leader tag.',
    missing: 'building',
  },
  {
    code: 'vulnerable_care',
    name: '困难群体关爱率',
    nameEn: 'Vulnerable people cared for',
    short: '困难关爱',
    numerator: '按频次走访到的困难群众',
    numeratorEn: 'vulnerable people visited on cadence',
    denominator: '困难群众',
    denominatorEn: 'vulnerable people',
    help: '有有效困难群体标签的在住居民中，在其走访周期内被走访过的比例。走访周期取其各标签现行走访频次中最密的一项（每周 7 天、每月 31 天、每季度 92 天、每半年 183 天、每年 366 天）；只有事件触发或没有走访频次的按 366 天计。',
    helpEn: 'Share of residents with a current vulnerable tag who were visited within their interval: the most frequent active cadence of any of their tags (weekly 7 days, monthly 31, quarterly 92, half-yearly 183, yearly 366); event-only or no cadence counts as 366 days.',
    missing: 'person',
  },
  {
    code: 'key_person',
    name: '重点人员稳控率',
    nameEn: 'Key persons under follow-up',
    short: '重点稳控',
    numerator: '按频次走访到的重点人员',
    numeratorEn: 'key persons visited on cadence',
    denominator: '重点人员',
    denominatorEn: 'key persons',
    help: '有有效重点人员标签的在住居民中，在其走访周期内被走访过的比例。走访周期同上；只有事件触发或没有走访频次的按 183 天计。名单仅对有权查看重点人员的角色显示，查看留痕。',
    helpEn: 'Share of residents with a current key-person tag who were visited within their interval (as above; event-only or no cadence counts as 183 days). The list is shown only to roles that may see key persons, and every view is logged.',
    missing: 'person',
  },
  {
    code: 'policy',
    name: '政策宣传覆盖率',
    nameEn: 'Current policies explained',
    short: '政策宣传',
    numerator: '已签收的户次',
    numeratorEn: 'acknowledgements',
    denominator: '应知户次（有人居住的房屋 × 现行政策）',
    denominatorEn: 'occupied households × notices in force',
    help: '今天有效的政策公告中，发布范围覆盖该户的，每一条都应让每户有人居住的房屋知晓：已签收的户次 ÷ 应知户次。',
    helpEn: 'For every policy notice in force today whose scope covers the household, each occupied household should acknowledge it: acknowledgements ÷ (occupied households × notices).',
    missing: 'house',
  },
] as const satisfies readonly FigureDefinition[];

/** Days within which a visit counts, per cadence frequency (event-triggered cadences set no interval). */
export const INTERVAL_DAYS: Record<VisitFrequency, number | null> = {
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  half_yearly: 183,
  yearly: 366,
  on_event: null,
};

/** The interval for a person none of whose tags has a periodic cadence. */
export const DEFAULT_INTERVAL_DAYS = { vulnerable_care: 366, key_person: 183 } as const;

/** The tag category each visit figure counts, and the tag that makes a supporting person for 骨干力量. */
export const FIGURE_TAG_CATEGORY = { vulnerable_care: 'vulnerable', key_person: 'key_person' } as const;
export const BUILDING_LEADER_TAG = 'building_leader';

export const NO_FIGURE_LABEL = { zh: '无', en: 'n/a' } as const;

export function figureDefinition(code: FigureCode): FigureDefinition {
  const found = FIGURE_DEFINITIONS.find((d) => d.code === code);
  if (!found) throw new Error(`unknown figure ${code}`);
  return found;
}
