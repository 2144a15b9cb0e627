import { z } from 'zod';
import { isTerm, renderName } from './wording.ts';

/**
 * Procedure templates of democratic decisions (issue #3): a procedure is data — ordered stages, each
 * with a kind, the body that acts, its attendance (quorum) rule, its decision rule, durations and the
 * attachments it needs before it can close. Pure types, a zod schema for community-edited templates,
 * and `validateTemplate` for the problems a schema cannot see (order, references, missing rules).
 *
 * Names may contain unit placeholders (see wording.ts): `{居民}`, `{居委会}`, `{居务监督委员会}`,
 * `{居民代表会议}`, `{居民会议}`, `{社区}` … rendered as 居民… in a community and 村民… in a village.
 */

export const STAGE_KINDS = [
  'solicitation',
  'proposal',
  'deliberation',
  'vote',
  'hearing',
  'public_comment',
  'expert_review',
  'publication',
  'implementation',
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const BODY_KINDS = [
  'two_committees', // 两委
  'party_organisation', // 党组织 / 党支部
  'party_council', // 党员议事会
  'party_general_meeting', // 党员大会
  'representatives_assembly', // 居民/村民代表会议
  'residents_meeting', // 居民/村民会议
  'owners_assembly', // 业主大会
  'residents_council', // 居民议事会
  'experts', // 专家 (法律、专业)
  'stakeholders', // 恳谈会 (利益相关方)
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** What a share is measured in: members by head, or owners' exclusive floor area (㎡). */
export const MEASURES = ['head', 'area'] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * A threshold: `comparison` of (num/den) of the `base`, in every one of `measures`.
 * - `more_than` = 超过 / 过半数 (strict), `at_least` = 以上 / 不少于 (inclusive) — 民法典 1259.
 * - `base: 'entitled'` = of those entitled (应到, after recusals); `'present'` = of those present (实到).
 * - All measures must pass (owners: area AND head).
 */
export type ShareRule = {
  readonly comparison: 'more_than' | 'at_least';
  readonly num: number;
  readonly den: number;
  readonly base: 'entitled' | 'present';
  readonly measures: readonly Measure[];
};

export const ATTACHMENT_KINDS = [
  'minutes', // 会议记录
  'sign_in_sheet', // 签到表
  'photos', // 照片
  'draft', // 方案草案
  'expert_opinion', // 专家意见
  'solicitation_summary', // 征求意见汇总
  'notice', // 会议通知
  'ballots', // 表决票
  'posting_photo', // 张贴照片
  'implementation_report', // 实施情况报告
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_LABELS: Record<AttachmentKind, { zh: string; en: string }> = {
  minutes: { zh: '会议记录', en: 'minutes' },
  sign_in_sheet: { zh: '签到表', en: 'sign-in sheet' },
  photos: { zh: '照片', en: 'photos' },
  draft: { zh: '方案草案', en: 'draft' },
  expert_opinion: { zh: '专家意见', en: 'expert opinion' },
  solicitation_summary: { zh: '征求意见汇总', en: 'summary of opinions' },
  notice: { zh: '会议通知', en: 'meeting notice' },
  ballots: { zh: '表决票', en: 'ballots' },
  posting_photo: { zh: '张贴照片', en: 'photo of the posted notice' },
  implementation_report: { zh: '实施情况报告', en: 'implementation report' },
};

/** Who makes up N (the entitled count) of a residents'/villagers' meeting (居委会组织法 9; 村委会组织法 22). */
export const ATTENDANCE_MODES = ['members', 'adults', 'households', 'group_delegates', 'owners'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export type LocalText = { readonly zh: string; readonly en: string };
export type Unit = 'community' | 'village';
export type TemplateUnit = Unit | 'both';
export type RejectAction = 'stop' | { readonly backTo: string };

/**
 * An alternative body for the same stage ("居民代表会议或居民会议决议"): the meeting chooses one when it is
 * called; its rules then replace the stage's body/attendance/decision/notice. See `stageVariant`.
 */
export type StageAlternative = {
  readonly key: string;
  readonly name: LocalText;
  readonly body: BodyKind;
  readonly attendanceMode?: AttendanceMode;
  readonly attendance: ShareRule | null;
  readonly decision: ShareRule | null;
  readonly noticeDays?: number;
  readonly allowProxy?: boolean;
  readonly ballot?: 'open' | 'secret';
};

export type StageTemplate = {
  readonly key: string;
  readonly kind: StageKind;
  readonly name: LocalText;
  readonly body: BodyKind | null;
  /** Who makes up the entitled count N for the body (default 'members'). */
  readonly attendanceMode?: AttendanceMode;
  readonly attendance: ShareRule | null;
  readonly decision: ShareRule | null;
  /** Days of notice before the meeting (村民会议: 10). */
  readonly noticeDays?: number;
  /** The stage stays open at least / at most this many days (e.g. a public-comment period). */
  readonly minDays?: number;
  readonly maxDays?: number;
  /** Publication period in days (0 = published at once with no objection period). */
  readonly publicationDays?: number;
  readonly requiredAttachments: readonly AttachmentKind[];
  readonly allowProxy?: boolean;
  readonly ballot?: 'open' | 'secret';
  /** What a rejected vote (or failed quorum) leads to; default 'stop'. */
  readonly onRejected?: RejectAction;
  /** The stage may be skipped (a hearing is held only on a contested item). */
  readonly optional?: boolean;
  /** The supervision committee must sign off before the stage closes (before each publication). */
  readonly supervisorSignOff?: boolean;
  /** Alternative bodies for the stage ("…会议或…会议决议"). */
  readonly alternatives?: readonly StageAlternative[];
  /**
   * Where the law differs in a village (村民委员会组织法 21, 22, 26 vs 城市居民委员会组织法 9, 10), the
   * village rules replace these fields when a `unit: 'both'` template is resolved for a village.
   */
  readonly village?: StageUnitOverride;
  readonly note?: LocalText;
};

export type StageUnitOverride = {
  readonly attendanceMode?: AttendanceMode;
  readonly attendance?: ShareRule | null;
  readonly decision?: ShareRule | null;
  readonly noticeDays?: number;
  readonly alternatives?: readonly StageAlternative[];
};

export type ProcedureTemplate = {
  readonly code: string;
  readonly name: LocalText;
  /** Seed or law reference, e.g. "seeds/000, 002; 城市居民委员会组织法 9, 10". */
  readonly source: string;
  readonly unit: TemplateUnit;
  /** A simplified (batch) procedure is allowed: items proposed together, resolved item by item. */
  readonly batch: boolean;
  readonly stages: readonly StageTemplate[];
  readonly note?: LocalText;
};

/**
 * The effective rules of a stage for a chosen alternative (or the stage itself when none/unknown).
 * Pass the matter's `unit` when the stage may still carry village rules (a snapshot that did not go
 * through `resolveTemplate`): in a village they then replace the community rules.
 */
export function stageVariant(
  stage: StageTemplate,
  alternativeKey?: string | null,
  unit?: Unit,
): { key: string | null; name: LocalText; body: BodyKind | null; attendanceMode: AttendanceMode; attendance: ShareRule | null; decision: ShareRule | null; noticeDays: number | undefined; allowProxy: boolean; ballot: 'open' | 'secret' } {
  const effective: StageTemplate = unit === 'village' && stage.village ? { ...stage, ...stage.village } : stage;
  const alt = alternativeKey ? effective.alternatives?.find((a) => a.key === alternativeKey) : undefined;
  if (alt) {
    return {
      key: alt.key,
      name: alt.name,
      body: alt.body,
      attendanceMode: alt.attendanceMode ?? 'members',
      attendance: alt.attendance,
      decision: alt.decision,
      noticeDays: alt.noticeDays,
      allowProxy: alt.allowProxy ?? effective.allowProxy ?? false,
      ballot: alt.ballot ?? effective.ballot ?? 'open',
    };
  }
  return {
    key: null,
    name: effective.name,
    body: effective.body,
    attendanceMode: effective.attendanceMode ?? 'members',
    attendance: effective.attendance,
    decision: effective.decision,
    noticeDays: effective.noticeDays,
    allowProxy: effective.allowProxy ?? false,
    ballot: effective.ballot ?? 'open',
  };
}

// ---------------------------------------------------------------------------------------------------
// Schema for community-edited templates (MATTERS parses with it) and the checks a schema cannot make.

const keySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '只能包含小写字母、数字和下划线，以字母开头，最长 40 个字符')
  .describe('标识');
const localTextSchema = z
  .object({
    zh: z.string().trim().min(1).max(200).describe('中文名称'),
    en: z.string().trim().max(300).describe('英文名称'),
  })
  .describe('名称');
const dayCount = (label: string) => z.number().int().min(0).max(3650).optional().describe(label);

export const shareRuleSchema = z
  .object({
    comparison: z.enum(['more_than', 'at_least']).describe('比较方式（超过 / 以上）'),
    num: z.number().int().min(1).max(1000).describe('分子'),
    den: z.number().int().min(1).max(1000).describe('分母'),
    base: z.enum(['entitled', 'present']).describe('基数（应到 / 实到）'),
    measures: z.array(z.enum(MEASURES)).min(1).max(2).describe('计算口径（人数 / 专有部分面积）'),
  })
  .refine((r) => r.num <= r.den, { message: '分子不能大于分母', path: ['num'] })
  .describe('比例规则');

export const stageAlternativeSchema = z
  .object({
    key: keySchema,
    name: localTextSchema,
    body: z.enum(BODY_KINDS).describe('议事主体'),
    attendanceMode: z.enum(ATTENDANCE_MODES).optional().describe('应到人数口径'),
    attendance: shareRuleSchema.nullable().describe('到会（有效）规则'),
    decision: shareRuleSchema.nullable().describe('表决通过规则'),
    noticeDays: dayCount('提前通知天数'),
    allowProxy: z.boolean().optional().describe('允许委托'),
    ballot: z.enum(['open', 'secret']).optional().describe('表决方式（公开 / 无记名）'),
  })
  .describe('可选议事主体');

export const stageTemplateSchema = z
  .object({
    key: keySchema,
    kind: z.enum(STAGE_KINDS).describe('环节类型'),
    name: localTextSchema,
    body: z.enum(BODY_KINDS).nullable().describe('议事主体'),
    attendanceMode: z.enum(ATTENDANCE_MODES).optional().describe('应到人数口径'),
    attendance: shareRuleSchema.nullable().describe('到会（有效）规则'),
    decision: shareRuleSchema.nullable().describe('表决通过规则'),
    noticeDays: dayCount('提前通知天数'),
    minDays: dayCount('最短天数'),
    maxDays: dayCount('最长天数'),
    publicationDays: dayCount('公示天数'),
    requiredAttachments: z.array(z.enum(ATTACHMENT_KINDS)).max(ATTACHMENT_KINDS.length).describe('必备附件'),
    allowProxy: z.boolean().optional().describe('允许委托'),
    ballot: z.enum(['open', 'secret']).optional().describe('表决方式（公开 / 无记名）'),
    onRejected: z
      .union([z.literal('stop'), z.object({ backTo: keySchema.describe('退回到环节') })])
      .optional()
      .describe('未通过时'),
    optional: z.boolean().optional().describe('可跳过'),
    supervisorSignOff: z.boolean().optional().describe('需监督委员会签字'),
    alternatives: z.array(stageAlternativeSchema).max(5).optional().describe('可选议事主体'),
    village: z
      .object({
        attendanceMode: z.enum(ATTENDANCE_MODES).optional().describe('应到人数口径'),
        attendance: shareRuleSchema.nullable().optional().describe('到会（有效）规则'),
        decision: shareRuleSchema.nullable().optional().describe('表决通过规则'),
        noticeDays: dayCount('提前通知天数'),
        alternatives: z.array(stageAlternativeSchema).max(5).optional().describe('可选议事主体'),
      })
      .optional()
      .describe('村适用规则'),
    note: localTextSchema.optional().describe('说明'),
  })
  .describe('环节');

export const procedureTemplateSchema = z
  .object({
    code: keySchema.describe('程序代码'),
    name: localTextSchema.describe('程序名称'),
    source: z.string().trim().min(1).max(500).describe('依据'),
    unit: z.enum(['community', 'village', 'both']).describe('适用单位（社区 / 村）'),
    batch: z.boolean().describe('允许简易程序（批量）'),
    stages: z.array(stageTemplateSchema).min(1).max(30).describe('环节'),
    note: localTextSchema.optional().describe('说明'),
  })
  .describe('议事程序');

// The parsed shape is a ProcedureTemplate (compile-time check).
type Parsed = z.output<typeof procedureTemplateSchema>;
const _parsedIsTemplate = (p: Parsed): ProcedureTemplate => p;
void _parsedIsTemplate;

export type TemplateProblem = { code: string; path: string; zh: string; en: string };

const STAGE_KIND_ZH: Record<StageKind, string> = {
  solicitation: '征求意见',
  proposal: '提议',
  deliberation: '审议',
  vote: '表决',
  hearing: '听证',
  public_comment: '公开征求意见',
  expert_review: '专家论证',
  publication: '公开',
  implementation: '实施',
};
export function stageKindLabel(kind: StageKind): { zh: string; en: string } {
  return { zh: STAGE_KIND_ZH[kind], en: kind.replace('_', ' ') };
}

function ruleProblems(rule: ShareRule | null, path: string, what: 'attendance' | 'decision', body: BodyKind | null): TemplateProblem[] {
  if (!rule) return [];
  const out: TemplateProblem[] = [];
  const label = what === 'attendance' ? '到会规则' : '表决规则';
  if (!Number.isInteger(rule.num) || !Number.isInteger(rule.den) || rule.num < 1 || rule.den < 1 || rule.num > rule.den) {
    out.push({ code: 'TEMPLATE_RULE_FRACTION', path, zh: `${label}的比例应为 1 到 1 之间的分数（分子、分母为正整数，分子不大于分母）`, en: `the ${what} share must be a fraction num/den with 1 ≤ num ≤ den` });
  }
  if (rule.comparison === 'more_than' && rule.num === rule.den) {
    out.push({ code: 'TEMPLATE_RULE_IMPOSSIBLE', path, zh: `${label}“超过全部”永远无法达到`, en: `the ${what} rule "more than all" can never be met` });
  }
  if (rule.measures.length === 0) {
    out.push({ code: 'TEMPLATE_RULE_MEASURE', path, zh: `${label}至少要有一个计算口径（人数或面积）`, en: `the ${what} rule needs a measure (head or area)` });
  }
  if (what === 'attendance' && rule.base === 'present') {
    out.push({ code: 'TEMPLATE_ATTENDANCE_BASE', path, zh: '到会规则的基数应为应到人数', en: 'an attendance rule counts against those entitled, not those present' });
  }
  if (rule.measures.includes('area') && body !== 'owners_assembly') {
    out.push({ code: 'TEMPLATE_AREA_NOT_OWNERS', path, zh: `只有业主大会按专有部分面积计算（${label}）`, en: `only an owners' assembly counts floor area (${what})` });
  }
  return out;
}

/** Problems with a template, in stage order; empty when it can be used. */
export function validateTemplate(t: ProcedureTemplate): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const names = (n: LocalText, path: string) => {
    for (const p of [...new Set([...unknownTerms(n.zh), ...unknownTerms(n.en)])]) {
      out.push({ code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', path, zh: `名称中的占位符 {${p}} 无法识别`, en: `unknown placeholder {${p}} in a name` });
    }
  };
  names(t.name, 'name');
  if (t.stages.length === 0) out.push({ code: 'TEMPLATE_NO_STAGES', path: 'stages', zh: '程序至少要有一个环节', en: 'a procedure needs at least one stage' });
  const firstIndex = new Map<string, number>();
  t.stages.forEach((s, i) => {
    if (firstIndex.has(s.key)) out.push({ code: 'TEMPLATE_DUPLICATE_KEY', path: `stages.${i}.key`, zh: `环节标识「${s.key}」重复`, en: `duplicate stage key "${s.key}"` });
    else firstIndex.set(s.key, i);
  });
  let voteSeen = false;
  t.stages.forEach((s, i) => {
    const path = `stages.${i}`;
    const label = `第 ${i + 1} 个环节「${s.name.zh}」`;
    names(s.name, `${path}.name`);
    out.push(...ruleProblems(s.attendance, `${path}.attendance`, 'attendance', s.body));
    out.push(...ruleProblems(s.decision, `${path}.decision`, 'decision', s.body));
    if (s.kind === 'vote') {
      if (!s.body) out.push({ code: 'TEMPLATE_VOTE_NO_BODY', path: `${path}.body`, zh: `${label}是表决环节，须指定议事主体`, en: `stage ${i + 1} is a vote and needs a body` });
      if (!s.decision) out.push({ code: 'TEMPLATE_VOTE_NO_DECISION', path: `${path}.decision`, zh: `${label}是表决环节，须设定表决通过规则`, en: `stage ${i + 1} is a vote and needs a decision rule` });
      if (!s.attendance) out.push({ code: 'TEMPLATE_VOTE_NO_ATTENDANCE', path: `${path}.attendance`, zh: `${label}是表决环节，须设定到会（有效）规则`, en: `stage ${i + 1} is a vote and needs an attendance rule` });
    }
    if ((s.attendance || s.decision) && !s.body) {
      out.push({ code: 'TEMPLATE_RULE_NO_BODY', path: `${path}.body`, zh: `${label}设有到会或表决规则，须指定议事主体`, en: `stage ${i + 1} has rules but no body` });
    }
    if (s.kind === 'publication') {
      if (s.publicationDays === undefined) out.push({ code: 'TEMPLATE_PUBLICATION_NO_DAYS', path: `${path}.publicationDays`, zh: `${label}是公开环节，须设定公示天数（即时公开填 0）`, en: `stage ${i + 1} is a publication and needs publicationDays (0 = at once)` });
      if (!voteSeen) out.push({ code: 'TEMPLATE_PUBLICATION_BEFORE_VOTE', path, zh: `${label}是公开环节，不能排在表决环节之前`, en: `stage ${i + 1} publishes before any vote` });
    }
    if (s.kind === 'vote') voteSeen = true;
    for (const [field, v] of [['noticeDays', s.noticeDays], ['minDays', s.minDays], ['maxDays', s.maxDays], ['publicationDays', s.publicationDays]] as const) {
      if (v !== undefined && (!Number.isInteger(v) || v < 0)) out.push({ code: 'TEMPLATE_BAD_DAYS', path: `${path}.${field}`, zh: `${label}的天数须为非负整数`, en: `stage ${i + 1}: ${field} must be a whole number ≥ 0` });
    }
    if (s.minDays !== undefined && s.maxDays !== undefined && s.minDays > s.maxDays) {
      out.push({ code: 'TEMPLATE_MIN_AFTER_MAX', path: `${path}.minDays`, zh: `${label}的最短天数大于最长天数`, en: `stage ${i + 1}: minDays is greater than maxDays` });
    }
    if (s.onRejected && s.onRejected !== 'stop') {
      const target = firstIndex.get(s.onRejected.backTo);
      if (target === undefined) out.push({ code: 'TEMPLATE_BACKTO_UNKNOWN', path: `${path}.onRejected`, zh: `${label}未通过时退回的环节「${s.onRejected.backTo}」不存在`, en: `stage ${i + 1} goes back to an unknown stage "${s.onRejected.backTo}"` });
      else if (target >= i) out.push({ code: 'TEMPLATE_BACKTO_NOT_EARLIER', path: `${path}.onRejected`, zh: `${label}未通过时只能退回到之前的环节`, en: `stage ${i + 1} can only go back to an earlier stage` });
    }
    if (s.village) {
      if (t.unit !== 'both') out.push({ code: 'TEMPLATE_VILLAGE_OVERRIDE_UNUSED', path: `${path}.village`, zh: `${label}设有村适用规则，但程序不是“社区和村通用”`, en: `stage ${i + 1} has village rules but the template is not for both units` });
      out.push(...ruleProblems(s.village.attendance ?? null, `${path}.village.attendance`, 'attendance', s.body));
      out.push(...ruleProblems(s.village.decision ?? null, `${path}.village.decision`, 'decision', s.body));
      if (s.kind === 'vote' && (s.village.attendance === null || s.village.decision === null)) {
        out.push({ code: 'TEMPLATE_VOTE_NO_DECISION', path: `${path}.village`, zh: `${label}是表决环节，村适用规则不能取消到会或表决规则`, en: `vote stage ${i + 1}: village rules cannot remove the attendance or decision rule` });
      }
      (s.village.alternatives ?? []).forEach((a, j) => {
        out.push(...ruleProblems(a.attendance, `${path}.village.alternatives.${j}.attendance`, 'attendance', a.body));
        out.push(...ruleProblems(a.decision, `${path}.village.alternatives.${j}.decision`, 'decision', a.body));
      });
    }
    const altKeys = new Set<string>();
    (s.alternatives ?? []).forEach((a, j) => {
      const ap = `${path}.alternatives.${j}`;
      names(a.name, `${ap}.name`);
      if (altKeys.has(a.key)) out.push({ code: 'TEMPLATE_DUPLICATE_KEY', path: `${ap}.key`, zh: `${label}的可选主体标识「${a.key}」重复`, en: `duplicate alternative key "${a.key}"` });
      altKeys.add(a.key);
      out.push(...ruleProblems(a.attendance, `${ap}.attendance`, 'attendance', a.body));
      out.push(...ruleProblems(a.decision, `${ap}.decision`, 'decision', a.body));
      if (s.kind === 'vote' && (!a.decision || !a.attendance)) {
        out.push({ code: 'TEMPLATE_VOTE_NO_DECISION', path: ap, zh: `${label}的可选主体「${a.name.zh}」须设定到会和表决规则`, en: `alternative "${a.key}" of vote stage ${i + 1} needs attendance and decision rules` });
      }
    });
  });
  if (t.stages.length > 0 && !t.stages.some((s) => s.kind === 'vote')) {
    out.push({ code: 'TEMPLATE_NO_VOTE', path: 'stages', zh: '程序至少要有一个表决环节', en: 'a procedure needs at least one vote stage' });
  }
  return out;
}

const PLACEHOLDER_RE = /\{([^{}]+)\}/g;
function unknownTerms(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1]!).filter((x) => !isTerm(x));
}

/**
 * The template as it applies in one unit: village overrides applied (for a village), names rendered in
 * the unit's words, `unit` set to that unit and the `village` fields dropped. MATTERS snapshots this
 * resolved form on the matter, so the stage rules it stores are the ones that apply. Throws when the
 * template is for the other unit (see `templateFitsUnit`).
 */
export function resolveTemplate(t: ProcedureTemplate, unit: Unit): ProcedureTemplate {
  if (!templateFitsUnit(t, unit)) throw new RangeError(`template ${t.code} is for a ${t.unit}, not a ${unit}`);
  const renderAlt = (a: StageAlternative): StageAlternative => ({ ...a, name: renderName(a.name, unit) });
  return {
    ...t,
    unit,
    name: renderName(t.name, unit),
    ...(t.note ? { note: renderName(t.note, unit) } : {}),
    stages: t.stages.map((s) => {
      const { village, ...rest } = s;
      const merged: StageTemplate = unit === 'village' && village ? { ...rest, ...village } : rest;
      return {
        ...merged,
        name: renderName(merged.name, unit),
        ...(merged.note ? { note: renderName(merged.note, unit) } : {}),
        ...(merged.alternatives ? { alternatives: merged.alternatives.map(renderAlt) } : {}),
      };
    }),
  };
}

export function templateFitsUnit(t: Pick<ProcedureTemplate, 'unit'>, unit: Unit): boolean {
  return t.unit === 'both' || t.unit === unit;
}
