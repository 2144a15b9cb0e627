import { chinaDate } from '../../platform/china-time.ts';
import type { Db } from '../../platform/db/database.ts';
import { verifyChain, type ChainVerdict, type StoredLink } from './board-chain.ts';
import { columnFreshness, FRESHNESS_LABELS, STANDARD_COLUMNS, type FreshnessStatus, type FreshnessRule } from './board-freshness.ts';
import { ENTRY_STATE_LABELS, entryState, formatYuan, type EntryState } from './board-rules.ts';
import type { BoardEntryRow } from './public-board.tables.ts';

/** SQL and presentation of the public board (no business decisions here beyond the pure rules). */

export async function boardEntryScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('board_entry').select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}

export async function findEntry(db: Db, districtId: string, id: string): Promise<BoardEntryRow | undefined> {
  return db.selectFrom('board_entry').selectAll().where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
}

export type EntryView = {
  id: string;
  seq: number;
  column: string;
  columnName: string;
  title: string;
  body: string;
  personal: { name: string; householdSize: number; amount: string }[] | null;
  matterId: string | null;
  stageId: string | null;
  correctsEntryId: string | null;
  correctedByIds: string[];
  startsOn: string;
  endsOn: string;
  publishedAt: string;
  publishedByName: string;
  state: EntryState;
  stateLabel: string;
  hash: string;
  prevHash: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
};

export function presentEntry(row: BoardEntryRow, columnName: string, now: Date, correctedByIds: string[] = [], lang: 'zh' | 'en' = 'zh'): EntryView {
  const state = entryState({ startsOn: row.starts_on, endsOn: row.ends_on, withdrawnAt: row.withdrawn_at }, now);
  return {
    id: row.id, seq: row.seq, column: row.column_code, columnName, title: row.title, body: row.body,
    personal: row.personal ? row.personal.map((p) => ({ name: p.name, householdSize: p.householdSize, amount: formatYuan(p.amountCents) })) : null,
    matterId: row.matter_id, stageId: row.stage_id, correctsEntryId: row.corrects_entry_id, correctedByIds,
    startsOn: row.starts_on, endsOn: row.ends_on, publishedAt: new Date(row.published_at).toISOString(), publishedByName: row.published_by_name,
    state, stateLabel: ENTRY_STATE_LABELS[state][lang], hash: row.hash, prevHash: row.prev_hash,
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null, withdrawnReason: row.withdrawn_reason,
  };
}

export type ColumnView = {
  code: string;
  name: string;
  nameEn: string;
  standard: boolean;
  archived: boolean;
  freshness: FreshnessRule;
  freshnessLabel: string;
  status: { status: FreshnessStatus; dueBy: string | null; lastPublishedOn: string | null; days: number | null; message: string };
  entries: EntryView[];
};

/** Columns of a community (active first by order) with their entries (newest first) and freshness. */
export async function boardOfCommunity(db: Db, input: { districtId: string; communityId: string; now: Date; lang?: 'zh' | 'en'; publicOnly?: boolean; entriesPerColumn?: number }): Promise<ColumnView[]> {
  const lang = input.lang ?? 'zh';
  const stored = await db.selectFrom('board_column').selectAll().where('district_id', '=', input.districtId).where('community_id', '=', input.communityId).orderBy('sort_order').orderBy('created_at').execute();
  // The standard columns are installed on first write; until then they are shown as set up with the community.
  const missing = STANDARD_COLUMNS.filter((c) => !stored.some((r) => r.code === c.code));
  const columns = stored.slice();
  if (missing.length > 0) {
    const node = await db.selectFrom('org_node').select('created_at').where('district_id', '=', input.districtId).where('id', '=', input.communityId).executeTakeFirst();
    const since = node ? new Date(node.created_at) : input.now;
    for (const c of missing) columns.push({ district_id: input.districtId, community_id: input.communityId, code: c.code, name: c.name, name_en: c.nameEn, standard: true, freshness: c.freshness, sort_order: c.sortOrder, archived_at: null, created_at: since, updated_at: since });
    columns.sort((a, b) => a.sort_order - b.sort_order || new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
  }
  const today = chinaDate(input.now);
  // The overview needs only each column's latest publication: one grouped query instead of every entry.
  const summaryOnly = input.entriesPerColumn === 0;
  const rows = summaryOnly ? [] : await db.selectFrom('board_entry').selectAll().where('district_id', '=', input.districtId).where('community_id', '=', input.communityId).orderBy('published_at', 'desc').orderBy('seq', 'desc').execute();
  const latest = new Map<string, Date>();
  if (summaryOnly) {
    const grouped = await db.selectFrom('board_entry').select(['column_code']).select((eb) => eb.fn.max('published_at').as('last'))
      .where('district_id', '=', input.districtId).where('community_id', '=', input.communityId).where('withdrawn_at', 'is', null).where('starts_on', '<=', today).groupBy('column_code').execute();
    for (const g of grouped) if (g.last) latest.set(g.column_code, new Date(g.last));
  }
  for (const r of rows) {
    if (r.withdrawn_at || r.starts_on > today || latest.has(r.column_code)) continue;
    latest.set(r.column_code, new Date(r.published_at));
  }
  const correctedBy = new Map<string, string[]>();
  for (const r of rows) if (r.corrects_entry_id && !r.withdrawn_at) correctedBy.set(r.corrects_entry_id, [...(correctedBy.get(r.corrects_entry_id) ?? []), r.id]);
  const views: ColumnView[] = [];
  for (const c of columns) {
    if (input.publicOnly && c.archived_at) continue;
    const mine = rows.filter((r) => r.column_code === c.code);
    const status = columnFreshness({ rule: c.freshness, lastPublishedAt: latest.get(c.code) ?? null, since: new Date(c.created_at), now: input.now });
    let entries = mine.map((r) => presentEntry(r, c.name, input.now, correctedBy.get(r.id) ?? [], lang));
    if (input.publicOnly) entries = entries.filter((e) => e.state === 'in_period' || e.state === 'ended');
    if (input.entriesPerColumn) entries = entries.slice(0, input.entriesPerColumn);
    views.push({
      code: c.code, name: c.name, nameEn: c.name_en, standard: c.standard, archived: c.archived_at !== null, freshness: c.freshness,
      freshnessLabel: c.freshness.every ? FRESHNESS_LABELS[c.freshness.every][lang] : lang === 'en' ? 'As needed' : '按需公开',
      status: { ...status, message: status.message[lang] }, entries,
    });
  }
  return views;
}

/** Every entry of a community's chain in order, and its head: the input of `verifyChain`. */
export async function verifyCommunityChain(db: Db, districtId: string, communityId: string): Promise<ChainVerdict> {
  const rows = await db.selectFrom('board_entry').selectAll().where('district_id', '=', districtId).where('community_id', '=', communityId).orderBy('seq').execute();
  const head = await db.selectFrom('board_chain').select(['seq', 'head_hash']).where('district_id', '=', districtId).where('community_id', '=', communityId).executeTakeFirst();
  const links: StoredLink[] = rows.map((r) => ({
    districtId: r.district_id, communityId: r.community_id, id: r.id, seq: r.seq, columnCode: r.column_code, title: r.title, body: r.body,
    personal: r.personal, matterId: r.matter_id, stageId: r.stage_id, correctsEntryId: r.corrects_entry_id, startsOn: r.starts_on, endsOn: r.ends_on,
    publishedAt: new Date(r.published_at), publishedByName: r.published_by_name, prevHash: r.prev_hash, hash: r.hash,
  }));
  return verifyChain(links, head ? { seq: head.seq, hash: head.head_hash } : null);
}

export async function columnName(db: Db, districtId: string, communityId: string, code: string): Promise<string> {
  const row = await db.selectFrom('board_column').select('name').where('district_id', '=', districtId).where('community_id', '=', communityId).where('code', '=', code).executeTakeFirst();
  return row?.name ?? code;
}

export async function communityName(db: Db, districtId: string, communityId: string): Promise<string> {
  const row = await db.selectFrom('org_node').select('name').where('district_id', '=', districtId).where('id', '=', communityId).executeTakeFirst();
  return row?.name ?? '';
}

/** The community (node of kind community) on a resident's or record's path. */
export async function communityOnPath(db: Db, districtId: string, path: string): Promise<{ id: string; name: string; path: string } | undefined> {
  const ids = path.split('/').filter(Boolean);
  if (ids.length === 0) return undefined;
  return db.selectFrom('org_node').select(['id', 'name', 'path']).where('district_id', '=', districtId).where('id', 'in', ids).where('kind', '=', 'community').executeTakeFirst();
}
