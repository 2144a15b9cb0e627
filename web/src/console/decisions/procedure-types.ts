/**
 * Procedure templates as the console sees them: a mirror of RULES' `procedure-template.ts`
 * (`src/modules/decisions/rules/`). The web bundle does not import server code, so the shapes are
 * repeated here; keep them in step with the server's.
 */
export type Localised = { zh: string; en: string };

export const STAGE_KINDS = ['solicitation', 'proposal', 'deliberation', 'vote', 'hearing', 'public_comment', 'expert_review', 'publication', 'implementation'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const BODY_KINDS = [
  'two_committees',
  'party_organisation',
  'party_council',
  'party_general_meeting',
  'representatives_assembly',
  'residents_meeting',
  'owners_assembly',
  'residents_council',
  'experts',
  'stakeholders',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export type Measure = 'head' | 'area';
export type ShareRule = {
  comparison: 'more_than' | 'at_least';
  num: number;
  den: number;
  base: 'entitled' | 'present';
  measures: Measure[];
};

export const ATTACHMENT_KINDS = [
  'minutes',
  'sign_in_sheet',
  'photos',
  'draft',
  'expert_opinion',
  'solicitation_summary',
  'notice',
  'ballots',
  'posting_photo',
  'implementation_report',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_LABELS: Record<AttachmentKind, Localised> = {
  minutes: { zh: '会议记录', en: 'Minutes' },
  sign_in_sheet: { zh: '签到表', en: 'Sign-in sheet' },
  photos: { zh: '照片', en: 'Photos' },
  draft: { zh: '方案草案', en: 'Draft' },
  expert_opinion: { zh: '专家意见', en: 'Expert opinion' },
  solicitation_summary: { zh: '征求意见汇总', en: 'Summary of opinions' },
  notice: { zh: '会议通知', en: 'Meeting notice' },
  ballots: { zh: '表决票', en: 'Ballots' },
  posting_photo: { zh: '张贴照片', en: 'Photo of the posted notice' },
  implementation_report: { zh: '实施情况报告', en: 'Implementation report' },
};

export const ATTENDANCE_MODES = ['members', 'adults', 'households', 'group_delegates', 'owners'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** An alternative body for the same stage ("居民代表会议或居民会议决议"); the meeting picks one. */
export type StageAlternative = {
  key: string;
  name: Localised;
  body: BodyKind;
  attendanceMode?: AttendanceMode;
  attendance: ShareRule | null;
  decision: ShareRule | null;
  noticeDays?: number;
  allowProxy?: boolean;
  ballot?: 'open' | 'secret';
};

export type OnRejected = 'stop' | { backTo: string };

export type StageTemplate = {
  key: string;
  kind: StageKind;
  name: Localised;
  body: BodyKind | null;
  attendanceMode?: AttendanceMode;
  attendance: ShareRule | null;
  decision: ShareRule | null;
  noticeDays?: number;
  minDays?: number;
  maxDays?: number;
  publicationDays?: number;
  requiredAttachments: AttachmentKind[];
  allowProxy?: boolean;
  ballot?: 'open' | 'secret';
  onRejected?: OnRejected;
  optional?: boolean;
  supervisorSignOff?: boolean;
  alternatives?: StageAlternative[];
  note?: Localised;
};

export type ProcedureUnit = 'community' | 'village' | 'both';

export type ProcedureTemplate = {
  code: string;
  name: Localised;
  /** Seed or law reference, e.g. "seeds/000, 002; 城市居民委员会组织法 9, 10". */
  source: string;
  unit: ProcedureUnit;
  batch: boolean;
  stages: StageTemplate[];
  note?: Localised;
};

/** Stage kinds at which a body meets and votes (a meeting page exists for them). */
export const MEETING_KINDS: readonly StageKind[] = ['proposal', 'deliberation', 'vote', 'hearing'];

export function isStageKind(value: unknown): value is StageKind {
  return typeof value === 'string' && (STAGE_KINDS as readonly string[]).includes(value);
}

export function isBodyKind(value: unknown): value is BodyKind {
  return typeof value === 'string' && (BODY_KINDS as readonly string[]).includes(value);
}
