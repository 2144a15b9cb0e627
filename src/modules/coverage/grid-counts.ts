import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { CHINA_OFFSET_MS } from '../../platform/china-time.ts';
import { countGroups } from './compute-coverage.ts';
import type { FigureCounts } from './coverage.ts';
import { inSubtree } from './coverage.sql.ts';

/**
 * A community's, street's or district's figures are sums over its grids, and each grid's counts are
 * kept in `coverage_grid_count` (see its migration): a row is reused while no write has touched the
 * grid since it was counted and time alone has not changed a figure; the other grids are counted
 * in one pass and written back. The figures stay exact and live — a cached row is only a shortcut
 * to the same numbers, and `test/http/coverage.db.test.ts` compares both ways.
 */
export type GridRef = { id: string; path: string };

type CachedRow = { grid_id: string; generation: string; counted_generation: string | null; counts: unknown; computed_at: Date | null; valid_until: Date | null };

/** The first China midnight after `now`: notices come into and go out of force by date. */
export function nextChinaMidnight(now: Date): Date {
  const day = 86_400_000;
  return new Date(Math.floor((now.getTime() + CHINA_OFFSET_MS) / day) * day + day - CHINA_OFFSET_MS);
}

/** Is a cached row current at `now`? (`valid_until` is the last instant its counts hold.) */
export function isCurrent(row: Pick<CachedRow, 'generation' | 'counted_generation' | 'computed_at' | 'valid_until'>, now: Date): boolean {
  return (
    row.counted_generation !== null &&
    String(row.counted_generation) === String(row.generation) &&
    row.computed_at !== null &&
    row.valid_until !== null &&
    new Date(row.computed_at).getTime() <= now.getTime() &&
    now.getTime() <= new Date(row.valid_until).getTime()
  );
}

export async function gridsUnder(db: Db, districtId: string, path: string): Promise<GridRef[]> {
  const { rows } = await sql<GridRef>`select id, path from org_node where district_id = ${districtId} and kind = 'grid' and ${inSubtree(sql.ref('path'), path)} order by path`.execute(db);
  return rows;
}

/** The five figures' counts for every grid below `underPath`, from the cache where it is current. */
export async function countsByGrid(db: Db, input: { districtId: string; underPath: string; now: Date }): Promise<{ grid: GridRef; counts: FigureCounts }[]> {
  const { districtId, underPath, now } = input;
  const grids = await gridsUnder(db, districtId, underPath);
  const out = new Map<string, FigureCounts>();
  const result = () => grids.map((grid) => ({ grid, counts: out.get(grid.id) as FigureCounts }));
  if (grids.length === 0) return [];
  const ids = grids.map((g) => g.id);
  const cached = (await sql<CachedRow>`select grid_id, generation, counted_generation, counts, computed_at, valid_until from coverage_grid_count
    where district_id = ${districtId} and grid_id = any(${ids}::uuid[])`.execute(db)).rows;
  const byId = new Map(cached.map((r) => [r.grid_id, r]));
  const stale = grids.filter((g) => {
    const row = byId.get(g.id);
    if (row && isCurrent(row, now)) {
      out.set(g.id, row.counts as FigureCounts);
      return false;
    }
    return true;
  });
  if (stale.length === 0) return result();

  // Read the generations before counting: a write that lands meanwhile bumps it, and the stale
  // counts are then not written back (the next reader counts again).
  const staleIds = stale.map((g) => g.id);
  await sql`insert into coverage_grid_count (district_id, grid_id) select ${districtId}::uuid, g from unnest(${staleIds}::uuid[]) as g
    order by g on conflict (district_id, grid_id) do nothing`.execute(db);
  const generations = (await sql<{ grid_id: string; generation: string }>`select grid_id, generation from coverage_grid_count
    where district_id = ${districtId} and grid_id = any(${staleIds}::uuid[])`.execute(db)).rows;
  const { counts, nextChange } = await countGroups(db, { districtId, underPath, groups: stale, now });
  const lastBeforeMidnight = new Date(nextChinaMidnight(now).getTime() - 1);
  const rows = generations.map((g) => {
    const change = nextChange.get(g.grid_id);
    const validUntil = change && change < lastBeforeMidnight ? change : lastBeforeMidnight;
    return { id: g.grid_id, generation: String(g.generation), counts: JSON.stringify(counts.get(g.grid_id)), validUntil: validUntil.toISOString() };
  });
  for (const g of stale) out.set(g.id, counts.get(g.id) as FigureCounts);
  await sql`update coverage_grid_count c set counts = v.counts::jsonb, counted_generation = v.generation::bigint, computed_at = ${now.toISOString()}::timestamptz, valid_until = v.valid_until::timestamptz
    from (select * from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.generation)}::text[], ${rows.map((r) => r.counts)}::text[], ${rows.map((r) => r.validUntil)}::text[])
      as t(grid_id, generation, counts, valid_until)) v
    where c.district_id = ${districtId} and c.grid_id = v.grid_id and c.generation = v.generation::bigint`.execute(db);
  return result();
}

/**
 * Keeps the per-grid counts warm: every few minutes, counts the grids whose rows went stale (after
 * midnight, a catalogue change or writes), street by street, so a leader's first look in the morning
 * reads stored counts. Safe to run on several servers at once: a row is only written back when its
 * generation has not moved.
 */
export const warmCoverageSweep = {
  name: 'coverage.warm',
  everyMinutes: 10,
  run: async (db: Db, now: Date): Promise<{ changed: number }> => {
    const streets = (await sql<{ district_id: string; path: string }>`select district_id, path from org_node where kind = 'street' order by district_id, path`.execute(db)).rows;
    let changed = 0;
    for (const street of streets) {
      const stale = (await sql<{ n: number }>`select count(*)::int as n from org_node g left join coverage_grid_count c on c.district_id = g.district_id and c.grid_id = g.id
        where g.district_id = ${street.district_id} and g.kind = 'grid' and ${inSubtree(sql.ref('g.path'), street.path)}
          and (c.grid_id is null or c.counted_generation is distinct from c.generation or c.valid_until < ${now.toISOString()}::timestamptz)`.execute(db)).rows[0]?.n ?? 0;
      if (stale === 0) continue;
      await countsByGrid(db, { districtId: street.district_id, underPath: street.path, now });
      changed += stale;
    }
    return { changed };
  },
};
