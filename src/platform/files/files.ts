import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import { fail, registerErrors } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { FilePurpose, StoredFileRow } from './files.tables.ts';
import './files.tables.ts';

/**
 * The shared attachment store. Bytes live in the database (`stored_file.content`), so app servers stay
 * stateless; each file belongs to an owner record (owner_kind + owner_id, e.g. a matter stage) and carries
 * that record's org path, so reading it is scoped like the record. Photos are downscaled in the browser
 * (the request body limit is 1 MB, JSON with base64).
 */
export const FILE_PURPOSES = ['minutes', 'sign_in_sheet', 'photos', 'draft', 'expert_opinion', 'posting_photo', 'solicitation_summary', 'notice', 'ballots', 'implementation_report', 'other'] as const satisfies readonly FilePurpose[];

export const FILE_PURPOSE_LABELS: Record<FilePurpose, { zh: string; en: string }> = {
  minutes: { zh: '会议记录', en: 'Minutes' },
  sign_in_sheet: { zh: '签到表', en: 'Sign-in sheet' },
  photos: { zh: '现场照片', en: 'Photos' },
  draft: { zh: '方案草案', en: 'Draft' },
  expert_opinion: { zh: '专家意见', en: 'Expert opinion' },
  posting_photo: { zh: '张贴照片', en: 'Posting photo' },
  solicitation_summary: { zh: '征求意见汇总', en: 'Summary of opinions' },
  notice: { zh: '会议通知', en: 'Meeting notice' },
  ballots: { zh: '表决票', en: 'Ballots' },
  implementation_report: { zh: '实施情况报告', en: 'Implementation report' },
  other: { zh: '其他附件', en: 'Other attachment' },
};

/** 760 KiB of bytes: its base64 (4/3 larger) still fits a 1 MB JSON body with the other fields. */
export const MAX_FILE_BYTES = 760 * 1024;

export const ALLOWED_MIME = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;

export const FILE_ERRORS = registerErrors({
  FILE_TOO_LARGE: { status: 413, zh: '「附件」过大，单个文件不能超过 760 KB（照片请压缩后上传）', en: 'The file is too large (at most 760 KB)' },
  FILE_EMPTY: { status: 400, zh: '「附件」内容为空', en: 'The file is empty' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, zh: '「附件」类型不支持，只能上传 JPG/PNG/WebP 图片、PDF、Word、Excel 或文本文件', en: 'File type not allowed' },
  FILE_CONTENT_INVALID: { status: 400, zh: '「附件」内容不是有效的 base64 编码', en: 'The file content is not valid base64' },
  FILE_TYPE_MISMATCH: { status: 415, zh: '「附件」内容与声明的类型不符', en: 'The file content does not match its declared type' },
});

export type StoreFileInput = {
  districtId: string;
  ownerKind: string;
  ownerId: string;
  /** The owner record's org path (for scope checks when the file is read). */
  nodePath: string;
  purpose: FilePurpose;
  name: string;
  mime: string;
  /** Raw bytes, or base64 text (as sent in JSON). */
  content: Uint8Array | string;
  actor: Actor | null;
  at?: Date;
};

export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/^data:[^;]+;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) fail('FILE_CONTENT_INVALID', { field: 'content' });
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/** Checks the magic bytes of the types that have them, so an .exe cannot pass as a photo. */
function looksLike(mime: string, bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (mime) {
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    case 'image/webp':
      return starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45;
    case 'application/pdf':
      return starts(0x25, 0x50, 0x44, 0x46);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return starts(0x50, 0x4b, 0x03, 0x04);
    default:
      return true;
  }
}

/** Validates and stores one file inside the caller's transaction (the caller appends the audit entry). */
export async function storeFile(tx: Db, input: StoreFileInput): Promise<{ id: string; sha256: string; size: number }> {
  const bytes = typeof input.content === 'string' ? decodeBase64(input.content) : input.content;
  if (bytes.length === 0) fail('FILE_EMPTY', { field: 'content' });
  if (bytes.length > MAX_FILE_BYTES) fail('FILE_TOO_LARGE', { field: 'content', size: bytes.length, max: MAX_FILE_BYTES });
  if (!(ALLOWED_MIME as readonly string[]).includes(input.mime)) fail('FILE_TYPE_NOT_ALLOWED', { field: 'mime', mime: input.mime });
  if (!looksLike(input.mime, bytes)) fail('FILE_TYPE_MISMATCH', { field: 'content', mime: input.mime });
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const id = crypto.randomUUID();
  await tx
    .insertInto('stored_file')
    .values({
      district_id: input.districtId,
      id,
      owner_kind: input.ownerKind,
      owner_id: input.ownerId,
      node_path: input.nodePath,
      purpose: input.purpose,
      name: input.name.slice(0, 200),
      mime: input.mime,
      size: bytes.length,
      sha256,
      content: Buffer.from(bytes),
      uploaded_by_kind: input.actor ? input.actor.kind : 'system',
      uploaded_by: input.actor?.id ?? null,
      created_at: input.at ?? new Date(),
    })
    .execute();
  return { id, sha256, size: bytes.length };
}

export type FileInfo = { id: string; ownerKind: string; ownerId: string; purpose: FilePurpose; purposeLabel: string; name: string; mime: string; size: number; sha256: string; createdAt: string };

export function presentFile(row: Omit<StoredFileRow, 'content' | 'district_id' | 'node_path' | 'uploaded_by_kind' | 'uploaded_by'>, lang: 'zh' | 'en' = 'zh'): FileInfo {
  return {
    id: row.id,
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    purpose: row.purpose,
    purposeLabel: FILE_PURPOSE_LABELS[row.purpose][lang],
    name: row.name,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The files of one owner record (metadata only). */
export async function filesOf(db: Db, districtId: string, ownerKind: string, ownerIds: string[], lang: 'zh' | 'en' = 'zh'): Promise<FileInfo[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db
    .selectFrom('stored_file')
    .select(['id', 'owner_kind', 'owner_id', 'purpose', 'name', 'mime', 'size', 'sha256', 'created_at'])
    .where('district_id', '=', districtId)
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', 'in', ownerIds)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => presentFile(r, lang));
}

/** The purposes for which an owner record has at least one file (for required-attachment checks). */
export async function purposesOf(db: Db, districtId: string, ownerKind: string, ownerId: string): Promise<FilePurpose[]> {
  const rows = await db.selectFrom('stored_file').select('purpose').distinct().where('district_id', '=', districtId).where('owner_kind', '=', ownerKind).where('owner_id', '=', ownerId).execute();
  return rows.map((r) => r.purpose);
}

export async function loadFile(db: Db, districtId: string, id: string): Promise<StoredFileRow | undefined> {
  return db.selectFrom('stored_file').selectAll().where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
}

/** Scope resolver for `stored_file`: the owner record's path. */
export async function fileScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('stored_file').select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}
