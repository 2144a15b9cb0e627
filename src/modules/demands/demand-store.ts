import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Permission } from '../../platform/auth/roles.ts';
import { pathInScope, scopePaths, type Actor } from '../../platform/auth/actor.ts';
import { fail } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import {
  BODIES,
  BODY_LEVEL,
  demandDeadlines,
  HANDLING_LEVELS,
  resolveCategory,
  SHIPPED_CATEGORIES,
  SHIPPED_ROUTING_RULES,
  type Assignment,
  type CategoryRule,
  type DemandCategory,
  type DemandDeadlines,
  type DemandEvent,
  type DemandGrants,
  type DemandState,
  type HotlineLimit,
  type HandlerRef,
  type HandlingLevel,
  type RoutingRule,
} from './rules/index.ts';
import type { DemandEventTable, DemandTable } from './demands.tables.ts';
import './demands.errors.ts';
import './figures/figures.tables.ts';

/**
 * The permissions the demand routes check, in one place. Until the lead adds demand.read /
 * demand.handle / demand.supervise to roles.ts, existing ones stand in; switching is one edit here.
 */
export const DEMAND_PERMISSIONS = {
  /** Read the scoped list and a demand's detail. */
  read: 'demand.read',
  /** Staff intake (hotline, walk-in, grid worker, mailbox, door note, symposium). */
  intake: 'demand.intake',
  /** Route, accept, escalate, return, transfer, suspend, resume, urge, finish, merge. */
  handle: 'demand.handle',
  /** 督办 and extension approval. */
  supervise: 'demand.supervise',
} as const satisfies Record<string, Permission>;

/** The district's category tree and routing rules (shipped defaults; a district-edited copy comes later). */
export const CATEGORIES: readonly DemandCategory[] = SHIPPED_CATEGORIES;
export const ROUTING_RULES: readonly RoutingRule[] = SHIPPED_ROUTING_RULES;

/** The body that takes a demand at a level when no routing rule names one. */
export const DEFAULT_BODY_BY_LEVEL: Record<HandlingLevel, HandlerRef> = {
  grid: BODIES.gridStation,
  community: BODIES.communityCommittee,
  street: BODIES.streetUrban,
  district: BODIES.districtDepartment,
};

export const ALL_BODIES: readonly HandlerRef[] = Object.values(BODIES);

export function bodyByCode(code: string): HandlerRef | undefined {
  return ALL_BODIES.find((b) => b.body === code);
}

/** Each category resolved once (the tree is fixed data): every list row and intake asks for one. */
const RESOLVED = new Map<string, CategoryRule>();

export function categoryRule(code: string): CategoryRule {
  const known = RESOLVED.get(code);
  if (known) return known;
  const resolved = resolveCategory(CATEGORIES, code);
  if (!resolved.ok) return fail('DEMAND_CATEGORY_UNKNOWN', { field: 'category', category: code }, `「诉求分类」${code} 不存在`);
  RESOLVED.set(code, resolved.rule);
  return resolved.rule;
}

/** Two open demands of the same category at the same place within this many days are suggested as duplicates. */
export const DUPLICATE_WINDOW_DAYS = 7;
export const DUPLICATE_RADIUS_M = 100;

type EventRow = Selectable<DemandEventTable>;

/** A stored event back as the rules' event (kind, actor and time in columns; the rest in data). */
export function eventFromRow(row: EventRow): DemandEvent {
  return {
    ...(row.data as object),
    kind: row.kind,
    at: new Date(row.at),
    actor: { kind: row.actor_kind, id: row.actor_id ?? '', name: row.actor_name },
  } as DemandEvent;
}

export function eventToRow(districtId: string, demandId: string, seq: number, event: DemandEvent): Insertable<DemandEventTable> {
  const { kind, at, actor, ...data } = event;
  const reason = 'reason' in event && typeof event.reason === 'string' ? event.reason.trim() : null;
  return {
    district_id: districtId,
    demand_id: demandId,
    seq,
    kind,
    actor_kind: actor.kind,
    actor_id: actor.id === '' ? null : actor.id,
    actor_name: actor.name,
    at,
    reason,
    data: JSON.stringify(data),
  };
}

/** `hotline`: a 12345 transfer's own limit (demand_external_ref), which can bring the finish deadline forward. */
export function deadlinesOf(state: DemandState, calendar: WorkingCalendar, now: Date, hotline: HotlineLimit | null = null): DemandDeadlines {
  return demandDeadlines({ state, category: categoryRule(state.categoryCode), calendar, now, hotline });
}

/** What a viewer holds over one demand (at its org path): the staff permissions in scope, or being a resident. */
export function demandGrants(viewer: Actor, nodePath: string): DemandGrants {
  if (viewer.kind === 'resident') return { handle: false, supervise: false, residentId: viewer.id };
  return {
    handle: pathInScope(scopePaths(viewer, DEMAND_PERMISSIONS.handle), nodePath),
    supervise: pathInScope(scopePaths(viewer, DEMAND_PERMISSIONS.supervise), nodePath),
    residentId: null,
  };
}

/** The bodies a demand can be routed, escalated or transferred to, per level (routing data: BODY_LEVEL). */
export function handlingBodiesByLevel(): { level: HandlingLevel; bodies: HandlerRef[] }[] {
  return HANDLING_LEVELS.map((level) => ({ level, bodies: ALL_BODIES.filter((b) => BODY_LEVEL[b.body] === level) }));
}

/** The columns of `demand` that cache the derived state and deadlines. */
export function cachedColumns(state: DemandState, deadlines: DemandDeadlines, now: Date, previousClosedAt: Date | null): Updateable<DemandTable> {
  const a: Assignment | null = state.assignment;
  return {
    status: state.status,
    handling_level: a?.level ?? null,
    lead_body: a?.lead.body ?? null,
    co_bodies: JSON.stringify(a?.coHandlers.map((h) => h.body) ?? []),
    respond_by: deadlines.respond.by,
    responded_at: state.respondedAt,
    finish_by: deadlines.finish.by,
    done_at: state.doneAt,
    closed_at: state.status === 'closed' || state.status === 'merged' ? (previousClosedAt ?? now) : null,
    rating: state.rating,
    // For the figures (demands/figures): the latest outcome and the latest rating given, unsatisfied included.
    outcome_result: state.outcome?.result ?? null,
    last_rating: state.ratings.at(-1)?.rating ?? null,
    reopen_count: state.reopenCount,
    urgings: state.urgings,
    supervisions: state.supervisions,
    merged_into: state.mergedInto,
    updated_at: now,
  };
}

export function bodyName(code: string | null, lang: 'zh' | 'en' = 'zh'): string | null {
  if (!code) return null;
  return bodyByCode(code)?.name[lang] ?? code;
}
