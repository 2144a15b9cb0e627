import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { AccountRow } from '../../platform/db/schema.ts';
import { isStaffRole, STAFF_ROLES } from '../../platform/auth/roles.ts';
import type { z } from 'zod';
import type { accountSchema, roleBindingSchema } from './accounts.schema.ts';
import { containsPattern } from '../../platform/db/like-pattern.ts';

type AccountView = z.infer<typeof accountSchema>;
type BindingView = z.infer<typeof roleBindingSchema>;

/** An account lies in a scope when all of its role bindings do; one without bindings belongs to the district root. */
export async function accountScope(db: Db, districtId: string, accountId: string): Promise<string[] | null> {
  const account = await db.selectFrom('account').select('id').where('id', '=', accountId).where('district_id', '=', districtId).executeTakeFirst();
  if (!account) return null;
  const rows = await db
    .selectFrom('role_binding as b')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
    .select('n.path')
    .where('b.district_id', '=', districtId)
    .where('b.account_id', '=', accountId)
    .execute();
  return rows.length > 0 ? rows.map((r) => r.path) : [`/${districtId}/`];
}

export async function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccount(db: Db, districtId: string, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).where('district_id', '=', districtId).executeTakeFirst();
}

export async function bindingsOf(db: Db, districtId: string, accountIds: string[], lang: 'zh' | 'en' = 'zh'): Promise<Map<string, BindingView[]>> {
  const map = new Map<string, BindingView[]>();
  if (accountIds.length === 0) return map;
  const rows = await db
    .selectFrom('role_binding as b')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
    .select(['b.account_id', 'b.role', 'b.node_id', 'n.name', 'n.kind', 'n.path'])
    .where('b.district_id', '=', districtId)
    .where('b.account_id', 'in', accountIds)
    .orderBy('n.path')
    .execute();
  for (const r of rows) {
    if (!isStaffRole(r.role)) continue;
    const spec = STAFF_ROLES[r.role];
    const list = map.get(r.account_id) ?? [];
    list.push({ role: r.role, roleLabel: lang === 'en' ? spec.labelEn : spec.label, nodeId: r.node_id, nodeName: r.name, nodeKind: r.kind });
    map.set(r.account_id, list);
  }
  return map;
}

export function presentAccount(row: AccountRow, bindings: BindingView[]): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    lockedUntil: row.locked_until && new Date(row.locked_until) > new Date() ? new Date(row.locked_until).toISOString() : null,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
    roles: bindings,
  };
}

/** Accounts whose every binding lies in the scope (and, for a district-wide scope, accounts with none). */
export async function listAccounts(
  db: Db,
  input: { districtId: string; scope: string[]; q?: string; limit: number; offset: number },
): Promise<{ rows: AccountRow[]; total: number }> {
  if (input.scope.length === 0) return { rows: [], total: 0 };
  const scopeArray = sql`array[${sql.join(input.scope.map((p) => sql`${p + '%'}`))}]::text[]`;
  const districtRootInScope = input.scope.includes(`/${input.districtId}/`);
  let query = db
    .selectFrom('account as a')
    .where('a.district_id', '=', input.districtId)
    .where(sql<boolean>`not exists (select 1 from role_binding b join org_node n on n.district_id = b.district_id and n.id = b.node_id
      where b.district_id = a.district_id and b.account_id = a.id and not (n.path like any(${scopeArray})))`);
  if (!districtRootInScope) {
    query = query.where(sql<boolean>`exists (select 1 from role_binding b where b.district_id = a.district_id and b.account_id = a.id)`);
  }
  if (input.q) {
    const pattern = containsPattern(input.q);
    query = query.where((eb) => eb.or([eb('a.username', 'like', pattern), eb('a.display_name', 'like', pattern)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll('a').orderBy('a.username').limit(input.limit).offset(input.offset).execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** The path an account's audit entries are filed under: its widest binding, or the district root. */
export async function accountNodePath(db: Db, districtId: string, accountId: string): Promise<string> {
  const paths = (await accountScope(db, districtId, accountId)) ?? [`/${districtId}/`];
  return [...paths].sort((a, b) => a.length - b.length)[0] ?? `/${districtId}/`;
}
