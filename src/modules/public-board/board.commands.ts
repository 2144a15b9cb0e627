import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { ResidentActor, StaffActor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { storeFile } from '../../platform/files/files.ts';
import type { FreshnessRule } from './board-freshness.ts';
import { acceptsObjections, entryState } from './board-rules.ts';
import { findEntry } from './board.repository.ts';
import { ensureStandardColumns, findCommunity } from './publish-entry.ts';
import './public-board.errors.ts';

/** Staff commands of the public board: one transaction each, holding the change and its audit entry. */
export type BoardCtx = { db: Db; actor: StaffActor; ip: string; now: Date };

async function entryForChange(tx: Db, districtId: string, entryId: string) {
  const entry = await findEntry(tx, districtId, entryId);
  if (!entry) return fail('NOT_FOUND', { field: 'entryId' });
  return entry;
}

export async function createColumn(ctx: BoardCtx, communityId: string, input: { name: string; nameEn?: string | null; freshness: FreshnessRule }): Promise<{ code: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const community = await findCommunity(tx, ctx.actor.districtId, communityId);
    await ensureStandardColumns(tx, ctx.actor.districtId, community.id, ctx.now);
    const name = input.name.trim();
    const same = await tx.selectFrom('board_column').select('code').where('district_id', '=', ctx.actor.districtId).where('community_id', '=', community.id).where('name', '=', name).executeTakeFirst();
    if (same) fail('BOARD_COLUMN_EXISTS', { field: 'name' });
    const order = await tx.selectFrom('board_column').select((eb) => eb.fn.max('sort_order').as('m')).where('district_id', '=', ctx.actor.districtId).where('community_id', '=', community.id).executeTakeFirstOrThrow();
    const code = `c-${crypto.randomBytes(4).toString('hex')}`;
    await tx.insertInto('board_column').values({ district_id: ctx.actor.districtId, community_id: community.id, code, name, name_en: input.nameEn?.trim() ?? '', standard: false, freshness: JSON.stringify(input.freshness), sort_order: Number(order.m ?? 0) + 1, created_at: ctx.now, updated_at: ctx.now }).execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'board.column.create', entityType: 'org_node', entityId: community.id, nodePath: community.path, summary: `「${community.name}」公开栏新增栏目「${name}」`, after: { code, freshness: input.freshness } });
    return { code };
  });
}

export async function updateColumn(ctx: BoardCtx, communityId: string, code: string, input: { name?: string; nameEn?: string | null; freshness?: FreshnessRule; archived?: boolean }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const community = await findCommunity(tx, ctx.actor.districtId, communityId);
    await ensureStandardColumns(tx, ctx.actor.districtId, community.id, ctx.now);
    const column = await tx.selectFrom('board_column').selectAll().where('district_id', '=', ctx.actor.districtId).where('community_id', '=', community.id).where('code', '=', code).executeTakeFirst();
    if (!column) return fail('BOARD_COLUMN_UNKNOWN', { field: 'code' });
    if (input.archived && column.standard) fail('BOARD_COLUMN_STANDARD', { field: 'archived' });
    const name = input.name?.trim();
    if (name && name !== column.name) {
      const same = await tx.selectFrom('board_column').select('code').where('district_id', '=', ctx.actor.districtId).where('community_id', '=', community.id).where('name', '=', name).executeTakeFirst();
      if (same) fail('BOARD_COLUMN_EXISTS', { field: 'name' });
    }
    await tx.updateTable('board_column').set({
      name: name ?? column.name,
      name_en: input.nameEn === undefined ? column.name_en : (input.nameEn ?? '').trim(),
      freshness: JSON.stringify(input.freshness ?? column.freshness),
      archived_at: input.archived === undefined ? column.archived_at : input.archived ? ctx.now : null,
      updated_at: ctx.now,
    }).where('district_id', '=', ctx.actor.districtId).where('community_id', '=', community.id).where('code', '=', code).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'board.column.update', entityType: 'org_node', entityId: community.id, nodePath: community.path,
      summary: `修改「${community.name}」公开栏栏目「${column.name}」`, before: { name: column.name, freshness: column.freshness, archived: column.archived_at !== null }, after: { name: name ?? column.name, freshness: input.freshness ?? column.freshness, archived: input.archived ?? column.archived_at !== null },
    });
  });
}

/** Withdrawal keeps the entry (and its place in the chain); it disappears from the portal and public pages. */
export async function withdrawEntry(ctx: BoardCtx, entryId: string, reason: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const entry = await entryForChange(tx, ctx.actor.districtId, entryId);
    if (entry.withdrawn_at) fail('BOARD_ENTRY_WITHDRAWN', { field: 'entryId' });
    await tx.updateTable('board_entry').set({ withdrawn_at: ctx.now, withdrawn_by: ctx.actor.id, withdrawn_reason: reason.trim() }).where('district_id', '=', ctx.actor.districtId).where('id', '=', entry.id).execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'board.entry.withdraw', entityType: 'board_entry', entityId: entry.id, nodePath: entry.node_path, summary: `撤回公开栏第 ${entry.seq} 号「${entry.title}」：${reason.trim()}` });
  });
}

export type PhotoInput = { name?: string | null; dataUrl: string };

function photoMime(dataUrl: string): 'image/jpeg' | 'image/png' {
  const m = /^data:(image\/(?:jpeg|png));base64,/.exec(dataUrl);
  if (!m) return fail('BOARD_PHOTO_INVALID', { field: 'photo' });
  return m[1] as 'image/jpeg' | 'image/png';
}

async function savePhoto(tx: Db, ctx: BoardCtx, posting: { id: string; nodePath: string }, photo: PhotoInput): Promise<string> {
  const mime = photoMime(photo.dataUrl);
  const stored = await storeFile(tx, { districtId: ctx.actor.districtId, ownerKind: 'board_posting', ownerId: posting.id, nodePath: posting.nodePath, purpose: 'posting_photo', name: photo.name?.trim() || `张贴照片.${mime === 'image/png' ? 'png' : 'jpg'}`, mime, content: photo.dataUrl, actor: ctx.actor, at: ctx.now });
  return stored.id;
}

export async function recordPosting(ctx: BoardCtx, entryId: string, input: { location: string; postedAt: string; photo?: PhotoInput | null }): Promise<{ id: string }> {
  const postedAt = new Date(input.postedAt);
  if (postedAt.getTime() > ctx.now.getTime() + 5 * 60_000) fail('BOARD_POSTED_IN_FUTURE', { field: 'postedAt' });
  return ctx.db.transaction().execute(async (tx) => {
    const entry = await entryForChange(tx, ctx.actor.districtId, entryId);
    if (entry.withdrawn_at) fail('BOARD_ENTRY_WITHDRAWN', { field: 'entryId' });
    const id = crypto.randomUUID();
    await tx.insertInto('board_posting').values({ district_id: ctx.actor.districtId, id, entry_id: entry.id, location: input.location.trim(), posted_at: postedAt, taken_down_at: null, photo_file_id: null, recorded_by: ctx.actor.id, created_at: ctx.now }).execute();
    if (input.photo) {
      const fileId = await savePhoto(tx, ctx, { id, nodePath: entry.node_path }, input.photo);
      await tx.updateTable('board_posting').set({ photo_file_id: fileId }).where('district_id', '=', ctx.actor.districtId).where('id', '=', id).execute();
    }
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'board.posting.create', entityType: 'board_entry', entityId: entry.id, nodePath: entry.node_path, summary: `第 ${entry.seq} 号「${entry.title}」已张贴于${input.location.trim()}${input.photo ? '（附照片）' : ''}`, after: { postedAt: postedAt.toISOString() } });
    return { id };
  });
}

async function postingForChange(tx: Db, ctx: BoardCtx, entryId: string, postingId: string) {
  const posting = await tx.selectFrom('board_posting').selectAll().where('district_id', '=', ctx.actor.districtId).where('id', '=', postingId).where('entry_id', '=', entryId).executeTakeFirst();
  if (!posting) return fail('NOT_FOUND', { field: 'postingId' });
  return posting;
}

export async function takeDownPosting(ctx: BoardCtx, entryId: string, postingId: string, input: { takenDownAt: string }): Promise<void> {
  const at = new Date(input.takenDownAt);
  await ctx.db.transaction().execute(async (tx) => {
    const entry = await entryForChange(tx, ctx.actor.districtId, entryId);
    const posting = await postingForChange(tx, ctx, entry.id, postingId);
    if (posting.taken_down_at) fail('BOARD_POSTING_TAKEN_DOWN', { field: 'postingId' });
    if (at.getTime() < new Date(posting.posted_at).getTime() || at.getTime() > ctx.now.getTime() + 5 * 60_000) fail('BOARD_TAKEN_DOWN_ORDER', { field: 'takenDownAt' });
    await tx.updateTable('board_posting').set({ taken_down_at: at }).where('district_id', '=', ctx.actor.districtId).where('id', '=', posting.id).execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'board.posting.take_down', entityType: 'board_entry', entityId: entry.id, nodePath: entry.node_path, summary: `第 ${entry.seq} 号「${entry.title}」已从${posting.location}撤下`, after: { takenDownAt: at.toISOString() } });
  });
}

export async function setPostingPhoto(ctx: BoardCtx, entryId: string, postingId: string, photo: PhotoInput): Promise<{ fileId: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const entry = await entryForChange(tx, ctx.actor.districtId, entryId);
    const posting = await postingForChange(tx, ctx, entry.id, postingId);
    const fileId = await savePhoto(tx, ctx, { id: posting.id, nodePath: entry.node_path }, photo);
    await tx.updateTable('board_posting').set({ photo_file_id: fileId }).where('district_id', '=', ctx.actor.districtId).where('id', '=', posting.id).execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'board.posting.photo', entityType: 'board_entry', entityId: entry.id, nodePath: entry.node_path, summary: `上传第 ${entry.seq} 号「${entry.title}」在${posting.location}的张贴照片${posting.photo_file_id ? '（替换原照片，原照片保留）' : ''}` });
    return { fileId };
  });
}

/** A resident's objection, accepted during the publication period of an entry of their own community. */
export async function raiseObjection(db: Db, input: { actor: ResidentActor; entryId: string; text: string; ip: string; now: Date }): Promise<{ id: string }> {
  return db.transaction().execute(async (tx) => {
    const entry = await findEntry(tx, input.actor.districtId, input.entryId);
    if (!entry || !input.actor.nodePath.startsWith(entry.node_path)) return fail('NOT_FOUND', { field: 'entryId' });
    const state = entryState({ startsOn: entry.starts_on, endsOn: entry.ends_on, withdrawnAt: entry.withdrawn_at }, input.now);
    if (state === 'withdrawn') return fail('NOT_FOUND', { field: 'entryId' });
    if (state === 'scheduled') return fail('BOARD_OBJECTION_NOT_STARTED', { field: 'entryId' });
    if (!acceptsObjections(state)) return fail('BOARD_OBJECTION_PERIOD_OVER', { field: 'entryId', endsOn: entry.ends_on }, `公示期已于 ${entry.ends_on} 结束，不再受理异议`);
    const id = crypto.randomUUID();
    await tx.insertInto('board_objection').values({ district_id: input.actor.districtId, id, entry_id: entry.id, resident_id: input.actor.id, text: input.text.trim(), created_at: input.now, answer: null, answered_at: null, answered_by: null, answered_by_name: null }).execute();
    await appendAudit(tx, { districtId: input.actor.districtId, actor: input.actor, ip: input.ip, at: input.now, action: 'board.objection.create', entityType: 'board_entry', entityId: entry.id, nodePath: entry.node_path, summary: `对公开栏第 ${entry.seq} 号「${entry.title}」提出异议` });
    return { id };
  });
}

export async function answerObjection(ctx: BoardCtx, entryId: string, objectionId: string, answer: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const entry = await entryForChange(tx, ctx.actor.districtId, entryId);
    const objection = await tx.selectFrom('board_objection').selectAll().where('district_id', '=', ctx.actor.districtId).where('id', '=', objectionId).where('entry_id', '=', entry.id).forUpdate().executeTakeFirst();
    if (!objection) return fail('NOT_FOUND', { field: 'objectionId' });
    if (objection.answered_at) fail('BOARD_OBJECTION_ANSWERED', { field: 'objectionId' });
    await tx.updateTable('board_objection').set({ answer: answer.trim(), answered_at: ctx.now, answered_by: ctx.actor.id, answered_by_name: ctx.actor.displayName }).where('district_id', '=', ctx.actor.districtId).where('id', '=', objection.id).execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'board.objection.answer', entityType: 'board_entry', entityId: entry.id, nodePath: entry.node_path, summary: `答复对第 ${entry.seq} 号「${entry.title}」的异议`, after: { answer: answer.trim() } });
  });
}
