import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { actorLabel } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { storeFile } from '../decisions/matters/index.ts';
import { loadWorkingCalendar } from '../calendar/index.ts';
import { applyDemandEvent, type DemandChannel, type DemandEvent } from './rules/index.ts';
import { CHANNEL_NAMES } from './demand-labels.ts';
import { cachedColumns, categoryRule, deadlinesOf, DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_DAYS } from './demand-store.ts';
import { ruleError } from './demands.errors.ts';

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
};

export type PossibleDuplicate = { id: string; title: string; status: string; createdAt: string; distanceM: number | null; sameHousehold: boolean };
export type IntakeResult = { id: string; nodePath: string; status: string; respondBy: string; finishBy: string | null; possibleDuplicates: PossibleDuplicate[]; photoIds: string[] };

type Row = { id: string; node_path: string; community_id: string; household_id: string | null; duplicates: PossibleDuplicate[] | string | null };

/**
 * Receives a demand (登记) in one SQL statement: it finds the place and its community, inserts the
 * demand, its 'received' event and the audit entry, and returns possible duplicates (same category, same
 * household or place or within ~100 m, open, in the last 7 days). Photos, when sent, go in the same
 * transaction. Deadlines come from the category's limits and the working calendar.
 */
export async function receiveDemand(db: Db, ctx: { actor: Actor; ip: string; now: Date }, input: IntakeInput): Promise<IntakeResult> {
  const districtId = ctx.actor.districtId;
  const rule = categoryRule(input.category);
  const calendar = await loadWorkingCalendar(db, districtId);
  const id = crypto.randomUUID();
  const actorName = ctx.actor.displayName;
  const firstAskedBy = ctx.actor.kind === 'staff' ? ctx.actor.id : null;
  const firstAskedByName = ctx.actor.kind === 'staff' ? ctx.actor.displayName : '居民本人（网上提交）';
  // The received event with a placeholder place; the statement puts in the real path.
  const event: DemandEvent = { kind: 'received', at: ctx.now, actor: { kind: ctx.actor.kind, id: ctx.actor.id, name: actorName }, channel: input.channel, categoryCode: rule.code, areaPath: '', residentId: input.residentId, firstAskedBy: firstAskedByName };
  const state = applyDemandEvent(null, event);
  if (!state.ok) throw ruleError(state.error);
  const cached = cachedColumns(state.value, deadlinesOf(state.value, calendar, ctx.now), ctx.now, null);
  const { kind: _k, at: _a, actor: _c, areaPath: _p, ...eventData } = event as Extract<DemandEvent, { kind: 'received' }>;
  const loc = input.location ?? null;
  const since = new Date(ctx.now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const nodeCondition =
    'nodeId' in input.place ? sql`n.id = ${input.place.nodeId}::uuid` : sql`n.id = ${input.place.residentHousehold}::uuid and n.kind = 'household'`;
  const residentCondition = input.residentId === null ? sql`true` : sql`exists (select 1 from resident r where r.district_id = n.district_id and r.id = ${input.residentId}::uuid and r.node_path like n.path || '%')`;
  const summary = `登记诉求「${input.title}」（${CHANNEL_NAMES[input.channel].zh}，${rule.name.zh}）`;
  const auditAfter = JSON.stringify({ channel: input.channel, category: rule.code, title: input.title });
  const statement = sql<Row>`
    with place as (
      select n.path, c.id as community_id, case when n.kind = 'household' then n.id end as household_id
      from org_node n
      join org_node c on c.district_id = n.district_id and c.kind = 'community' and n.path like c.path || '%'
      where n.district_id = ${districtId}::uuid and ${nodeCondition} and ${residentCondition}
      limit 1
    ), d as (
      insert into demand (district_id, id, community_id, node_path, channel, category_code, title, description, lng, lat, crs,
        household_id, resident_id, contact_name, contact_phone, first_asked_by, first_asked_by_name, status, respond_by, finish_by,
        event_count, created_at, updated_at)
      select ${districtId}::uuid, ${id}::uuid, place.community_id, place.path, ${input.channel}, ${rule.code}, ${input.title}, ${input.description ?? ''},
        ${loc?.lng ?? null}::double precision, ${loc?.lat ?? null}::double precision, ${loc ? (loc.crs ?? 'gcj02') : null}::text,
        place.household_id, ${input.residentId}::uuid, ${input.contactName ?? null}::text, ${input.contactPhone ?? null}::text,
        ${firstAskedBy}::uuid, ${firstAskedByName}, ${cached.status as string}, ${cached.respond_by as Date}::timestamptz, ${(cached.finish_by as Date | null) ?? null}::timestamptz,
        1, ${ctx.now}::timestamptz, ${ctx.now}::timestamptz
      from place
      returning id, node_path, community_id, household_id, lng, lat
    ), e as (
      insert into demand_event (district_id, demand_id, seq, kind, actor_kind, actor_id, actor_name, at, reason, data)
      select ${districtId}::uuid, d.id, 1, 'received', ${ctx.actor.kind}, ${ctx.actor.id}::uuid, ${actorName}, ${ctx.now}::timestamptz, null,
        ${JSON.stringify(eventData)}::jsonb || jsonb_build_object('areaPath', d.node_path)
      from d
    ), a as (
      insert into audit_log (district_id, id, at, actor_kind, actor_id, actor_name, action, entity_type, entity_id, node_path, summary, after, ip)
      select ${districtId}::uuid, ${crypto.randomUUID()}::uuid, ${ctx.now}::timestamptz, ${ctx.actor.kind}, ${ctx.actor.id}::uuid, ${actorLabel(ctx.actor)},
        'demand.receive', 'demand', d.id::text, d.node_path, ${summary}, ${auditAfter}::jsonb, ${ctx.ip}
      from d
    )
    select d.id, d.node_path, d.community_id, d.household_id,
      (select coalesce(json_agg(json_build_object('id', x.id, 'title', x.title, 'status', x.status, 'createdAt', x.created_at,
                'distanceM', x.distance_m, 'sameHousehold', x.same_household) order by x.created_at desc), '[]'::json)
       from (
         select o.id, o.title, o.status, o.created_at,
           case when o.lat is not null and d.lat is not null then round(sqrt(power((o.lng - d.lng) * 111320 * cos(radians(d.lat)), 2) + power((o.lat - d.lat) * 110540, 2))::numeric) end as distance_m,
           (o.household_id is not null and o.household_id = d.household_id) as same_household
         from demand o
         where o.district_id = ${districtId}::uuid and o.community_id = d.community_id and o.category_code = ${rule.code}
           and o.status in ('received', 'routed', 'accepted', 'suspended') and o.created_at >= ${since}::timestamptz
           and (o.node_path = d.node_path
             or (o.household_id is not null and o.household_id = d.household_id)
             or (o.lat is not null and d.lat is not null
                 and sqrt(power((o.lng - d.lng) * 111320 * cos(radians(d.lat)), 2) + power((o.lat - d.lat) * 110540, 2)) <= ${DUPLICATE_RADIUS_M}))
         order by o.created_at desc
         limit 5
       ) x) as duplicates
    from d`;

  const run = async (handle: Db): Promise<{ row: Row; photoIds: string[] }> => {
    const result = await statement.execute(handle);
    const row = result.rows[0];
    if (!row) return explainMissingPlace(handle, districtId, input);
    const photoIds: string[] = [];
    for (const photo of input.photos ?? []) {
      const stored = await storeFile(handle, { districtId, ownerKind: 'demand', ownerId: id, nodePath: row.node_path, purpose: 'photos', name: photo.name, mime: photo.mime, content: photo.content, actor: ctx.actor, at: ctx.now });
      photoIds.push(stored.id);
    }
    return { row, photoIds };
  };
  const { row, photoIds } = input.photos && input.photos.length > 0 ? await db.transaction().execute((tx) => run(tx)) : await run(db);
  const raw = typeof row.duplicates === 'string' ? (JSON.parse(row.duplicates) as PossibleDuplicate[]) : (row.duplicates ?? []);
  return {
    id: row.id,
    nodePath: row.node_path,
    status: cached.status as string,
    respondBy: (cached.respond_by as Date).toISOString(),
    finishBy: cached.finish_by ? (cached.finish_by as Date).toISOString() : null,
    possibleDuplicates: raw.map((d) => ({ ...d, createdAt: new Date(d.createdAt).toISOString(), distanceM: d.distanceM === null ? null : Number(d.distanceM) })),
    photoIds,
  };
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
