import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { callForAll } from '../db/statement-batch.ts';
import { isStaffRole, type PortalRole } from './roles.ts';
import type { Actor, RoleBinding } from './actor.ts';

/**
 * Sessions are rows in the database (token hash, subject, idle and absolute expiry), so any app server
 * can serve any request. The cookie holds a random token; only its SHA-256 is stored.
 */
export const SESSION_COOKIE = 'gz_session';

export type SessionPolicy = { idleMinutes: number; maxHours: number };

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  input: { subject: { kind: 'staff'; accountId: string } | { kind: 'resident'; districtId: string; residentId: string }; ip: string; now: Date; policy: SessionPolicy },
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.policy.maxHours * 3600_000);
  await db
    .insertInto('session')
    .values({
      token_hash: hashToken(token),
      subject_kind: input.subject.kind,
      account_id: input.subject.kind === 'staff' ? input.subject.accountId : null,
      district_id: input.subject.kind === 'resident' ? input.subject.districtId : null,
      resident_id: input.subject.kind === 'resident' ? input.subject.residentId : null,
      created_at: input.now,
      last_seen_at: input.now,
      expires_at: expiresAt,
      ip: input.ip,
    })
    .execute();
  return { token, expiresAt };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', hashToken(token)).execute();
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/** A row of gz_session_actor (also the first columns of the statements that read the session themselves). */
export type SessionRow = {
  subject_kind: 'staff' | 'resident';
  last_seen_at: Date | string;
  expires_at: Date | string;
  account_id: string | null;
  a_district_id: string | null;
  username: string | null;
  display_name: string | null;
  disabled: boolean | null;
  must_change_password: boolean | null;
  bindings: BindingJson[] | string | null;
  r_id: string | null;
  r_district_id: string | null;
  r_name: string | null;
  r_node_path: string | null;
  r_roles: string[] | string | null;
};
type BindingJson = { role: string; node_id: string; path: string; name: string; kind: RoleBinding['nodeKind'] };

// Every column of SessionRow (a Record over its keys: a column added to the type and not here is a compile
// error, so no shared row can be left with a column null).
const SESSION_COLUMNS = Object.keys({
  subject_kind: true, last_seen_at: true, expires_at: true, account_id: true, a_district_id: true, username: true, display_name: true, disabled: true,
  must_change_password: true, bindings: true, r_id: true, r_district_id: true, r_name: true, r_node_path: true, r_roles: true,
} satisfies Record<keyof SessionRow, true>) as (keyof SessionRow)[];

/**
 * A batch statement that reads its items' sessions (gz_demand_intake_many, gz_demand_pages) sends a
 * session's columns once, on the row of the first item of that session (`t` the token hash, `r` the roles
 * the route accepts); the other rows of the same session have them null. This gives those rows the same
 * columns, so that each item's row can be admitted alone. Rows are changed in place and returned.
 */
export function sessionColumnsShared<R extends SessionRow>(items: readonly { t: string; r: readonly string[] }[], rows: (R | undefined)[]): (R | undefined)[] {
  const first = new Map<string, R>();
  rows.forEach((row, i) => {
    const item = items[i];
    if (!row || !item) return;
    const key = `${item.t}\u0000${item.r.join(',')}`;
    const carrier = first.get(key);
    if (!carrier) first.set(key, row);
    else for (const column of SESSION_COLUMNS) (row as SessionRow)[column] = carrier[column] as never;
  });
  return rows;
}

/**
 * Calls a batch function that reads its items' sessions and sends each session's columns once (the contract
 * of gz_demand_intake_many and gz_demand_pages), and gives every item's row its session's columns.
 */
export async function callForAllWithSessions<R extends SessionRow>(db: Db, items: readonly { t: string; r: readonly string[] }[], fn: Parameters<typeof callForAll>[2]): Promise<(R | undefined)[]> {
  return sessionColumnsShared(items, await callForAll<R>(db, items, fn));
}

/**
 * Finds the actor of a session token; an idle or over-age session is deleted and reported as expired.
 * One round trip on the common path: the session, its account (or resident) and the role bindings (or
 * portal roles) come back from one call of the PL/pgSQL function gz_session_actor (its plan is kept per
 * connection). The rare writes — deleting an expired session, touching
 * last_seen_at at most once a minute — are separate statements.
 */
export async function actorOfSession(db: Db, token: string, now: Date, policy: SessionPolicy): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  // gz_session_actor (migrations/20261122T2340_demand-speed.sql): session + account + bindings, or resident + roles.
  const found = await sql<SessionRow>`select * from gz_session_actor(${tokenHash})`.execute(db);
  return settleSession(db, tokenHash, found.rows[0], now, policy);
}

/**
 * The actor of a session row as gz_session_actor returns it — alone, or beside a route's own result when
 * the route reads the session in its statement (`sessionInStatement` in authorize.ts). An idle or
 * over-age session is deleted and reported as expired; last_seen_at is touched at most once a minute.
 */
export async function settleSession(db: Db, tokenHash: string, session: SessionRow | undefined, now: Date, policy: SessionPolicy): Promise<SessionLookup> {
  if (!session || !session.subject_kind) return null;
  const lastSeen = new Date(session.last_seen_at).getTime();
  const idleLimit = lastSeen + policy.idleMinutes * 60_000;
  if (now.getTime() > idleLimit || now.getTime() > new Date(session.expires_at).getTime()) {
    await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
    return { expired: true };
  }
  const actor = session.subject_kind === 'staff' ? staffActorOfRow(session) : residentActorOfRow(session);
  if (!actor) return null;
  // Touch at most once a minute: idle timeout needs minutes, not every request's write.
  if (now.getTime() - lastSeen > 60_000) {
    await db.updateTable('session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return { actor };
}

function parsed<T>(value: T | string | null): T | null {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function staffActorOfRow(row: SessionRow): Actor | null {
  if (!row.account_id || !row.a_district_id || row.disabled !== false) return null;
  const bindings: RoleBinding[] = [];
  for (const b of parsed(row.bindings) ?? []) {
    if (isStaffRole(b.role)) bindings.push({ role: b.role, nodeId: b.node_id, nodePath: b.path, nodeName: b.name, nodeKind: b.kind });
  }
  return {
    kind: 'staff',
    id: row.account_id,
    districtId: row.a_district_id,
    username: row.username ?? '',
    displayName: row.display_name ?? '',
    mustChangePassword: row.must_change_password === true,
    bindings,
  };
}

function residentActorOfRow(row: SessionRow): Actor | null {
  if (!row.r_id || !row.r_district_id) return null;
  const roles = (parsed(row.r_roles) ?? []) as PortalRole[];
  return { kind: 'resident', id: row.r_id, districtId: row.r_district_id, displayName: row.r_name ?? '', nodePath: row.r_node_path ?? '', roles: ['resident', ...roles] };
}

export async function staffActor(db: Db, accountId: string | null): Promise<Actor | null> {
  if (!accountId) return null;
  const account = await db
    .selectFrom('account')
    .select(['id', 'district_id', 'username', 'display_name', 'disabled', 'must_change_password'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account || account.disabled) return null;
  const rows = await db
    .selectFrom('role_binding as b')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
    .select(['b.role', 'b.node_id', 'n.path', 'n.name', 'n.kind'])
    .where('b.account_id', '=', accountId)
    .where('b.district_id', '=', account.district_id)
    .orderBy('n.path')
    .execute();
  const bindings: RoleBinding[] = [];
  for (const r of rows) {
    if (isStaffRole(r.role)) bindings.push({ role: r.role, nodeId: r.node_id, nodePath: r.path, nodeName: r.name, nodeKind: r.kind });
  }
  return {
    kind: 'staff',
    id: account.id,
    districtId: account.district_id,
    username: account.username,
    displayName: account.display_name,
    mustChangePassword: account.must_change_password,
    bindings,
  };
}

export async function residentActor(db: Db, districtId: string | null, residentId: string | null): Promise<Actor | null> {
  if (!districtId || !residentId) return null;
  const resident = await db
    .selectFrom('resident')
    .select(['id', 'district_id', 'name', 'node_path'])
    .where('district_id', '=', districtId)
    .where('id', '=', residentId)
    .executeTakeFirst();
  if (!resident) return null;
  const roles = await db.selectFrom('resident_role').select('role').where('district_id', '=', districtId).where('resident_id', '=', residentId).execute();
  const portalRoles: PortalRole[] = ['resident', ...roles.map((r) => r.role)];
  return { kind: 'resident', id: resident.id, districtId: resident.district_id, displayName: resident.name, nodePath: resident.node_path, roles: portalRoles };
}
