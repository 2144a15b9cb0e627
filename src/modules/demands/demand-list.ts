import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import type { DemandStatus } from './rules/index.ts';
import type { DemandTable } from './demands.tables.ts';
import { callForAllWithSessions, type SessionRow } from '../../platform/auth/sessions.ts';
import type { StatementSession } from '../../platform/http/authorize.ts';
import { summarize, type DemandSummary } from './demands.repository.ts';
import { statementBatcher, type BatchOptions, type StatementBatcher } from '../../platform/db/statement-batch.ts';

type Lang = 'zh' | 'en';
type DemandRow = import('kysely').Selectable<DemandTable>;

export type ListFilter = { status?: DemandStatus | 'open' | 'finished' | undefined; overdue?: boolean | undefined; category?: string | undefined; channel?: string | undefined; after?: string | undefined; pageSize: number };

/** The list's filter from its query string (the list and its count take the same one). */
export function listFilter(q: { status?: ListFilter['status']; overdue?: '0' | '1' | undefined; category?: string | undefined; channel?: string | undefined; after?: string | undefined; pageSize: number }): ListFilter {
  return { status: q.status, overdue: q.overdue === '1', category: q.category, channel: q.channel, after: q.after, pageSize: q.pageSize };
}

/**
 * Cursor: created_at (as the database wrote it, to the microsecond) and id of the last row of the
 * previous page.
 */
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !isDatabaseTime(at) || !/^[0-9a-f-]{36}$/i.test(id)) return fail('VALIDATION_FAILED', { field: 'after' }, '「翻页游标」无效，请从第一页开始');
  return { at, id };
}

/** A timestamptz as the database writes it (ISO 8601 to the microsecond, with its offset). */
const DATABASE_TIME = /^([1-9]\d{3})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-5])(:[0-5]\d)?)$/;

/** Whether the database takes this text as a time: its form, and a day that exists (JavaScript would roll 02-31 over). */
function isDatabaseTime(text: string): boolean {
  const m = DATABASE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

/** A page row (times as the JSON text the database wrote). */
type PageRow = Pick<DemandRow, 'id' | 'title' | 'channel' | 'category_code' | 'status' | 'handling_level' | 'lead_body' | 'rating'> & { respond_by: string; finish_by: string | null; responded_at: string | null; created_at: string };
/** A page row as gz_demand_page_rows sends it: an array in this order (migrations/20261123T1900). */
type PageTuple = [PageRow['id'], PageRow['title'], PageRow['channel'], PageRow['category_code'], PageRow['status'], PageRow['handling_level'], PageRow['lead_body'], string, string | null, string | null, PageRow['rating'], string];
const pageRow = ([id, title, channel, category_code, status, handling_level, lead_body, respond_by, finish_by, responded_at, rating, created_at]: PageTuple): PageRow =>
  ({ id, title, channel, category_code, status, handling_level, lead_body, respond_by, finish_by, responded_at, rating, created_at });

/**
 * One page of the staff list within the actor's scope, newest first, keyset-paged: ONE round trip. The
 * statement (gz_demand_pages, migrations/20261123T1900_demand-pages-set-based.sql) reads the session, takes
 * the scope from the bindings whose roles grant demand.read, and returns the page beside the session
 * row; the page is used only once the session is admitted (statementSession in authorize.ts).
 */
export async function listDemandPage(batcher: PageBatcher, session: StatementSession, filter: ListFilter, now: Date, lang: Lang): Promise<{ items: DemandSummary[]; nextCursor: string | null }> {
  const cursor = filter.after ? decodeCursor(filter.after) : null;
  const p = {
    status: filter.status ?? null,
    overdue: filter.overdue === true,
    category: filter.category ?? null,
    channel: filter.channel ?? null,
    afterAt: cursor?.at ?? null,
    afterId: cursor?.id ?? null,
    now: now.toISOString(),
    limit: filter.pageSize + 1,
  };
  const row = await batcher({ t: session.tokenHash, r: session.roles, p });
  await session.admit(row);
  const rows = ((typeof row?.items === 'string' ? (JSON.parse(row.items) as PageTuple[]) : row?.items) ?? []).map(pageRow);
  const more = rows.length > filter.pageSize;
  const page = rows.slice(0, filter.pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => summarize(r, now, lang)),
    nextCursor: more && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

type PageItem = { t: string; r: readonly string[]; p: unknown };
/** Staff list requests arriving together, sent as one statement (pageBatcher). */
export type PageBatcher = StatementBatcher<PageItem, (SessionRow & { items: PageTuple[] | string }) | undefined>;

/**
 * List requests waiting at the same moment go as ONE statement (statement-batch.ts): gz_demand_pages reads
 * each distinct session once and gets each item's page; item n's row comes back with n (none when its
 * session is not found: 401), and the session's columns once per session (callForAllWithSessions).
 * One per app (demands.routes.ts).
 */
export function pageBatcher(db: Db, options: BatchOptions): PageBatcher {
  return statementBatcher(
    (items) => callForAllWithSessions<SessionRow & { items: PageTuple[] | string }>(db, items, sql`gz_demand_pages`),
    options,
  );
}

/** Counting stops here: a list says "10000+" rather than scan everything. */
export const COUNT_CAP = 10_000;

/** How many demands the list holds with this filter (the cursor ignored), capped at COUNT_CAP. */
export async function countDemands(db: Db, districtId: string, scope: string[], filter: ListFilter, now: Date): Promise<{ total: number; totalCapped: boolean }> {
  if (scope.length === 0) return { total: 0, totalCapped: false };
  const base = db
    .selectFrom('demand')
    .where('district_id', '=', districtId)
    .where((eb) => eb.or(scope.map((p) => eb('node_path', 'like', `${p}%`))))
    // The page's own filter (gz_demand_listed, migrations/20261123T0500): one definition for the page and its count.
    .where(sql<boolean>`gz_demand_listed(demand, ${filter.status ?? null}::text, ${filter.category ?? null}::text, ${filter.channel ?? null}::text, ${filter.overdue === true}::boolean, ${now.toISOString()}::timestamptz, null::timestamptz, null::uuid)`);
  const counted = await db.selectFrom(base.select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1).as('x')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const n = Number(counted.n);
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}
