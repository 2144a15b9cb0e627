import crypto from 'node:crypto';
import type { StaffActor } from '../../../platform/auth/actor.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import type { InteropKeyTable } from './interop.tables.ts';
import './interop.errors.ts';

/**
 * API keys of outside systems. The secret (`gzk_` + 43 base64url characters = 32 random bytes) is shown
 * once at creation; only its sha-256 is stored. A key is bound to a street or community and files only
 * inside it. It acts through its own service account — disabled, no password, no role — so that a
 * demand's 首问负责 and every audit entry name the key (「接口：市 12345 热线平台（api-1a2b3c4d）」).
 */
export type KeyChannel = InteropKeyTable['channel'];
type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };

export const KEY_NODE_KINDS = ['street', 'community'] as const;

export function hashKey(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

export type KeyView = {
  id: string; name: string; nodeId: string; nodeName: string; nodeKind: string; channel: KeyChannel; prefix: string;
  createdAt: string; createdBy: string | null; revokedAt: string | null; lastUsedAt: string | null; requests: number;
};

export async function createKey(ctx: Ctx, input: { name: string; nodeId: string; channel: KeyChannel }): Promise<KeyView & { secret: string }> {
  const districtId = ctx.actor.districtId;
  const node = await ctx.db.selectFrom('org_node').select(['id', 'name', 'kind', 'path']).where('district_id', '=', districtId).where('id', '=', input.nodeId).executeTakeFirst();
  if (!node) return fail('NOT_FOUND', { field: 'nodeId' });
  if (!(KEY_NODE_KINDS as readonly string[]).includes(node.kind)) return fail('INTEROP_KEY_NODE_KIND', { field: 'nodeId', kind: node.kind });
  const secret = `gzk_${crypto.randomBytes(32).toString('base64url')}`;
  const id = crypto.randomUUID();
  const accountId = crypto.randomUUID();
  const prefix = secret.slice(0, 12);
  const name = input.name.trim();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('account').values({
      id: accountId, district_id: districtId, username: `api-${id.slice(0, 8)}`, display_name: `接口：${name}`,
      // Not a hash of anything: this account never signs in (and it is disabled).
      password_hash: '!interop-key-service-account', must_change_password: false, disabled: true,
      password_changed_at: ctx.now, created_at: ctx.now, updated_at: ctx.now,
    } as never).execute();
    await tx.insertInto('interop_key').values({
      district_id: districtId, id, name, node_id: node.id, node_path: node.path, channel: input.channel, key_prefix: prefix,
      key_hash: hashKey(secret), account_id: accountId, created_by: ctx.actor.id, created_at: ctx.now,
    }).execute();
    await appendAudit(tx, {
      districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'interop.key.create', entityType: 'interop_key', entityId: id, nodePath: node.path,
      summary: `创建接口密钥「${name}」（${prefix}…，可提交到 ${node.name}）`, after: { name, nodeId: node.id, channel: input.channel, prefix },
    });
  });
  const [view] = await listKeys(ctx.db, districtId, [node.path], id);
  if (!view) return fail('INTEROP_KEY_NOT_FOUND');
  return { ...view, secret };
}

export async function revokeKey(ctx: Ctx, id: string): Promise<KeyView> {
  const districtId = ctx.actor.districtId;
  await ctx.db.transaction().execute(async (tx) => {
    const key = await tx.selectFrom('interop_key').selectAll().where('district_id', '=', districtId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!key) return fail('INTEROP_KEY_NOT_FOUND');
    if (key.revoked_at) return; // revoking twice changes nothing
    await tx.updateTable('interop_key').set({ revoked_at: ctx.now, revoked_by: ctx.actor.id }).where('district_id', '=', districtId).where('id', '=', id).execute();
    await appendAudit(tx, {
      districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'interop.key.revoke', entityType: 'interop_key', entityId: id, nodePath: key.node_path,
      summary: `停用接口密钥「${key.name}」（${key.key_prefix}…）`, before: { revokedAt: null }, after: { revokedAt: ctx.now.toISOString() },
    });
  });
  const [view] = await listKeys(ctx.db, districtId, ['/'], id);
  if (!view) return fail('INTEROP_KEY_NOT_FOUND');
  return view;
}

/** Keys bound inside the given subtrees (never the secret nor its hash). */
export async function listKeys(db: Db, districtId: string, scope: string[], onlyId?: string): Promise<KeyView[]> {
  if (scope.length === 0) return [];
  let q = db
    .selectFrom('interop_key as k')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'k.district_id').onRef('n.id', '=', 'k.node_id'))
    .leftJoin('account as c', 'c.id', 'k.created_by')
    .select((eb) => [
      'k.id', 'k.name', 'k.node_id', 'n.name as node_name', 'n.kind as node_kind', 'k.channel', 'k.key_prefix', 'k.created_at', 'c.display_name as created_by',
      'k.revoked_at', 'k.last_used_at',
      eb.selectFrom('demand_external_ref as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.district_id', '=', 'k.district_id').whereRef('r.key_id', '=', 'k.id').as('requests'),
    ])
    .where('k.district_id', '=', districtId)
    .where((eb) => eb.or(scope.map((p) => eb('k.node_path', 'like', `${p}%`))));
  if (onlyId) q = q.where('k.id', '=', onlyId);
  const rows = await q.orderBy('k.created_at', 'desc').execute();
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((r) => ({
    id: r.id, name: r.name, nodeId: r.node_id, nodeName: r.node_name, nodeKind: r.node_kind, channel: r.channel, prefix: r.key_prefix,
    createdAt: new Date(r.created_at).toISOString(), createdBy: r.created_by ?? null, revokedAt: iso(r.revoked_at), lastUsedAt: iso(r.last_used_at), requests: Number(r.requests ?? 0),
  }));
}

/** Scope resolver for routes naming a key: the path of the node it is bound to. */
export async function keyScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('interop_key').select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}

export type KeyHolder = {
  key: { id: string; name: string; districtId: string; nodeId: string; nodePath: string; nodeKind: string; channel: KeyChannel; prefix: string };
  actor: StaffActor;
};

/** The key behind a secret, or a 403 (unknown or revoked). The caller records its use (`touchKey`). */
export async function keyHolder(db: Db, secret: string | undefined | null): Promise<KeyHolder> {
  if (!secret || secret.length < 20 || secret.length > 200) return fail('INTEROP_KEY_REQUIRED');
  const row = await db
    .selectFrom('interop_key as k')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'k.district_id').onRef('n.id', '=', 'k.node_id'))
    .innerJoin('account as a', 'a.id', 'k.account_id')
    .select(['k.id', 'k.name', 'k.district_id', 'k.node_id', 'n.path', 'n.kind', 'k.channel', 'k.key_prefix', 'k.revoked_at', 'a.id as account_id', 'a.username', 'a.display_name'])
    .where('k.key_hash', '=', hashKey(secret))
    .executeTakeFirst();
  if (!row) return fail('INTEROP_KEY_REQUIRED');
  if (row.revoked_at) return fail('INTEROP_KEY_REVOKED', { prefix: row.key_prefix });
  return {
    key: { id: row.id, name: row.name, districtId: row.district_id, nodeId: row.node_id, nodePath: row.path, nodeKind: row.kind, channel: row.channel, prefix: row.key_prefix },
    actor: { kind: 'staff', id: row.account_id, districtId: row.district_id, username: row.username, displayName: row.display_name, mustChangePassword: false, bindings: [] },
  };
}

export async function touchKey(db: Db, key: KeyHolder['key'], now: Date): Promise<void> {
  await db.updateTable('interop_key').set({ last_used_at: now }).where('district_id', '=', key.districtId).where('id', '=', key.id).execute();
}
