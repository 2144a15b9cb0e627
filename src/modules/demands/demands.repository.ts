import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { filesOf, type FileInfo } from '../../platform/files/files.ts';
import { containsPattern, escapeLike } from '../../platform/db/like-pattern.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { allowedDemandActions, LEVEL_NAMES, OPEN_STATUSES, RATINGS, replayDemand, type DemandAction, type DemandEvent, type DemandStatus, type HotlineLimit } from './rules/index.ts';
import { bodyName, categoryRule, deadlinesOf, demandGrants, eventFromRow } from './demand-store.ts';
import type { DemandEventTable, DemandTable } from './demands.tables.ts';
import { CHANNEL_NAMES, EVENT_NAMES, OUTCOME_NAMES, RESIDENT_VISIBLE_EVENTS, STATUS_NAMES } from './demand-labels.ts';

type Lang = 'zh' | 'en';
type DemandRow = Selectable<DemandTable>;
type EventRow = Selectable<DemandEventTable>;


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

/** A UTC time as PostgreSQL writes it in JSON ('2026-11-23T05:00:00.123456+00:00', fraction optional). */
const DB_UTC = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00:00$/;

/**
 * The API's time text (ISO 8601, milliseconds, Z). A list page sends 60 of them; from the database's own
 * UTC text they are cut out rather than parsed and printed again (the summaries were ~15 % of the
 * server's CPU time on the list).
 */
function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  if (typeof d === 'string') {
    const m = DB_UTC.exec(d);
    if (m) return `${m[1]}.${((m[2] ?? '') + '000').slice(0, 3)}Z`;
  }
  return new Date(d).toISOString();
}

/** A row for the summary: times as the database's Date, or as the text a JSON page carries. */
type SummaryRow = Pick<DemandRow, 'id' | 'title' | 'channel' | 'category_code' | 'status' | 'handling_level' | 'lead_body' | 'rating'> & {
  respond_by: Date | string;
  finish_by: Date | string | null;
  responded_at: Date | string | null;
  created_at: Date | string;
};

export function summarize(row: SummaryRow, now: Date, lang: Lang): DemandSummary {
  const open = OPEN_STATUSES.includes(row.status);
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
    respondBy: iso(row.respond_by) as string,
    finishBy: iso(row.finish_by ?? null),
    overdue: open && ((finishBy !== null && now.getTime() > finishBy.getTime()) || respondLate),
    rating: row.rating,
    createdAt: iso(row.created_at) as string,
  };
}

export const SUMMARY_COLUMNS = ['id', 'title', 'channel', 'category_code', 'status', 'handling_level', 'lead_body', 'respond_by', 'finish_by', 'responded_at', 'rating', 'created_at'] as const;

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
    /** The earlier of our own deadline and the 12345 hotline's (see `hotline`). */
    finishBy: string | null;
    /** Our own deadline (the category's limit, extensions, suspension). */
    ownFinishBy: string | null;
    /** A 12345 transfer's own time limit (12345 时限): the working days it set, from the call. */
    hotline: { limitWorkingDays: number; calledAt: string; by: string | null } | null;
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
  /** The commands this viewer may perform now (rules/demand-workflow.ts allowedDemandActions). */
  actions: DemandAction[];
  history: HistoryEntry[];
  photos: FileInfo[];
};

/** A 12345 transfer's own time limit (kept on its link row), or null for any other demand. */
export async function hotlineLimitOf(db: Db, districtId: string, demandId: string): Promise<HotlineLimit | null> {
  const row = await db
    .selectFrom('demand_external_ref as r')
    .innerJoin('demand as d', (j) => j.onRef('d.district_id', '=', 'r.district_id').onRef('d.id', '=', 'r.demand_id'))
    .select(['r.limit_working_days', 'r.called_at', 'd.created_at'])
    .where('r.district_id', '=', districtId)
    .where('r.demand_id', '=', demandId)
    .where('r.source', '=', '12345')
    .executeTakeFirst();
  if (!row || row.limit_working_days === null) return null;
  // A ticket without its call time counts from its receipt here.
  return { limitWorkingDays: row.limit_working_days, calledAt: new Date(row.called_at ?? row.created_at) };
}

export type DetailQuery = { districtId: string; id: string; calendar: WorkingCalendar; now: Date; lang: Lang; viewer: Actor };

/**
 * A demand with its derived deadlines (computed now), its history, its photos and the commands the
 * viewer may perform. A resident viewer sees only their own demand (another's is 404) and its
 * resident-visible history.
 */
export async function demandDetail(db: Db, query: DetailQuery): Promise<DemandDetail> {
  const { districtId, id, calendar, now, lang, viewer } = query;
  const forResident = viewer.kind === 'resident';
  // The demand with a 12345 transfer's own limit, if any, in one statement.
  let q = db
    .selectFrom('demand as d')
    .leftJoin('demand_external_ref as r', (j) => j.onRef('r.district_id', '=', 'd.district_id').onRef('r.demand_id', '=', 'd.id').on('r.source', '=', '12345'))
    .selectAll('d')
    .select(['r.limit_working_days as hotline_limit', 'r.called_at as hotline_called_at'])
    .where('d.district_id', '=', districtId)
    .where('d.id', '=', id);
  if (forResident) q = q.where('d.resident_id', '=', viewer.id);
  const [row, events, photos] = await Promise.all([
    q.executeTakeFirst(),
    db.selectFrom('demand_event').selectAll().where('district_id', '=', districtId).where('demand_id', '=', id).orderBy('seq').execute(),
    filesOf(db, districtId, 'demand', [id], lang),
  ]);
  if (!row) return fail('NOT_FOUND', { entity: 'demand', id }, '要找的诉求不存在');
  const hotline: HotlineLimit | null = row.hotline_limit === null ? null : { limitWorkingDays: row.hotline_limit, calledAt: new Date(row.hotline_called_at ?? row.created_at) };
  const replayed = replayDemand(events.map(eventFromRow));
  if (!replayed.ok) throw new Error(`demand ${id}: stored history does not replay`);
  const state = replayed.value;
  const d = deadlinesOf(state, calendar, now, hotline);
  const summary = summarize(row, now, lang);
  return {
    ...summary,
    // The derived deadline, not the cached column: a stored row may predate the hotline's limit.
    finishBy: iso(d.finish.by),
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
      ownFinishBy: iso(d.finish.own),
      hotline: hotline ? { limitWorkingDays: hotline.limitWorkingDays, calledAt: hotline.calledAt.toISOString(), by: iso(d.finish.hotline) } : null,
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
    actions: allowedDemandActions({ state, grants: demandGrants(viewer, row.node_path), now }),
    history: events.filter((e) => !forResident || RESIDENT_VISIBLE_EVENTS.includes(e.kind)).map((e) => presentEvent(e, lang, forResident)),
    photos,
  };
}

/**
 * Merge targets for a demand (合并): open demands of its community inside the actor's scope, newest
 * first, at most 20, whose title contains `q` (all when it is empty), the demand itself excluded.
 */
export async function mergeCandidates(db: Db, input: { districtId: string; demandId: string; scope: readonly string[]; q: string; now: Date; lang: Lang }): Promise<DemandSummary[]> {
  const self = await db.selectFrom('demand').select('community_id').where('district_id', '=', input.districtId).where('id', '=', input.demandId).executeTakeFirst();
  if (!self || input.scope.length === 0) return [];
  let q = db
    .selectFrom('demand')
    .select([...SUMMARY_COLUMNS])
    .where('district_id', '=', input.districtId)
    .where('community_id', '=', self.community_id)
    .where('id', '!=', input.demandId)
    .where('status', 'in', OPEN_STATUSES)
    .where((eb) => eb.or(input.scope.map((p) => eb('node_path', 'like', `${escapeLike(p)}%`))));
  const text = input.q.trim();
  if (text !== '') q = q.where('title', 'like', containsPattern(text));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(20).execute();
  return rows.map((r) => summarize(r, input.now, input.lang));
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
