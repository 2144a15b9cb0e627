import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { filesOf, type FileInfo } from '../../platform/files/files.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { LEVEL_NAMES, RATINGS, replayDemand, type DemandEvent, type DemandStatus } from './rules/index.ts';
import { bodyName, categoryRule, deadlinesOf, eventFromRow } from './demand-store.ts';
import type { DemandEventTable, DemandTable } from './demands.tables.ts';
import { CHANNEL_NAMES, EVENT_NAMES, OUTCOME_NAMES, RESIDENT_VISIBLE_EVENTS, STATUS_NAMES } from './demand-labels.ts';

type Lang = 'zh' | 'en';
type DemandRow = Selectable<DemandTable>;
type EventRow = Selectable<DemandEventTable>;

const OPEN: DemandStatus[] = ['received', 'routed', 'accepted', 'suspended'];

export type DemandSummary = {
  id: string;
  title: string;
  channel: string;
  channelName: string;
  category: string;
  categoryName: string;
  status: DemandStatus;
  statusName: string;
  level: string | null;
  levelName: string | null;
  leadBody: string | null;
  leadBodyName: string | null;
  respondBy: string;
  finishBy: string | null;
  overdue: boolean;
  rating: string | null;
  createdAt: string;
};

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

export function summarize(row: Pick<DemandRow, 'id' | 'title' | 'channel' | 'category_code' | 'status' | 'handling_level' | 'lead_body' | 'respond_by' | 'finish_by' | 'responded_at' | 'rating' | 'created_at'>, now: Date, lang: Lang): DemandSummary {
  const open = OPEN.includes(row.status);
  const finishBy = row.finish_by ? new Date(row.finish_by) : null;
  const respondLate = row.responded_at === null && (row.status === 'received' || row.status === 'routed') && now.getTime() > new Date(row.respond_by).getTime();
  let categoryName = row.category_code;
  try {
    categoryName = categoryRule(row.category_code).name[lang];
  } catch {
    /* a category removed since: show its code */
  }
  return {
    id: row.id,
    title: row.title,
    channel: row.channel,
    channelName: CHANNEL_NAMES[row.channel][lang],
    category: row.category_code,
    categoryName,
    status: row.status,
    statusName: STATUS_NAMES[row.status][lang],
    level: row.handling_level,
    levelName: row.handling_level ? LEVEL_NAMES[row.handling_level][lang] : null,
    leadBody: row.lead_body,
    leadBodyName: bodyName(row.lead_body, lang),
    respondBy: new Date(row.respond_by).toISOString(),
    finishBy: iso(finishBy),
    overdue: open && ((finishBy !== null && now.getTime() > finishBy.getTime()) || respondLate),
    rating: row.rating,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const SUMMARY_COLUMNS = ['id', 'title', 'channel', 'category_code', 'status', 'handling_level', 'lead_body', 'respond_by', 'finish_by', 'responded_at', 'rating', 'created_at'] as const;

export type ListFilter = { status?: DemandStatus | 'open' | undefined; overdue?: boolean | undefined; category?: string | undefined; channel?: string | undefined; after?: string | undefined; pageSize: number };

/** Cursor: created_at and id of the last row of the previous page. */
function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return fail('VALIDATION_FAILED', { field: 'after' }, '「翻页游标」无效，请从第一页开始');
  return { at: date, id };
}
function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, 'utf8').toString('base64url');
}

/** Counting stops here: a list says "10000+" rather than scan everything. */
export const COUNT_CAP = 10_000;

/** The staff list within the actor's scope, newest first, keyset-paged, with a capped count. */
export async function listDemands(db: Db, districtId: string, scope: string[], filter: ListFilter, now: Date, lang: Lang): Promise<{ items: DemandSummary[]; total: number; totalCapped: boolean; nextCursor: string | null }> {
  if (scope.length === 0) return { items: [], total: 0, totalCapped: false, nextCursor: null };
  let base = db.selectFrom('demand').where('district_id', '=', districtId).where((eb) => eb.or(scope.map((p) => eb('node_path', 'like', `${p}%`))));
  if (filter.status === 'open') base = base.where('status', 'in', OPEN);
  else if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.category) base = base.where((eb) => eb.or([eb('category_code', '=', filter.category as string), eb('category_code', 'like', `${filter.category}.%`)]));
  if (filter.channel) base = base.where('channel', '=', filter.channel as DemandRow['channel']);
  if (filter.overdue) {
    base = base.where('status', 'in', OPEN).where((eb) =>
      eb.or([eb('finish_by', '<', now), eb.and([eb('responded_at', 'is', null), eb('status', 'in', ['received', 'routed']), eb('respond_by', '<', now)])]),
    );
  }
  // Only the columns a list line shows (not the description): a page is 21 narrow rows.
  let page = base.select(SUMMARY_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.pageSize + 1);
  if (filter.after) {
    const c = decodeCursor(filter.after);
    page = page.where((eb) => eb.or([eb('created_at', '<', c.at), eb.and([eb('created_at', '=', c.at), eb('id', '<', c.id)])]));
  }
  const [rows, counted] = await Promise.all([
    page.execute(),
    db.selectFrom(base.select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1).as('x')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const more = rows.length > filter.pageSize;
  const items = rows.slice(0, filter.pageSize);
  const last = items[items.length - 1];
  const n = Number(counted.n);
  return {
    items: items.map((r) => summarize(r, now, lang)),
    total: Math.min(n, COUNT_CAP),
    totalCapped: n > COUNT_CAP,
    nextCursor: more && last ? encodeCursor(new Date(last.created_at), last.id) : null,
  };
}

export type HistoryEntry = { seq: number; kind: string; kindName: string; at: string; actorName: string | null; reason: string | null; text: string };

/** One event as a line of history; `forResident` hides staff names (except who returned it) and internal notes. */
export function presentEvent(row: EventRow, lang: Lang, forResident: boolean): HistoryEntry {
  const e = eventFromRow(row);
  const text = describeEvent(e, lang);
  const showActor = !forResident || e.kind === 'returned' || e.actor.kind === 'resident';
  return { seq: row.seq, kind: row.kind, kindName: EVENT_NAMES[row.kind][lang], at: new Date(row.at).toISOString(), actorName: showActor ? row.actor_name : null, reason: row.reason, text };
}

function describeEvent(e: DemandEvent, lang: Lang): string {
  const zh = lang === 'zh';
  switch (e.kind) {
    case 'received':
      return zh ? `经「${CHANNEL_NAMES[e.channel].zh}」登记` : `Received via ${CHANNEL_NAMES[e.channel].en}`;
    case 'routed':
    case 'escalated':
    case 'transferred': {
      const co = e.to.coHandlers.map((h) => h.name[lang]);
      const lead = e.to.lead.name[lang];
      return zh ? `${LEVEL_NAMES[e.to.level].zh}：${lead}主办${co.length ? `，${co.join('、')}协办` : ''}` : `${LEVEL_NAMES[e.to.level].en}: ${lead} leads${co.length ? `; ${co.join(', ')} assist` : ''}`;
    }
    case 'extended':
      return zh ? `延期 ${e.amount}（批准人：${e.approvedBy ?? '—'}）` : `Extended by ${e.amount} (approved by ${e.approvedBy ?? '—'})`;
    case 'done':
      return e.outcome ? `${OUTCOME_NAMES[e.outcome.result][lang]}：${e.outcome.text}` : '';
    case 'rated':
      return zh ? RATINGS[e.rating] : e.rating;
    case 'urged':
    case 'supervised':
      return e.note ?? '';
    case 'merged':
      return zh ? '与其他相同诉求合并办理' : 'Merged with the same demand';
    default:
      return '';
  }
}

export type DemandDetail = DemandSummary & {
  description: string;
  nodePath: string;
  communityId: string;
  householdId: string | null;
  residentId: string | null;
  location: { lng: number; lat: number; crs: string | null } | null;
  contactName: string | null;
  firstAskedBy: string;
  coBodies: { body: string; name: string | null }[];
  deadlines: {
    respondBy: string;
    respondedAt: string | null;
    respondMet: boolean | null;
    finishBy: string | null;
    finishShare: number;
    paused: boolean;
    overdue: boolean;
    onTime: boolean | null;
    urgeAt: string | null;
    superviseAt: string | null;
    urgeDue: boolean;
    superviseDue: boolean;
  };
  reopenCount: number;
  revisitRequired: boolean;
  mergedInto: string | null;
  history: HistoryEntry[];
  photos: FileInfo[];
};

/** A demand with its derived deadlines (computed now), its history and its photos. */
export async function demandDetail(db: Db, districtId: string, id: string, calendar: WorkingCalendar, now: Date, lang: Lang, residentId?: string): Promise<DemandDetail> {
  let q = db.selectFrom('demand').selectAll().where('district_id', '=', districtId).where('id', '=', id);
  if (residentId !== undefined) q = q.where('resident_id', '=', residentId);
  const [row, events, photos] = await Promise.all([
    q.executeTakeFirst(),
    db.selectFrom('demand_event').selectAll().where('district_id', '=', districtId).where('demand_id', '=', id).orderBy('seq').execute(),
    filesOf(db, districtId, 'demand', [id], lang),
  ]);
  if (!row) return fail('NOT_FOUND', { entity: 'demand', id }, '要找的诉求不存在');
  const replayed = replayDemand(events.map(eventFromRow));
  if (!replayed.ok) throw new Error(`demand ${id}: stored history does not replay`);
  const state = replayed.value;
  const d = deadlinesOf(state, calendar, now);
  const forResident = residentId !== undefined;
  return {
    ...summarize(row, now, lang),
    description: row.description,
    nodePath: row.node_path,
    communityId: row.community_id,
    householdId: row.household_id,
    residentId: row.resident_id,
    location: row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat, crs: row.crs } : null,
    contactName: row.contact_name,
    firstAskedBy: row.first_asked_by_name,
    coBodies: row.co_bodies.map((b) => ({ body: b, name: bodyName(b, lang) })),
    deadlines: {
      respondBy: d.respond.by.toISOString(),
      respondedAt: iso(d.respond.respondedAt),
      respondMet: d.respond.met,
      finishBy: iso(d.finish.by),
      finishShare: Math.round(d.finish.share * 1000) / 1000,
      paused: d.finish.paused,
      overdue: d.finish.overdue || d.respond.overdue,
      onTime: d.finish.onTime,
      urgeAt: iso(d.reminders.urgeAt),
      superviseAt: iso(d.reminders.superviseAt),
      urgeDue: d.reminders.urgeDue,
      superviseDue: d.reminders.superviseDue,
    },
    reopenCount: state.reopenCount,
    revisitRequired: state.revisitRequired,
    mergedInto: row.merged_into,
    history: events.filter((e) => !forResident || RESIDENT_VISIBLE_EVENTS.includes(e.kind)).map((e) => presentEvent(e, lang, forResident)),
    photos,
  };
}

/** A resident's own demands, newest first, each with its visible history (returns and their reasons included). */
export async function residentDemands(db: Db, districtId: string, residentId: string, now: Date, lang: Lang): Promise<(DemandSummary & { description: string; history: HistoryEntry[] })[]> {
  const rows = await db.selectFrom('demand').selectAll().where('district_id', '=', districtId).where('resident_id', '=', residentId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(50).execute();
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('demand_event')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('demand_id', 'in', rows.map((r) => r.id))
    .where('kind', 'in', [...RESIDENT_VISIBLE_EVENTS])
    .orderBy('demand_id')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    ...summarize(r, now, lang),
    description: r.description,
    history: events.filter((e) => e.demand_id === r.id).map((e) => presentEvent(e, lang, true)),
  }));
}
