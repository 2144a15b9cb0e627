import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like-pattern.ts';

/** Audit search: entries filed under a node in the scope, newest first (ties broken by insertion order). */
export async function searchAudit(
  db: Db,
  input: { districtId: string; scope: string[]; q?: string; action?: string; entityType?: string; from?: string; to?: string; limit: number; offset: number },
) {
  if (input.scope.length === 0) return { rows: [], total: 0 };
  let query = db
    .selectFrom('audit_log')
    .where('district_id', '=', input.districtId)
    .where((eb) => eb.or(input.scope.map((p) => eb('node_path', 'like', `${p}%`))));
  if (input.action) query = query.where('action', '=', input.action);
  if (input.entityType) query = query.where('entity_type', '=', input.entityType);
  if (input.from) query = query.where('at', '>=', new Date(input.from));
  if (input.to) query = query.where('at', '<=', new Date(input.to));
  if (input.q) {
    const pattern = containsPattern(input.q);
    query = query.where((eb) => eb.or([eb('summary', 'like', pattern), eb('actor_name', 'like', pattern)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('at', 'desc').orderBy('seq', 'desc').limit(input.limit).offset(input.offset).execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
