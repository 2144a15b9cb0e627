import { describe, expect, it } from 'vitest';
import { procedureTemplateSchema, resolveTemplate, shareRuleSchema, stageVariant, validateTemplate, type ProcedureTemplate, type StageTemplate } from './procedure-template.ts';
import { RULES, SANSHEN_VILLAGE, SIYI_LIANG_GONGKAI, YIZHENG_SANYI } from './shipped-procedures.ts';

const vote: StageTemplate = {
  key: 'vote',
  kind: 'vote',
  name: { zh: '{居民代表会议}表决', en: 'Vote' },
  body: 'representatives_assembly',
  attendance: RULES.moreThanHalfOfEntitled,
  decision: RULES.moreThanHalfOfPresent,
  requiredAttachments: ['minutes'],
};
const proposal: StageTemplate = { key: 'proposal', kind: 'proposal', name: { zh: '提议', en: 'Propose' }, body: 'two_committees', attendance: null, decision: null, requiredAttachments: [] };
const publication: StageTemplate = { key: 'pub', kind: 'publication', name: { zh: '公开', en: 'Publish' }, body: null, attendance: null, decision: null, publicationDays: 7, requiredAttachments: [] };
const base: ProcedureTemplate = { code: 'custom', name: { zh: '自定义', en: 'Custom' }, source: 'test', unit: 'community', batch: false, stages: [proposal, vote, publication] };
const codes = (t: ProcedureTemplate) => validateTemplate(t).map((p) => p.code);

describe('validateTemplate', () => {
  it('accepts a sound template', () => {
    expect(validateTemplate(base)).toEqual([]);
  });
  it('a vote stage needs a decision rule, an attendance rule and a body', () => {
    expect(codes({ ...base, stages: [proposal, { ...vote, decision: null }, publication] })).toEqual(['TEMPLATE_VOTE_NO_DECISION']);
    expect(codes({ ...base, stages: [proposal, { ...vote, attendance: null }, publication] })).toEqual(['TEMPLATE_VOTE_NO_ATTENDANCE']);
    expect(codes({ ...base, stages: [proposal, { ...vote, body: null }, publication] })).toEqual(['TEMPLATE_VOTE_NO_BODY', 'TEMPLATE_RULE_NO_BODY']);
  });
  it('duplicate keys', () => {
    const p = validateTemplate({ ...base, stages: [proposal, vote, { ...publication, key: 'vote' }] });
    expect(p.map((x) => x.code)).toEqual(['TEMPLATE_DUPLICATE_KEY']);
    expect(p[0]).toMatchObject({ path: 'stages.2.key', zh: '环节标识「vote」重复' });
  });
  it('backTo an unknown, the same or a later stage', () => {
    expect(codes({ ...base, stages: [proposal, { ...vote, onRejected: { backTo: 'nowhere' } }, publication] })).toEqual(['TEMPLATE_BACKTO_UNKNOWN']);
    expect(codes({ ...base, stages: [proposal, { ...vote, onRejected: { backTo: 'vote' } }, publication] })).toEqual(['TEMPLATE_BACKTO_NOT_EARLIER']);
    expect(codes({ ...base, stages: [proposal, { ...vote, onRejected: { backTo: 'pub' } }, publication] })).toEqual(['TEMPLATE_BACKTO_NOT_EARLIER']);
    expect(codes({ ...base, stages: [proposal, { ...vote, onRejected: { backTo: 'proposal' } }, publication] })).toEqual([]);
  });
  it('a publication stage needs publicationDays (0 = at once) and must follow a vote', () => {
    const { publicationDays: _drop, ...noDays } = publication;
    expect(codes({ ...base, stages: [proposal, vote, noDays] })).toEqual(['TEMPLATE_PUBLICATION_NO_DAYS']);
    expect(codes({ ...base, stages: [proposal, vote, { ...publication, publicationDays: 0 }] })).toEqual([]);
    expect(codes({ ...base, stages: [proposal, publication, vote] })).toEqual(['TEMPLATE_PUBLICATION_BEFORE_VOTE']);
  });
  it('rules: fractions, attendance base, area only for owners', () => {
    expect(codes({ ...base, stages: [proposal, { ...vote, decision: { ...RULES.moreThanHalfOfPresent, num: 3, den: 2 } }, publication] })).toEqual(['TEMPLATE_RULE_FRACTION']);
    expect(codes({ ...base, stages: [proposal, { ...vote, attendance: RULES.moreThanHalfOfPresent }, publication] })).toEqual(['TEMPLATE_ATTENDANCE_BASE']);
    expect(codes({ ...base, stages: [proposal, { ...vote, decision: RULES.ownersOrdinary }, publication] })).toEqual(['TEMPLATE_AREA_NOT_OWNERS']);
    expect(codes({ ...base, stages: [proposal, { ...vote, body: 'owners_assembly', decision: RULES.ownersOrdinary }, publication] })).toEqual([]);
    expect(codes({ ...base, stages: [proposal, { ...vote, decision: { ...RULES.moreThanHalfOfPresent, measures: [] } }, publication] })).toEqual(['TEMPLATE_RULE_MEASURE']);
    expect(codes({ ...base, stages: [proposal, { ...vote, decision: { ...RULES.moreThanHalfOfPresent, num: 2, den: 2 } }, publication] })).toEqual(['TEMPLATE_RULE_IMPOSSIBLE']);
  });
  it('durations, placeholders, empty and vote-less templates', () => {
    expect(codes({ ...base, stages: [proposal, { ...vote, minDays: 5, maxDays: 3 }, publication] })).toEqual(['TEMPLATE_MIN_AFTER_MAX']);
    expect(codes({ ...base, stages: [proposal, { ...vote, noticeDays: -1 }, publication] })).toEqual(['TEMPLATE_BAD_DAYS']);
    expect(codes({ ...base, stages: [proposal, { ...vote, name: { zh: '{居明代表}表决', en: 'x' } }, publication] })).toEqual(['TEMPLATE_UNKNOWN_PLACEHOLDER']);
    expect(codes({ ...base, stages: [] })).toEqual(['TEMPLATE_NO_STAGES']);
    expect(codes({ ...base, stages: [proposal] })).toEqual(['TEMPLATE_NO_VOTE']);
  });
  it('village rules only in a template for both units', () => {
    const withVillage = { ...vote, village: { attendance: RULES.atLeastTwoThirdsOfEntitled } };
    expect(codes({ ...base, stages: [proposal, withVillage, publication] })).toEqual(['TEMPLATE_VILLAGE_OVERRIDE_UNUSED']);
    expect(codes({ ...base, unit: 'both', stages: [proposal, withVillage, publication] })).toEqual([]);
    expect(codes({ ...base, unit: 'both', stages: [proposal, { ...vote, village: { decision: null } }, publication] })).toEqual(['TEMPLATE_VOTE_NO_DECISION']);
  });
  it('alternatives of a vote need both rules and distinct keys', () => {
    const alt = { key: 'a', name: { zh: '{居民会议}', en: 'x' }, body: 'residents_meeting' as const, attendance: RULES.moreThanHalfOfEntitled, decision: RULES.moreThanHalfOfPresent };
    expect(codes({ ...base, stages: [proposal, { ...vote, alternatives: [alt, alt] }, publication] })).toEqual(['TEMPLATE_DUPLICATE_KEY']);
    expect(codes({ ...base, stages: [proposal, { ...vote, alternatives: [{ ...alt, decision: null }] }, publication] })).toEqual(['TEMPLATE_VOTE_NO_DECISION']);
  });
  it('messages are zh-CN first and name the stage', () => {
    const [p] = validateTemplate({ ...base, stages: [proposal, { ...vote, decision: null }, publication] });
    expect(p).toMatchObject({ path: 'stages.1.decision', zh: '第 2 个环节「{居民代表会议}表决」是表决环节，须设定表决通过规则', en: 'stage 2 is a vote and needs a decision rule' });
  });
});

describe('procedureTemplateSchema (community-edited templates)', () => {
  it('parses a shipped template and refuses bad input with field paths', () => {
    expect(procedureTemplateSchema.safeParse(YIZHENG_SANYI).success).toBe(true);
    const bad = procedureTemplateSchema.safeParse({ ...base, code: 'Bad Code', stages: [{ ...vote, kind: 'party', requiredAttachments: ['selfie'] }] });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['code', 'stages.0.kind', 'stages.0.requiredAttachments.0']));
    expect(shareRuleSchema.safeParse({ comparison: 'more_than', num: 3, den: 2, base: 'present', measures: ['head'] }).success).toBe(false);
    expect(shareRuleSchema.safeParse({ comparison: 'about', num: 1, den: 2, base: 'present', measures: ['head'] }).success).toBe(false);
    expect(procedureTemplateSchema.safeParse({ ...base, stages: [] }).success).toBe(false);
  });
  it('labels fields in Chinese', () => {
    expect(procedureTemplateSchema.description).toBe('议事程序');
    expect(procedureTemplateSchema.shape.stages.description).toBe('环节');
    expect(shareRuleSchema.description).toBe('比例规则');
  });
});

describe('resolveTemplate and stageVariant', () => {
  it('renders names and applies village rules', () => {
    const r = resolveTemplate({ ...base, unit: 'both', stages: [proposal, { ...vote, village: { attendance: RULES.atLeastTwoThirdsOfEntitled, noticeDays: 10 } }, publication] }, 'village');
    expect(r.stages[1]).toMatchObject({ name: { zh: '村民代表会议表决' }, attendance: RULES.atLeastTwoThirdsOfEntitled, noticeDays: 10, decision: RULES.moreThanHalfOfPresent });
    expect(r.unit).toBe('village');
    const c = resolveTemplate({ ...base, unit: 'both', stages: [proposal, { ...vote, village: { attendance: RULES.atLeastTwoThirdsOfEntitled } }, publication] }, 'community');
    expect(c.stages[1]).toMatchObject({ name: { zh: '居民代表会议表决' }, attendance: RULES.moreThanHalfOfEntitled });
    expect(() => resolveTemplate(SANSHEN_VILLAGE, 'community')).toThrow(RangeError);
  });
  it('stageVariant picks an alternative or falls back to the stage', () => {
    const s = SANSHEN_VILLAGE.stages.find((x) => x.key === 'public_vote')!;
    expect(stageVariant(s)).toMatchObject({ key: null, body: 'representatives_assembly', allowProxy: false, ballot: 'open' });
    expect(stageVariant(s, 'villagers_meeting_adults')).toMatchObject({ key: 'villagers_meeting_adults', body: 'residents_meeting', noticeDays: 10 });
    expect(stageVariant(s, 'unknown').key).toBeNull();
  });
  it('stageVariant applies village rules to an unresolved stage when told the unit', () => {
    const s = SIYI_LIANG_GONGKAI.stages.find((x) => x.key === 'resolution')!;
    expect(stageVariant(s).attendance).toEqual(RULES.moreThanHalfOfEntitled);
    expect(stageVariant(s, null, 'community').attendance).toEqual(RULES.moreThanHalfOfEntitled);
    expect(stageVariant(s, null, 'village').attendance).toEqual(RULES.atLeastTwoThirdsOfEntitled);
    expect(stageVariant(s, 'villagers_meeting_adults', 'village')).toMatchObject({ key: 'villagers_meeting_adults', noticeDays: 10 });
    expect(stageVariant(s, 'villagers_meeting_adults', 'community').key).toBeNull();
    // The same answer as resolving the template first.
    const resolved = resolveTemplate(SIYI_LIANG_GONGKAI, 'village').stages.find((x) => x.key === 'resolution')!;
    expect(stageVariant(resolved).attendance).toEqual(stageVariant(s, null, 'village').attendance);
  });
});
