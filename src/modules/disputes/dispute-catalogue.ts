/** The dispute module's catalogues as data: every code with its zh-CN and English name. */
type Names = { zh: string; en: string };
const n = (zh: string, en: string): Names => ({ zh, en });

export const DISPUTE_TYPES = {
  neighbour: n('邻里纠纷', 'Neighbours'),
  family: n('婚姻家庭纠纷', 'Marriage and family'),
  property_management: n('物业纠纷', 'Property management'),
  tenancy: n('房屋租赁纠纷', 'Tenancy'),
  compensation: n('损害赔偿纠纷', 'Compensation for damage'),
  labour: n('劳资纠纷', 'Labour and wages'),
  land_house: n('土地房屋纠纷', 'Land and houses'),
  other: n('其他纠纷', 'Other'),
} as const;
export type DisputeType = keyof typeof DISPUTE_TYPES;

export const RISK_LEVELS = { low: n('低', 'Low'), medium: n('中', 'Medium'), high: n('高', 'High'), critical: n('重大', 'Critical') } as const;
export type RiskLevel = keyof typeof RISK_LEVELS;

export const WARNING_FLAGS = {
  petition: n('信访苗头', 'May become a petition'),
  violence: n('民转刑苗头', 'May turn violent (civil to criminal)'),
  group_incident: n('群体性事件苗头', 'May become a group incident'),
} as const;
export type WarningFlag = keyof typeof WARNING_FLAGS;

export const DISPUTE_SOURCES = {
  screening: n('排查发现', 'Found in screening'),
  grid_visit: n('走访发现', 'Found on a grid visit'),
  demand: n('诉求转入', 'From a demand'),
  walk_in: n('来访', 'Walk-in'),
  other: n('其他', 'Other'),
} as const;
export type DisputeSource = keyof typeof DISPUTE_SOURCES;

export const PARTY_ROLES = { applicant: n('申请人', 'Applicant'), respondent: n('被申请人', 'Respondent'), other: n('其他当事人', 'Other party') } as const;
export type PartyRole = keyof typeof PARTY_ROLES;

export const ATTEMPT_OUTCOMES = { settled: n('调解成功', 'Settled'), failed: n('调解不成功', 'Failed'), refused: n('当事人拒绝调解', 'A party refused mediation') } as const;

export const DISPUTE_STATUSES = {
  mediating: n('调解中', 'Mediating'),
  settled: n('调解成功', 'Settled'),
  exhausted: n('调解未成，待移交', 'Not settled; to refer out'),
  referred: n('已移交，跟踪中', 'Referred out; tracked'),
  closed: n('已结案', 'Closed'),
} as const;
export type DisputeStatus = keyof typeof DISPUTE_STATUSES;

export const JUDICIAL_STATUSES = { not_applied: n('未申请', 'Not applied'), applied: n('已申请', 'Applied'), confirmed: n('已确认', 'Confirmed'), rejected: n('不予确认', 'Not confirmed') } as const;
export type JudicialStatus = keyof typeof JUDICIAL_STATUSES;

export const PERFORMANCES = { performed: n('已履行', 'Performed'), partly: n('部分履行', 'Partly performed'), not_performed: n('未履行', 'Not performed') } as const;
export type Performance = keyof typeof PERFORMANCES;

export const CLOSE_OUTCOMES = {
  performed: n('协议履行完毕', 'Agreement performed'),
  withdrawn: n('当事人撤回或自行和解', 'Withdrawn or settled by the parties'),
  referral_concluded: n('移交处理已有结果', 'Referral concluded'),
  other: n('其他', 'Other'),
} as const;
export type CloseOutcome = keyof typeof CLOSE_OUTCOMES;

/** Which body mediates at each shipped ladder level (the 一卡通 names the body at each step). */
export const LEVEL_BODY_KIND: Record<string, 'grid' | 'community' | 'street'> = {
  grid: 'grid',
  comprehensive_office: 'community',
  mediation_committee: 'community',
  assistant_home_visit: 'grid',
  community: 'community',
  street_centre: 'street',
};

/** The warning list (预警名单): high or critical risk, or any early-warning flag. Pure. */
export function onWarningList(risk: RiskLevel, flags: readonly string[]): boolean {
  return risk === 'high' || risk === 'critical' || flags.length > 0;
}

/** A name shown to those who may not see the records: the surname only (张*、欧阳**). Pure. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

export function options<T extends Record<string, Names>>(table: T, lang: 'zh' | 'en'): { code: string; name: string }[] {
  return Object.entries(table).map(([code, names]) => ({ code, name: names[lang] }));
}
