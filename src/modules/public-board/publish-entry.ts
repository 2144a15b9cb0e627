import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { chinaDate } from '../../platform/china-time.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { entryHash, GENESIS_HASH, type ChainContent, type PersonalLine } from './board-chain.ts';
import { STANDARD_COLUMNS } from './board-freshness.ts';
import { publicationPeriod, sensitiveTextFindings } from './board-rules.ts';
import './public-board.errors.ts';
import './public-board.tables.ts';

/** A line of a personal notice (低保): only the fields the law allows (最低生活保障审核确认办法 art. 24). */
export type PersonalNoticeLine = { name: string; householdSize: number; /** 元 (per month) */ amount: number };

export type PublishEntryInput = {
  districtId: string;
  communityId: string;
  /** Column code: 'party' (党务) | 'residents' (居务) | 'finance' (财务) | a custom column's code. */
  column: string;
  title: string;
  body: string;
  /** Publication period: days after the start (民法典 201), or an explicit end date. */
  publicationDays?: number | null;
  endsOn?: string | null;
  /** First day of the period (China date); today when omitted. */
  startsOn?: string | null;
  matterId?: string | null;
  stageId?: string | null;
  personal?: PersonalNoticeLine[] | null;
  correctsEntryId?: string | null;
  /** Who publishes (null = the system). */
  actor: Actor | null;
  ip?: string | null;
  now?: Date;
};

export type PublishedEntry = { id: string; seq: number; hash: string; startsOn: string; endsOn: string };

/** The community node, checked to be a community of the district. */
export async function findCommunity(tx: Db, districtId: string, communityId: string): Promise<{ id: string; name: string; path: string }> {
  const node = await tx.selectFrom('org_node').select(['id', 'name', 'path', 'kind']).where('district_id', '=', districtId).where('id', '=', communityId).executeTakeFirst();
  if (!node) return fail('NOT_FOUND', { field: 'communityId' });
  if (node.kind !== 'community') return fail('BOARD_NOT_COMMUNITY', { field: 'communityId' });
  return node;
}

/** The three standard columns, installed on first use for a community created after the migration. */
export async function ensureStandardColumns(tx: Db, districtId: string, communityId: string, now: Date): Promise<void> {
  await tx
    .insertInto('board_column')
    .values(STANDARD_COLUMNS.map((c) => ({ district_id: districtId, community_id: communityId, code: c.code, name: c.name, name_en: c.nameEn, standard: true, freshness: JSON.stringify(c.freshness), sort_order: c.sortOrder, created_at: now, updated_at: now })))
    .onConflict((oc) => oc.columns(['district_id', 'community_id', 'code']).doNothing())
    .execute();
}

function checkText(field: 'title' | 'body', text: string): void {
  const found = sensitiveTextFindings(text);
  if (found.length > 0) fail('BOARD_SENSITIVE_TEXT', { field, kinds: [...new Set(found.map((f) => f.kind))] }, `「${field === 'title' ? '标题' : '正文'}」含有${found.some((f) => f.kind === 'id_number') ? '身份证号' : '手机号'}，公开内容不得包含个人敏感信息`);
}

/**
 * Publishes an entry on a community's board, inside the caller's transaction (MATTERS' publication stage
 * calls this; the staff route too). Takes the community's chain head under a row lock, so concurrent
 * publications line up one after another and the chain never forks; appends the audit entry.
 */
export async function publishEntry(tx: Db, input: PublishEntryInput): Promise<PublishedEntry> {
  const now = input.now ?? new Date();
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title) fail('VALIDATION_FAILED', { field: 'title' }, '请填写「标题」');
  checkText('title', title);
  checkText('body', body);
  const today = chinaDate(now);
  const startsOn = input.startsOn ?? today;
  if (startsOn < today) fail('BOARD_START_IN_PAST', { field: 'startsOn' });
  const period = publicationPeriod({ startsOn, days: input.publicationDays, endsOn: input.endsOn });
  if ('error' in period) return fail(`BOARD_${period.error}`, { field: input.endsOn ? 'endsOn' : 'publicationDays' });
  const personal: PersonalLine[] | null = input.personal && input.personal.length > 0
    ? input.personal.map((p, i) => {
      const name = p.name.trim();
      if (!name || name.length > 50) fail('VALIDATION_FAILED', { field: `personal.${i}.name` }, `第 ${i + 1} 行「姓名」应为 1 到 50 个字`);
      if (!Number.isInteger(p.householdSize) || p.householdSize < 1 || p.householdSize > 50) fail('VALIDATION_FAILED', { field: `personal.${i}.householdSize` }, `第 ${i + 1} 行「家庭人口」应为 1 到 50 的整数`);
      if (!Number.isFinite(p.amount) || p.amount < 0 || p.amount > 1_000_000) fail('VALIDATION_FAILED', { field: `personal.${i}.amount` }, `第 ${i + 1} 行「金额」应为 0 到 1,000,000 元`);
      checkText('body', name);
      return { name, householdSize: p.householdSize, amountCents: Math.round(p.amount * 100) };
    })
    : null;

  const community = await findCommunity(tx, input.districtId, input.communityId);
  await ensureStandardColumns(tx, input.districtId, community.id, now);
  const column = await tx.selectFrom('board_column').select(['code', 'name', 'archived_at']).where('district_id', '=', input.districtId).where('community_id', '=', community.id).where('code', '=', input.column).executeTakeFirst();
  if (!column || column.archived_at) return fail('BOARD_COLUMN_UNKNOWN', { field: 'column' });
  if (input.correctsEntryId) {
    const corrected = await tx.selectFrom('board_entry').select(['community_id']).where('district_id', '=', input.districtId).where('id', '=', input.correctsEntryId).executeTakeFirst();
    if (!corrected) return fail('NOT_FOUND', { field: 'correctsEntryId' });
    if (corrected.community_id !== community.id) fail('BOARD_CORRECTS_OTHER_COMMUNITY', { field: 'correctsEntryId' });
  }

  if (input.matterId) {
    const matter = await tx.selectFrom('matter').select(['community_id']).where('district_id', '=', input.districtId).where('id', '=', input.matterId).executeTakeFirst();
    if (!matter) return fail('NOT_FOUND', { field: 'matterId' });
    if (matter.community_id !== community.id) fail('VALIDATION_FAILED', { field: 'matterId' }, '「关联议题」应是本社区的议题');
  }
  if (input.stageId) {
    const stage = await tx.selectFrom('matter_stage').select(['matter_id']).where('district_id', '=', input.districtId).where('id', '=', input.stageId).executeTakeFirst();
    if (!stage || stage.matter_id !== input.matterId) fail('VALIDATION_FAILED', { field: 'stageId' }, '「关联阶段」应是所关联议题的阶段');
  }

  // The chain head of this community, locked until the transaction ends.
  await tx.insertInto('board_chain').values({ district_id: input.districtId, community_id: community.id, seq: 0, head_hash: GENESIS_HASH, updated_at: now }).onConflict((oc) => oc.columns(['district_id', 'community_id']).doNothing()).execute();
  const head = await tx.selectFrom('board_chain').select(['seq', 'head_hash']).where('district_id', '=', input.districtId).where('community_id', '=', community.id).forUpdate().executeTakeFirstOrThrow();

  const actorName = input.actor ? input.actor.displayName : '系统';
  const content: ChainContent = {
    districtId: input.districtId,
    communityId: community.id,
    id: crypto.randomUUID(),
    seq: head.seq + 1,
    columnCode: column.code,
    title,
    body,
    personal,
    matterId: input.matterId ?? null,
    stageId: input.stageId ?? null,
    correctsEntryId: input.correctsEntryId ?? null,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    publishedAt: now,
    publishedByName: actorName,
  };
  const hash = entryHash(content, head.head_hash);
  await tx
    .insertInto('board_entry')
    .values({
      district_id: content.districtId, id: content.id, community_id: content.communityId, node_path: community.path, seq: content.seq, column_code: content.columnCode,
      title, body, personal: personal ? JSON.stringify(personal) : null, matter_id: content.matterId, stage_id: content.stageId, corrects_entry_id: content.correctsEntryId,
      starts_on: content.startsOn, ends_on: content.endsOn, published_at: now, published_by: input.actor?.kind === 'staff' ? input.actor.id : null, published_by_name: actorName,
      prev_hash: head.head_hash, hash, withdrawn_at: null, withdrawn_by: null, withdrawn_reason: null,
    })
    .execute();
  await tx.updateTable('board_chain').set({ seq: content.seq, head_hash: hash, updated_at: now }).where('district_id', '=', input.districtId).where('community_id', '=', community.id).execute();
  await appendAudit(tx, {
    districtId: input.districtId, actor: input.actor, ip: input.ip ?? null, at: now, action: 'board.entry.publish', entityType: 'board_entry', entityId: content.id, nodePath: community.path,
    summary: `在「${community.name}」公开栏「${column.name}」发布第 ${content.seq} 号：${title}（公示 ${period.startsOn} 至 ${period.endsOn}）${content.correctsEntryId ? '，更正此前的条目' : ''}`,
    after: { seq: content.seq, hash, column: column.code, startsOn: period.startsOn, endsOn: period.endsOn, personalLines: personal?.length ?? 0 },
  });
  return { id: content.id, seq: content.seq, hash, startsOn: period.startsOn, endsOn: period.endsOn };
}

/** Open objections of an entry (MATTERS' publication stage cannot close while any is unanswered). */
export async function unansweredObjectionCount(tx: Db, districtId: string, entryId: string): Promise<number> {
  const row = await tx.selectFrom('board_objection').select((eb) => eb.fn.countAll<number>().as('n')).where('district_id', '=', districtId).where('entry_id', '=', entryId).where('answered_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
