import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { callForAllWithSessions, type SessionRow } from '../../platform/auth/sessions.ts';
import type { StatementSession } from '../../platform/http/authorize.ts';
import { actorLabel } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { newRowId } from '../../platform/db/row-id.ts';
import { storeFile } from '../decisions/matters/index.ts';
import { cachedCalendar, reloadCalendar } from '../calendar/index.ts';
import { applyDemandEvent, type DemandChannel, type DemandEvent } from './rules/index.ts';
import { CHANNEL_NAMES } from './demand-labels.ts';
import { cachedColumns, categoryRule, deadlinesOf, DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_DAYS } from './demand-store.ts';
import { ruleError } from './demands.errors.ts';
import { statementBatcher, type BatchOptions, type StatementBatcher } from '../../platform/db/statement-batch.ts';

export type IntakeInput = {
  channel: DemandChannel;
  /** The place: for staff the chosen node; for a resident their own household. */
  place: { nodeId: string } | { residentHousehold: string };
  residentId: string | null;
  category: string;
  title: string;
  description?: string | undefined;
  location?: { lng: number; lat: number; crs?: 'wgs84' | 'gcj02' | 'bd09' | undefined } | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  photos?: { name: string; mime: string; content: string }[] | undefined;
  /**
   * For staff intake: the statement itself checks that the place lies under one of these scope paths
   * (the resident, when named, lives under the place) and inserts nothing otherwise; then `refused()`
   * answers 404 / 403 (see `deferredScope` in authorize.ts). Absent: no scope check here.
   */
  scope?: { paths: readonly string[]; refused: () => Promise<void> } | null | undefined;
};

export type PossibleDuplicate = { id: string; title: string; status: string; createdAt: string; distanceM: number | null; sameHousehold: boolean };
export type IntakeResult = { id: string; nodePath: string; status: string; respondBy: string; finishBy: string | null; possibleDuplicates: PossibleDuplicate[]; photoIds: string[] };

type Row = { id: string | null; node_path: string; community_id: string; household_id: string | null; duplicates: PossibleDuplicate[] | string | null; calendar_version: string };

/**
 * Receives a demand (登记) in one SQL statement: it finds the place and its community, inserts the
 * demand, its 'received' event and the audit entry, and returns possible duplicates (same category, same
 * household or place or within ~100 m, open, in the last 7 days). Photos, when sent, go in the same
 * transaction. Deadlines come from the category's limits and the working calendar, taken from the
 * per-process cache (calendar-cache.ts): the statement recomputes the calendar's fingerprint and inserts
 * nothing if it changed since, and then the calendar is reloaded and the statement sent again. With the
 * session lookup that makes two round trips for a staff intake (the scope check is in the statement too).
 */
export async function receiveDemand(db: Db, ctx: { actor: Actor; ip: string; now: Date }, input: IntakeInput): Promise<IntakeResult> {
  return (await intake(db, { ...ctx, session: null }, input)).result;
}

/**
 * Staff intake whose statement also reads the session (`sessionInStatement` routes): ONE round trip.
 * gz_demand_intake_as admits the session in SQL (and writes nothing when it would not be admitted), takes
 * the actor, the scope and the first-asked person from it, then does what gz_demand_intake does; the
 * server admits the returned session row with the hook's own checks (401 / 403 as for any route). The
 * calendar is the cached one of the district this server last served (a hint): when the session's
 * district is another, nothing is written and the statement is sent again with that district's calendar.
 */
export async function receiveDemandWithSession(db: Db, ctx: { session: StatementSession; batcher: IntakeBatcher; ip: string; now: Date }, input: IntakeInput): Promise<{ actor: Actor; result: IntakeResult }> {
  return intake(db, { actor: null, ...ctx }, input);
}

let lastDistrict: string | null = null;

type Who = { actor: Actor; session: null; batcher?: undefined } | { actor: null; session: StatementSession; batcher: IntakeBatcher };

async function intake(db: Db, ctx: Who & { ip: string; now: Date }, input: IntakeInput): Promise<{ actor: Actor; result: IntakeResult }> {
  let districtId = ctx.actor?.districtId ?? lastDistrict ?? (await anyDistrict(db));
  const rule = categoryRule(input.category);
  const id = newRowId();
  // For a session read in the statement, the statement puts in the actor's own names and id.
  const actorName = ctx.actor?.displayName ?? '';
  const firstAskedBy = ctx.actor?.kind === 'staff' ? ctx.actor.id : null;
  const firstAskedByName = ctx.actor === null || ctx.actor.kind === 'staff' ? actorName : '居民本人（网上提交）';
  // The received event with a placeholder place; the statement puts in the real path.
  const event: DemandEvent = { kind: 'received', at: ctx.now, actor: { kind: ctx.actor?.kind ?? 'staff', id: ctx.actor?.id ?? '', name: actorName }, channel: input.channel, categoryCode: rule.code, areaPath: '', residentId: input.residentId, firstAskedBy: firstAskedByName };
  const state = applyDemandEvent(null, event);
  if (!state.ok) throw ruleError(state.error);
  const { kind: _k, at: _a, actor: _c, areaPath: _p, ...eventData } = event as Extract<DemandEvent, { kind: 'received' }>;
  const loc = input.location ?? null;
  const since = new Date(ctx.now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const summary = `登记诉求「${input.title}」（${CHANNEL_NAMES[input.channel].zh}，${rule.name.zh}）`;
  const common = {
    id,
    auditId: newRowId(),
    nodeId: 'nodeId' in input.place ? input.place.nodeId : input.place.residentHousehold,
    householdOnly: !('nodeId' in input.place),
    residentId: input.residentId,
    scope: input.scope ? [...input.scope.paths] : null,
    channel: input.channel,
    category: rule.code,
    title: input.title,
    description: input.description ?? '',
    lng: loc?.lng ?? null,
    lat: loc?.lat ?? null,
    crs: loc ? (loc.crs ?? 'gcj02') : null,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    firstAskedBy,
    firstAskedByName,
    now: ctx.now.toISOString(),
    actorKind: ctx.actor?.kind ?? 'staff',
    actorId: ctx.actor?.id ?? null,
    actorName,
    actorLabel: ctx.actor ? actorLabel(ctx.actor) : '',
    eventData,
    summary,
    auditAfter: { channel: input.channel, category: rule.code, title: input.title },
    ip: ctx.ip,
    since: since.toISOString(),
    radiusM: DUPLICATE_RADIUS_M,
  };

  /**
   * One call of gz_demand_intake (migrations/20261122T2340_demand-speed.sql): the place and scope checks,
   * the demand, its event, the audit entry and the duplicate search, in one statement whose plans the
   * database keeps per connection. It inserts nothing unless the calendar's fingerprint is still `version`.
   */
  // Object.assign, not `{ ...common, districtId, … }`: Node 20's V8 copies a spread followed by new keys
  // on a slow path, ~12 µs a request here (a twentieth of intake's server CPU); this takes ~1 µs.
  const parameters = (cached: ReturnType<typeof cachedColumns>, version: string) => Object.assign({}, common, {
    districtId,
    calendarVersion: version,
    status: cached.status,
    respondBy: (cached.respond_by as Date).toISOString(),
    finishBy: cached.finish_by ? (cached.finish_by as Date).toISOString() : null,
  });
  const session = ctx.session;
  const statementFor = (cached: ReturnType<typeof cachedColumns>, version: string) =>
    session
      ? sql<Row & SessionRow>`select * from gz_demand_intake_as(${session.tokenHash}, ${session.roles}::text[], ${session.idleMinutes}::int, ${JSON.stringify(parameters(cached, version))}::jsonb)`
      : sql<Row>`select * from gz_demand_intake(${JSON.stringify(parameters(cached, version))}::jsonb)`;

  const withoutPhotos = input.photos === undefined || input.photos.length === 0;
  const run = async (handle: Db): Promise<{ actor: Actor; row: Row & { id: string }; cached: ReturnType<typeof cachedColumns>; photoIds: string[] }> => {
    let cal = await cachedCalendar(handle, districtId);
    for (let attempt = 1; ; attempt++) {
      const cached = cachedColumns(state.value, deadlinesOf(state.value, cal.calendar, ctx.now), ctx.now, null);
      // Without photos (one statement, no transaction of its own) a staff intake goes with the others
      // waiting at the same moment, as one statement (intakeBatcher).
      const row = session && withoutPhotos
        ? await ctx.batcher({ t: session.tokenHash, r: session.roles, i: session.idleMinutes, p: parameters(cached, cal.version) })
        : (await statementFor(cached, cal.version).execute(handle)).rows[0];
      // A session read in the statement: admitted here exactly as the hook admits any other (401 / 403).
      const actor = ctx.actor ?? (await ctx.session.admit(row as (Row & SessionRow) | undefined));
      if (row && row.id !== null) {
        lastDistrict = districtId;
        const photoIds: string[] = [];
        for (const photo of input.photos ?? []) {
          const stored = await storeFile(handle, { districtId, ownerKind: 'demand', ownerId: id, nodePath: row.node_path, purpose: 'photos', name: photo.name, mime: photo.mime, content: photo.content, actor, at: ctx.now });
          photoIds.push(stored.id);
        }
        return { actor, row: row as Row & { id: string }, cached, photoIds };
      }
      // The calendar was another district's (the session's district is not the one this server last served).
      if (actor.districtId !== districtId && attempt < 3) {
        districtId = actor.districtId;
        cal = await cachedCalendar(handle, districtId);
        continue;
      }
      // The calendar changed since it was cached (here or on another server): reload and send again.
      if (row && row.calendar_version !== null && row.calendar_version !== cal.version && attempt < 3) {
        cal = await reloadCalendar(handle, districtId);
        continue;
      }
      await input.scope?.refused();
      await ctx.session?.refused();
      return explainMissingPlace(handle, districtId, input);
    }
  };
  const { actor, row, cached, photoIds } = withoutPhotos ? await run(db) : await db.transaction().execute((tx) => run(tx));
  const raw = typeof row.duplicates === 'string' ? (JSON.parse(row.duplicates) as PossibleDuplicate[]) : (row.duplicates ?? []);
  return {
    actor,
    result: {
      id: row.id,
      nodePath: row.node_path,
      status: cached.status as string,
      respondBy: (cached.respond_by as Date).toISOString(),
      finishBy: cached.finish_by ? (cached.finish_by as Date).toISOString() : null,
      possibleDuplicates: raw.map((d) => ({ ...d, createdAt: new Date(d.createdAt).toISOString(), distanceM: d.distanceM === null ? null : Number(d.distanceM) })),
      photoIds,
    },
  };
}

type IntakeItem = { t: string; r: readonly string[]; i: number; p: unknown };
/** Staff intakes arriving together, sent as one statement (intakeBatcher). */
export type IntakeBatcher = StatementBatcher<IntakeItem, (Row & SessionRow) | undefined>;

/**
 * Staff intakes waiting at the same moment go as ONE statement (statement-batch.ts) and are written
 * set-based: gz_demand_intake_many (migrations/20261123T0900, now 20261124T0100) reads each distinct
 * session once and writes all the batch's demands, events and audit entries with one INSERT each, in the
 * statement's one transaction; item n's row comes back with n, and the session's columns once per session
 * (callForAllWithSessions). An item whose session is not found has no row (401, as alone). One per app
 * (demands.routes.ts).
 */
export function intakeBatcher(db: Db, options: BatchOptions): IntakeBatcher {
  return statementBatcher((items) => callForAllWithSessions<Row & SessionRow>(db, items, sql`gz_demand_intake_many`), options);
}

/** The district of a single-district deployment, before any intake has told this server which one. */
async function anyDistrict(db: Db): Promise<string> {
  const row = await db.selectFrom('district').select('district_id').orderBy('district_id').limit(1).executeTakeFirst();
  return row?.district_id ?? '00000000-0000-0000-0000-000000000000';
}

/** Only when the statement inserted nothing: says why (unknown place, outside a community, resident elsewhere). */
async function explainMissingPlace(db: Db, districtId: string, input: IntakeInput): Promise<never> {
  const nodeId = 'nodeId' in input.place ? input.place.nodeId : input.place.residentHousehold;
  const node = await db.selectFrom('org_node').select(['kind', 'path']).where('district_id', '=', districtId).where('id', '=', nodeId).executeTakeFirst();
  if (!node) return fail('DEMAND_PLACE_REQUIRED', { field: 'nodeId' });
  if (node.kind === 'district' || node.kind === 'street') return fail('DEMAND_PLACE_OUTSIDE_COMMUNITY', { field: 'nodeId' });
  if (input.residentId) return fail('DEMAND_RESIDENT_ELSEWHERE', { field: 'residentId' });
  return fail('DEMAND_PLACE_REQUIRED', { field: 'nodeId' });
}
