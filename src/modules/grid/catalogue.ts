import type { TagCategory, TagSensitivity, VisitFrequency } from '../../platform/db/schema.ts';

/**
 * The shipped catalogues of the grid module, as data: the tags (domain.md §2) with their category and
 * sensitivity, and the 五必访 visit cadences of seed 003 (百步亭). A district gets copies it may edit.
 */
export type TagSpec = { code: string; name: string; category: TagCategory; sensitivity: TagSensitivity };

export const DEFAULT_TAGS: readonly TagSpec[] = [
  // 困难群体 vulnerable (health, disability, allowance status are sensitive personal information)
  { code: 'minimum_allowance', name: '低保', category: 'vulnerable', sensitivity: 'sensitive' },
  { code: 'extreme_poverty', name: '特困', category: 'vulnerable', sensitivity: 'sensitive' },
  { code: 'poor_family', name: '困难家庭', category: 'vulnerable', sensitivity: 'sensitive' },
  { code: 'lonely_elderly', name: '孤寡老人', category: 'vulnerable', sensitivity: 'normal' },
  { code: 'empty_nest_elderly', name: '空巢老人', category: 'vulnerable', sensitivity: 'normal' },
  { code: 'disabled', name: '残疾人', category: 'vulnerable', sensitivity: 'sensitive' },
  { code: 'serious_illness', name: '大病重病', category: 'vulnerable', sensitivity: 'sensitive' },
  { code: 'hospitalised', name: '住院', category: 'vulnerable', sensitivity: 'sensitive' },
  { code: 'unemployed', name: '失业下岗', category: 'vulnerable', sensitivity: 'normal' },
  { code: 'left_behind_child', name: '留守儿童', category: 'vulnerable', sensitivity: 'sensitive' },
  // 重点人员 key persons: restricted to the roles that need them, every view audited
  { code: 'key_petitioner', name: '重点信访人员', category: 'key_person', sensitivity: 'restricted' },
  { code: 'community_correction', name: '社区矫正人员', category: 'key_person', sensitivity: 'restricted' },
  { code: 'released_prisoner', name: '刑满释放人员', category: 'key_person', sensitivity: 'restricted' },
  { code: 'drug_user', name: '吸毒人员', category: 'key_person', sensitivity: 'restricted' },
  { code: 'severe_mental_disorder', name: '严重精神障碍患者', category: 'key_person', sensitivity: 'restricted' },
  // 骨干力量 supporting people
  { code: 'party_member', name: '党员', category: 'supporting', sensitivity: 'normal' },
  { code: 'building_leader', name: '楼栋长', category: 'supporting', sensitivity: 'normal' },
  { code: 'representative', name: '居民代表', category: 'supporting', sensitivity: 'normal' },
  { code: 'volunteer', name: '志愿者', category: 'supporting', sensitivity: 'normal' },
  { code: 'informant', name: '信息员', category: 'supporting', sensitivity: 'normal' },
];

export type CadenceSpec = {
  tagCode: string;
  role: string;
  frequency: VisitFrequency;
  event?: 'tag_start';
  withinDays?: number;
  label: string;
};

/**
 * 五必访 (seed 003, 百步亭): poor families — the group leader monthly, the branch secretary quarterly, the
 * committee yearly; the hospitalised — during the stay; the unemployed — monthly; released prisoners —
 * met on the day of release, then every half year; lonely elderly — weekly, plus a half-yearly care visit.
 * Roles: group leader = building_leader (楼栋长/居民小组长), branch secretary = secretary, committee = committee.
 */
export const FIVE_MUST_VISITS: readonly CadenceSpec[] = [
  { tagCode: 'poor_family', role: 'building_leader', frequency: 'monthly', label: '困难家庭：小组长每月走访' },
  { tagCode: 'poor_family', role: 'secretary', frequency: 'quarterly', label: '困难家庭：支部书记每季度走访' },
  { tagCode: 'poor_family', role: 'committee', frequency: 'yearly', label: '困难家庭：社区两委每年走访' },
  { tagCode: 'hospitalised', role: 'grid_worker', frequency: 'on_event', event: 'tag_start', withinDays: 3, label: '住院人员：住院期间探望（3 天内）' },
  { tagCode: 'unemployed', role: 'grid_worker', frequency: 'monthly', label: '失业人员：每月走访' },
  { tagCode: 'released_prisoner', role: 'grid_worker', frequency: 'on_event', event: 'tag_start', withinDays: 0, label: '刑满释放人员：释放当日见面' },
  { tagCode: 'released_prisoner', role: 'grid_worker', frequency: 'half_yearly', label: '刑满释放人员：此后每半年走访' },
  { tagCode: 'lonely_elderly', role: 'building_leader', frequency: 'weekly', label: '孤寡老人：每周走访' },
  { tagCode: 'lonely_elderly', role: 'committee', frequency: 'half_yearly', label: '孤寡老人：每半年慰问' },
];

/** 三必到: each cause requires a visit within this many hours of being recorded. */
export const REQUIRED_VISIT_RULES = {
  emergency: { label: '突发事件', hours: 24 },
  grievance: { label: '群众有怨气', hours: 72 },
  family_dispute: { label: '家庭纠纷', hours: 48 },
} as const;

export type RequiredVisitReason = keyof typeof REQUIRED_VISIT_RULES;
