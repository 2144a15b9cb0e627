import type { ProcedureTemplate, ShareRule, StageAlternative, StageTemplate } from './procedure-template.ts';

/**
 * The procedures the platform ships (issue #3), each checked by `shipped-procedures.test.ts` against
 * the seeds and the legal rules of `domain.md` ("Rules from law"). Names use the unit placeholders of
 * wording.ts ({居民代表会议} → 居民代表会议 / 村民代表会议). See docs/procedures.md.
 *
 * Rules that no law fixes (how the two committees or the party members' council decide) are template
 * settings, marked "template setting" below; a community may copy and adjust them.
 */

const head = ['head'] as const;
const headAndArea = ['area', 'head'] as const;

/** Named thresholds, all exact fractions (see tally.ts). */
export const RULES = {
  /** 过半数 of those entitled (应到): 2·x > N. */
  moreThanHalfOfEntitled: { comparison: 'more_than', num: 1, den: 2, base: 'entitled', measures: head },
  /** 过半数 of those present (到会人员的过半数): 2·yes > present. */
  moreThanHalfOfPresent: { comparison: 'more_than', num: 1, den: 2, base: 'present', measures: head },
  /** 三分之二以上 of those entitled: 3·x ≥ 2·N. */
  atLeastTwoThirdsOfEntitled: { comparison: 'at_least', num: 2, den: 3, base: 'entitled', measures: head },
  /** 三分之二以上 of those present: 3·yes ≥ 2·present. */
  atLeastTwoThirdsOfPresent: { comparison: 'at_least', num: 2, den: 3, base: 'present', measures: head },
  /** 民法典 278: participation by at least 2/3 of the exclusive area AND of the owners. */
  ownersParticipation: { comparison: 'at_least', num: 2, den: 3, base: 'entitled', measures: headAndArea },
  /** 民法典 278: ordinary matters, more than half of the participating area AND owners. */
  ownersOrdinary: { comparison: 'more_than', num: 1, den: 2, base: 'present', measures: headAndArea },
  /** 民法典 278 (items 6–8): raising maintenance funds, rebuilding, change of use of common parts: at least 3/4 of both. */
  ownersSpecial: { comparison: 'at_least', num: 3, den: 4, base: 'present', measures: headAndArea },
} as const satisfies Record<string, ShareRule>;

const MEETING_PROOF = ['minutes', 'sign_in_sheet', 'photos'] as const;
const PROPOSAL_PROOF = ['minutes'] as const;

// ---- Shared stages -----------------------------------------------------------------------------------

const solicitation = {
  key: 'solicitation',
  kind: 'solicitation',
  name: { zh: '一征：征求{居民}意见', en: 'Solicit the {居民}’s opinions' },
  body: null,
  attendance: null,
  decision: null,
  requiredAttachments: ['solicitation_summary'],
  note: { zh: '问卷调查、座谈会、意见征集（000）', en: 'questionnaires, symposiums, opinion collection (seed 000)' },
} as const satisfies StageTemplate;

/** 两委 meet: quorum more than half of members, decide with more than half of those entitled (template setting, 民主集中制). */
const twoCommittees = (key: string, kind: 'proposal' | 'deliberation', zh: string, en: string, backTo?: string) =>
  ({
    key,
    kind,
    name: { zh, en },
    body: 'two_committees',
    attendance: RULES.moreThanHalfOfEntitled,
    decision: RULES.moreThanHalfOfEntitled,
    requiredAttachments: PROPOSAL_PROOF,
    onRejected: backTo ? { backTo } : 'stop',
  }) as const satisfies StageTemplate;

/** 居民会议 alternatives (城市居民委员会组织法 9, 10): N set by the attendance mode; valid > N/2; passes > present/2. */
const residentsMeetingAlternatives = [
  {
    key: 'residents_meeting_adults',
    name: { zh: '{居民会议}（全体十八周岁以上{居民}）', en: '{居民会议} (all adult {居民})' },
    body: 'residents_meeting',
    attendanceMode: 'adults',
    attendance: RULES.moreThanHalfOfEntitled,
    decision: RULES.moreThanHalfOfPresent,
  },
  {
    key: 'residents_meeting_households',
    name: { zh: '{居民会议}（每户派代表）', en: '{居民会议} (one per household)' },
    body: 'residents_meeting',
    attendanceMode: 'households',
    attendance: RULES.moreThanHalfOfEntitled,
    decision: RULES.moreThanHalfOfPresent,
  },
  {
    key: 'residents_meeting_group_delegates',
    name: { zh: '{居民会议}（每个{居民小组}选举代表二至三人）', en: '{居民会议} (2–3 delegates per {居民小组})' },
    body: 'residents_meeting',
    attendanceMode: 'group_delegates',
    attendance: RULES.moreThanHalfOfEntitled,
    decision: RULES.moreThanHalfOfPresent,
  },
] as const satisfies readonly StageAlternative[];

/** 村民会议 alternatives (村民委员会组织法 21, 22): 10 days' notice; valid > half of adults or ≥ 2/3 of households; passes > present/2. */
const villagersMeetingAlternatives = [
  {
    key: 'villagers_meeting_adults',
    name: { zh: '{居民会议}（十八周岁以上{居民}）', en: '{居民会议} (adult {居民})' },
    body: 'residents_meeting',
    attendanceMode: 'adults',
    attendance: RULES.moreThanHalfOfEntitled,
    decision: RULES.moreThanHalfOfPresent,
    noticeDays: 10,
  },
  {
    key: 'villagers_meeting_households',
    name: { zh: '{居民会议}（本村三分之二以上的户的代表）', en: '{居民会议} (household representatives)' },
    body: 'residents_meeting',
    attendanceMode: 'households',
    attendance: RULES.atLeastTwoThirdsOfEntitled,
    decision: RULES.moreThanHalfOfPresent,
    noticeDays: 10,
  },
] as const satisfies readonly StageAlternative[];

/** 村民代表会议 (村民委员会组织法 26): valid with ≥ 2/3 of members; passes with > half of those present. */
const villageRepresentatives = {
  attendanceMode: 'members',
  attendance: RULES.atLeastTwoThirdsOfEntitled,
  decision: RULES.moreThanHalfOfPresent,
  alternatives: villagersMeetingAlternatives,
} as const;

/** 居民代表会议 in a community: the representative form of the 居民会议 (组织法 9, 10): valid > N/2; passes > present/2. */
const communityRepresentativesVote = (key: string, zh: string, en: string, backTo?: string) =>
  ({
    key,
    kind: 'vote',
    name: { zh, en },
    body: 'representatives_assembly',
    attendanceMode: 'members',
    attendance: RULES.moreThanHalfOfEntitled,
    decision: RULES.moreThanHalfOfPresent,
    requiredAttachments: MEETING_PROOF,
    allowProxy: false,
    ballot: 'open',
    onRejected: backTo ? { backTo } : 'stop',
    alternatives: residentsMeetingAlternatives,
  }) as const satisfies StageTemplate;

const hearing = {
  key: 'hearing',
  kind: 'hearing',
  name: { zh: '听证（必要时）', en: 'Hearing (when needed)' },
  body: 'representatives_assembly',
  attendance: null,
  decision: null,
  requiredAttachments: ['minutes', 'sign_in_sheet'],
  optional: true,
  note: { zh: '对有争议的事项，必要时组织{居民代表}举行听证（000）', en: 'on a contested item the {居民代表} may hold a hearing (seed 000)' },
} as const satisfies StageTemplate;

/** A publication on the public board: published at once, open to objections for `days` days; the supervision committee signs off. */
const publication = (key: string, zh: string, en: string, days: number) =>
  ({
    key,
    kind: 'publication',
    name: { zh, en },
    body: null,
    attendance: null,
    decision: null,
    publicationDays: days,
    requiredAttachments: [],
    supervisorSignOff: true,
  }) as const satisfies StageTemplate;

const implementation = {
  key: 'implementation',
  kind: 'implementation',
  name: { zh: '组织实施', en: 'Implementation' },
  body: 'two_committees',
  attendance: null,
  decision: null,
  requiredAttachments: ['implementation_report', 'photos'],
  note: { zh: '{居务监督委员会}全程跟踪督办（000）', en: 'followed to the end by the {居务监督委员会} (seed 000)' },
} as const satisfies StageTemplate;

/** Default publication period (days) of a resolution and of an implementation result: 7 (cf. 最低生活保障审核确认办法 19). */
export const DEFAULT_PUBLICATION_DAYS = 7;

// ---- 1. 一征三议两公开 (seeds 000, 002) -----------------------------------------------------------------

export const YIZHENG_SANYI = {
  code: 'yizheng_sanyi_liang_gongkai',
  name: { zh: '一征三议两公开', en: 'One solicitation, three deliberations, two publications' },
  source: 'seeds/000 (一征三议两公开工作法，简易程序，听证), seeds/002; 城市居民委员会组织法 9, 10; 最低生活保障审核确认办法 19',
  unit: 'community',
  batch: true,
  stages: [
    solicitation,
    twoCommittees('committees_proposal', 'proposal', '两委提议', 'The two committees propose'),
    {
      key: 'party_council_review',
      kind: 'deliberation',
      name: { zh: '党员议事会审议', en: "Party members' council deliberates" },
      body: 'party_council',
      attendance: RULES.moreThanHalfOfEntitled, // template setting
      decision: RULES.moreThanHalfOfPresent, // template setting
      requiredAttachments: MEETING_PROOF,
      onRejected: { backTo: 'committees_proposal' },
    },
    hearing,
    communityRepresentativesVote('representatives_resolution', '{居民代表会议}决议', 'The {居民代表会议} resolves', 'committees_proposal'),
    publication('resolution_publication', '决议公开', 'Publish the resolution', DEFAULT_PUBLICATION_DAYS),
    implementation,
    publication('result_publication', '实施结果公开', 'Publish the implementation result', DEFAULT_PUBLICATION_DAYS),
  ],
} as const satisfies ProcedureTemplate;

// ---- 2. 四议两公开一监督 (seed 004) --------------------------------------------------------------------

/** Party members' general meeting, local practice (domain.md): valid with ≥ 2/3 present; passes with > half of those due to attend. */
export const PARTY_GENERAL_MEETING = {
  attendance: RULES.atLeastTwoThirdsOfEntitled,
  decision: RULES.moreThanHalfOfEntitled,
} as const;

export const SIYI_LIANG_GONGKAI = {
  code: 'siyi_liang_gongkai_yi_jiandu',
  name: { zh: '四议两公开一监督', en: 'Four deliberations, two publications, one supervision' },
  source: 'seeds/004 (四议两公开一监督，四栏公开); 城市居民委员会组织法 9, 10; 村民委员会组织法 21, 22, 26; 四议两公开 local practice for the party general meeting (domain.md)',
  unit: 'both',
  batch: false,
  stages: [
    {
      key: 'party_proposal',
      kind: 'proposal',
      name: { zh: '{社区党组织}提议', en: 'The {社区党组织} proposes' },
      body: 'party_organisation',
      attendance: RULES.moreThanHalfOfEntitled, // template setting
      decision: RULES.moreThanHalfOfEntitled, // template setting
      requiredAttachments: PROPOSAL_PROOF,
      onRejected: 'stop',
    },
    twoCommittees('committees_consultation', 'deliberation', '两委会商议', 'The two committees consult', 'party_proposal'),
    {
      key: 'party_general_meeting_review',
      kind: 'deliberation',
      name: { zh: '党员大会审议', en: "Party members' general meeting deliberates" },
      body: 'party_general_meeting',
      ...PARTY_GENERAL_MEETING,
      requiredAttachments: MEETING_PROOF,
      onRejected: { backTo: 'party_proposal' },
    },
    {
      ...communityRepresentativesVote('resolution', '{居民代表会议}或{居民会议}决议', 'The {居民代表会议} or {居民会议} resolves', 'party_proposal'),
      village: villageRepresentatives,
    },
    publication('resolution_publication', '决议公开', 'Publish the resolution', DEFAULT_PUBLICATION_DAYS),
    { ...implementation, supervisorSignOff: true },
    publication('result_publication', '实施结果公开', 'Publish the implementation result', DEFAULT_PUBLICATION_DAYS),
  ],
  note: {
    zh: '一监督：{居务监督委员会}监督全过程，每次公开前签字确认；每季度在“四栏公开”中公开（004）',
    en: 'One supervision: the {居务监督委员会} oversees every step and signs off before each publication; published quarterly on the four-column board (seed 004)',
  },
} as const satisfies ProcedureTemplate;

// ---- 3. 三审一公决 (seed 003, 临沭), village and community forms ---------------------------------------

const sanshenReviews = [
  {
    key: 'branch_review',
    kind: 'deliberation',
    name: { zh: '党支部审议', en: 'The party branch deliberates' },
    body: 'party_organisation',
    attendance: RULES.moreThanHalfOfEntitled, // template setting
    decision: RULES.moreThanHalfOfEntitled, // template setting
    requiredAttachments: PROPOSAL_PROOF,
    onRejected: 'stop',
  },
  twoCommittees('committees_review', 'deliberation', '两委会审议', 'The two committees deliberate', 'branch_review'),
  {
    key: 'party_general_meeting_review',
    kind: 'deliberation',
    name: { zh: '党员大会审议', en: "Party members' general meeting deliberates" },
    body: 'party_general_meeting',
    ...PARTY_GENERAL_MEETING,
    requiredAttachments: MEETING_PROOF,
    onRejected: { backTo: 'branch_review' },
  },
] as const satisfies readonly StageTemplate[];

export const SANSHEN_VILLAGE = {
  code: 'sanshen_yigongjue_village',
  name: { zh: '三审一公决（村）', en: 'Three reviews, one public vote (village)' },
  source: 'seeds/003 (临沭 三审一公决); 村民委员会组织法 21, 22 (村民会议), 25, 26 (村民代表会议)',
  unit: 'village',
  batch: false,
  stages: [
    ...sanshenReviews,
    {
      key: 'public_vote',
      kind: 'vote',
      name: { zh: '{居民代表会议}或{居民会议}公决', en: 'Public vote by the {居民代表会议} or {居民会议}' },
      body: 'representatives_assembly',
      requiredAttachments: MEETING_PROOF,
      allowProxy: false,
      ballot: 'open',
      onRejected: 'stop',
      ...villageRepresentatives,
    },
    publication('resolution_publication', '决议公开', 'Publish the resolution', DEFAULT_PUBLICATION_DAYS),
    implementation,
    publication('result_publication', '实施结果公开', 'Publish the implementation result', DEFAULT_PUBLICATION_DAYS),
  ],
  note: {
    zh: '种子材料写作“经全体村民代表或到会村民半数以上同意”；本模板按村民委员会组织法第二十六条：村民代表会议决定经到会人员过半数同意',
    en: 'The seed says "more than half of all representatives or of the villagers present"; this template follows 村民委员会组织法 art. 26: more than half of those present',
  },
} as const satisfies ProcedureTemplate;

export const SANSHEN_COMMUNITY = {
  code: 'sanshen_yigongjue_community',
  name: { zh: '三审一公决（社区）', en: 'Three reviews, one public vote (community)' },
  source: 'seeds/003 (三审一公决, 社区 form); 城市居民委员会组织法 9, 10',
  unit: 'community',
  batch: false,
  stages: [
    ...sanshenReviews,
    communityRepresentativesVote('public_vote', '{居民代表会议}或{居民会议}公决', 'Public vote by the {居民代表会议} or {居民会议}'),
    publication('resolution_publication', '决议公开', 'Publish the resolution', DEFAULT_PUBLICATION_DAYS),
    implementation,
    publication('result_publication', '实施结果公开', 'Publish the implementation result', DEFAULT_PUBLICATION_DAYS),
  ],
} as const satisfies ProcedureTemplate;

// ---- 4. 六步议事 (seed 003, 百步亭) --------------------------------------------------------------------

/** "三分之二以上通过": 以上 includes (民法典 1259) — at least two thirds of the representatives present. */
export const LIUBU_DECISION = RULES.atLeastTwoThirdsOfPresent;

export const LIUBU = {
  code: 'liubu_yishi',
  name: { zh: '六步议事', en: 'Six-step deliberation' },
  source: 'seeds/003 (百步亭 六步议事：提议题、出主意、拟方案、开言路、定公约、说了算 — “三分之二以上通过后实施”); 城市居民委员会组织法 9, 10',
  unit: 'community',
  batch: false,
  stages: [
    {
      key: 'topic',
      kind: 'proposal',
      name: { zh: '提议题', en: 'Raise the topic' },
      body: 'party_organisation',
      attendance: null,
      decision: null,
      requiredAttachments: [],
      note: { zh: '网上工作室、电子信箱、门栋留言收集的议题分类（003）', en: 'topics from the online studio, mailbox and door notes, classified (seed 003)' },
    },
    {
      key: 'stakeholder_talks',
      kind: 'deliberation',
      name: { zh: '出主意：民主恳谈会', en: 'Ideas: stakeholder talks' },
      body: 'stakeholders',
      attendance: null,
      decision: null,
      requiredAttachments: ['minutes', 'sign_in_sheet'],
      note: { zh: '党支部召集利害关系人、单位代表及{居民代表}，提出初步建议', en: 'the party branch gathers the people concerned, units and {居民代表} for first suggestions' },
    },
    {
      key: 'draft',
      kind: 'deliberation',
      name: { zh: '拟方案：{居民议事会}拟定草案', en: 'Draft: the {居民议事会} drafts' },
      body: 'residents_council',
      attendance: null,
      decision: null,
      requiredAttachments: ['draft', 'minutes'],
    },
    {
      key: 'public_comment',
      kind: 'public_comment',
      name: { zh: '开言路：草案张榜公示', en: 'Open the floor: the draft posted for comments' },
      body: null,
      attendance: null,
      decision: null,
      minDays: 7, // template setting
      requiredAttachments: [],
      note: { zh: '意见须逐条答复', en: 'every comment is answered' },
    },
    {
      key: 'expert_review',
      kind: 'expert_review',
      name: { zh: '定公约：专家审查', en: 'Set the rules: expert review' },
      body: 'experts',
      attendance: null,
      decision: null,
      requiredAttachments: ['expert_opinion'],
      note: { zh: '聘请法律、社会管理专业人士审查把关', en: 'legal and social-management experts review the draft' },
    },
    {
      key: 'representatives_vote',
      kind: 'vote',
      name: { zh: '说了算：{居民代表会议}表决', en: 'Decide: the {居民代表会议} votes' },
      body: 'representatives_assembly',
      attendanceMode: 'members',
      attendance: RULES.moreThanHalfOfEntitled,
      decision: LIUBU_DECISION,
      requiredAttachments: MEETING_PROOF,
      allowProxy: false,
      ballot: 'open',
      onRejected: { backTo: 'draft' },
    },
    publication('resolution_publication', '决议公开', 'Publish the resolution', 0),
    implementation,
  ],
  note: {
    zh: '“三分之二以上通过”按民法典第一千二百五十九条“以上”含本数，理解为同意票不少于到会代表的三分之二',
    en: '"三分之二以上" includes two thirds itself (民法典 1259): yes votes at least two thirds of the representatives present',
  },
} as const satisfies ProcedureTemplate;

// ---- 5. 业主表决 (seed 000; 民法典 278) -----------------------------------------------------------------

const ownersStages = (decision: ShareRule, zh: string, en: string) =>
  [
    solicitation,
    twoCommittees('committees_proposal', 'proposal', '两委提议', 'The two committees propose'),
    {
      key: 'owners_consultation',
      kind: 'deliberation',
      name: { zh: '与业主代表协商', en: "Consult the owners' representatives" },
      body: 'stakeholders',
      attendance: null,
      decision: null,
      requiredAttachments: ['minutes', 'draft'],
    },
    {
      key: 'owners_vote',
      kind: 'vote',
      name: { zh, en },
      body: 'owners_assembly',
      attendanceMode: 'owners',
      attendance: RULES.ownersParticipation,
      decision,
      requiredAttachments: ['ballots', 'minutes'],
      allowProxy: true,
      ballot: 'secret',
      onRejected: 'stop',
    },
    publication('resolution_publication', '表决结果公开', 'Publish the result of the vote', DEFAULT_PUBLICATION_DAYS),
    implementation,
    publication('result_publication', '实施结果公开', 'Publish the implementation result', DEFAULT_PUBLICATION_DAYS),
  ] as const satisfies readonly StageTemplate[];

export const OWNERS_ORDINARY = {
  code: 'owners_vote',
  name: { zh: '业主表决（一般事项）', en: "Owners' vote (ordinary matters)" },
  source: 'seeds/000 (“经全体业主投票表决”); 民法典 278 — 参与表决：专有部分面积和人数均三分之二以上；通过：参与表决面积和人数均过半数',
  unit: 'both',
  batch: false,
  stages: ownersStages(RULES.ownersOrdinary, '业主共同决定（一般事项）', "Owners' joint decision (ordinary matter)"),
} as const satisfies ProcedureTemplate;

export const OWNERS_SPECIAL = {
  code: 'owners_vote_special',
  name: { zh: '业主表决（筹集维修资金、改建重建、改变共有部分用途等）', en: "Owners' vote (raising maintenance funds, rebuilding, change of use of common parts)" },
  source: '民法典 278 (第一款第六至八项) — 参与表决专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意',
  unit: 'both',
  batch: false,
  stages: ownersStages(RULES.ownersSpecial, '业主共同决定（特别事项）', "Owners' joint decision (special matter)"),
  note: {
    zh: '民法典第二百七十八条第一款第六至八项：筹集维修资金；改建、重建建筑物及其附属设施；改变共有部分的用途或者利用共有部分从事经营活动。使用维修资金（第五项）按一般事项表决',
    en: 'Civil Code 278(1) items 6–8: raising maintenance funds; rebuilding; changing the use of common parts or using them for business. Using the funds (item 5) is an ordinary matter',
  },
} as const satisfies ProcedureTemplate;

/** Every shipped template, in the order the console lists them. */
export const SHIPPED_PROCEDURES: readonly ProcedureTemplate[] = [
  YIZHENG_SANYI,
  SIYI_LIANG_GONGKAI,
  SANSHEN_VILLAGE,
  SANSHEN_COMMUNITY,
  LIUBU,
  OWNERS_ORDINARY,
  OWNERS_SPECIAL,
];

export function shippedProcedure(code: string): ProcedureTemplate | undefined {
  return SHIPPED_PROCEDURES.find((t) => t.code === code);
}
