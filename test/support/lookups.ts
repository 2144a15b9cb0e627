import type { Db } from '../../src/platform/db/database.ts';

/** Finds demo records by their names, since ids differ between databases. */
export async function nodeByName(db: Db, name: string, kind?: string): Promise<{ id: string; path: string }> {
  let q = db.selectFrom('org_node').select(['id', 'path']).where('name', '=', name);
  if (kind) q = q.where('kind', '=', kind as never);
  const row = await q.orderBy('path').limit(1).executeTakeFirst();
  if (!row) throw new Error(`no node ${name}`);
  return row;
}

export async function residentUnder(db: Db, path: string): Promise<{ id: string; name: string; id_number: string; phone: string | null }> {
  const row = await db.selectFrom('resident').select(['id', 'name', 'id_number', 'phone']).where('node_path', 'like', `${path}%`).where('phone', 'is not', null).orderBy('id').limit(1).executeTakeFirst();
  if (!row) throw new Error(`no resident under ${path}`);
  return row;
}

export async function accountId(db: Db, username: string): Promise<string> {
  const row = await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

export async function auditCount(db: Db, action?: string): Promise<number> {
  let q = db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
  if (action) q = q.where('action', '=', action);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The org node an account is bound to (its first binding). */
export async function nodeOfAccount(db: Db, username: string): Promise<{ id: string; path: string }> {
  const row = await db
    .selectFrom('account as a')
    .innerJoin('role_binding as b', 'b.account_id', 'a.id')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
    .select(['n.id', 'n.path'])
    .where('a.username', '=', username)
    .executeTakeFirstOrThrow();
  return row;
}
