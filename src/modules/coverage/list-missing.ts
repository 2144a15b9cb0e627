import type { Db } from '../../platform/db/database.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { scopePaths, type StaffActor } from '../../platform/auth/actor.ts';
import { fail } from '../../platform/errors.ts';
import { maskIdNumber } from '../../platform/security/masking.ts';
import { findNode } from '../org/org.repository.ts';
import { addressesOf } from '../residents/residents.repository.ts';
import { DEFAULT_INTERVAL_DAYS, FIGURE_TAG_CATEGORY, figureDefinition, type FigureCode } from './coverage.definitions.ts';
import { buildingsWithoutLeader, tagNames, unacknowledgedHouses, unverifiedHouses, unvisitedPeople } from './coverage-missing.repository.ts';
import { cadencesOf, noticesInForce } from './coverage.repository.ts';
import { cadenceIntervals, localDate } from './coverage.ts';
import { COVERAGE_NODE_KINDS } from './compute-coverage.ts';

/**
 * The drill-down of a figure: what it still misses under a node. People are shown masked (name, masked
 * ID number, address); a person with a restricted (key-person) tag is listed only to a caller who may
 * see key persons there — otherwise counted in `restrictedHidden` — and every page that lists such
 * people is written to the audit log.
 */
export type MissingItem =
  | { kind: 'house'; householdId: string; address: string; people: number | null; use: string | null; notices: { id: string; title: string }[] }
  | { kind: 'building'; buildingId: string; name: string; address: string }
  | { kind: 'person'; residentId: string; name: string; idNumber: string; address: string; tags: string[]; restricted: boolean; intervalDays: number; lastVisitAt: string | null };

export type MissingList = {
  figure: FigureCode;
  asOf: string;
  node: { id: string; name: string; kind: string };
  itemKind: 'house' | 'building' | 'person';
  items: MissingItem[];
  total: number;
  restrictedHidden: number;
  page: number;
  pageSize: number;
};

type Input = { db: Db; actor: StaffActor; ip: string; now: Date; nodeId: string; figure: FigureCode; page: number; pageSize: number };

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export async function listMissing(input: Input): Promise<MissingList> {
  const { db, actor } = input;
  const node = await findNode(db, actor.districtId, input.nodeId);
  if (!node) return fail('NOT_FOUND');
  if (!(COVERAGE_NODE_KINDS as readonly string[]).includes(node.kind)) return fail('COVERAGE_NODE_KIND', { nodeId: node.id, kind: node.kind });
  const subtree = { districtId: actor.districtId, underPath: node.path };
  const window = { limit: input.pageSize, offset: (input.page - 1) * input.pageSize };
  const today = localDate(input.now);
  const head = { figure: input.figure, asOf: today, node: { id: node.id, name: node.name, kind: node.kind }, itemKind: figureDefinition(input.figure).missing, page: input.page, pageSize: input.pageSize };
  const addresses = (paths: string[]) => addressesOf(db, actor.districtId, [...new Set(paths)]);

  switch (input.figure) {
    case 'basic_info': {
      const { rows, total } = await unverifiedHouses(db, subtree, window);
      const at = await addresses(rows.map((r) => r.node_path));
      const items: MissingItem[] = rows.map((r) => ({ kind: 'house', householdId: r.household_id, address: at.get(r.node_path) ?? '', people: Number(r.people), use: r.use, notices: [] }));
      return { ...head, items, total, restrictedHidden: 0 };
    }
    case 'backbone': {
      const { rows, total } = await buildingsWithoutLeader(db, subtree, window);
      const at = await addresses(rows.map((r) => r.path));
      const items: MissingItem[] = rows.map((r) => ({ kind: 'building', buildingId: r.id, name: r.name, address: at.get(r.path) ?? r.name }));
      return { ...head, items, total, restrictedHidden: 0 };
    }
    case 'policy': {
      const notices = await noticesInForce(db, { districtId: actor.districtId, underPath: node.path, today });
      const { rows, total } = await unacknowledgedHouses(db, { ...subtree, notices }, window);
      const at = await addresses(rows.map((r) => r.node_path));
      const titles = new Map(notices.map((n) => [n.id, n.title]));
      const items: MissingItem[] = rows.map((r) => ({
        kind: 'house', householdId: r.household_id, address: at.get(r.node_path) ?? '', people: null, use: null,
        notices: r.notice_ids.map((id) => ({ id, title: titles.get(id) ?? '' })),
      }));
      return { ...head, items, total, restrictedHidden: 0 };
    }
    case 'vulnerable_care':
    case 'key_person': {
      const intervals = cadenceIntervals(await cadencesOf(db, actor.districtId));
      const restrictedPaths = scopePaths(actor, 'resident.restricted.read');
      const { rows, total, hidden } = await unvisitedPeople(db, {
        ...subtree, categories: [{ category: FIGURE_TAG_CATEGORY[input.figure], defaultDays: DEFAULT_INTERVAL_DAYS[input.figure] }], intervals, now: input.now, restrictedPaths,
      }, window);
      const [at, names] = await Promise.all([addresses(rows.map((r) => r.node_path)), tagNames(db, actor.districtId)]);
      const items: MissingItem[] = rows.map((r) => ({
        kind: 'person', residentId: r.id, name: r.name, idNumber: maskIdNumber(r.id_number), address: at.get(r.node_path) ?? '',
        tags: r.tags.map((code) => names.get(code) ?? code), restricted: r.restricted, intervalDays: Number(r.days), lastVisitAt: iso(r.last_visit_at),
      }));
      const shown = rows.filter((r) => r.restricted);
      if (shown.length > 0) {
        await appendAudit(db, {
          districtId: actor.districtId, actor, ip: input.ip, at: input.now, action: 'coverage.restricted.view', entityType: 'org_node', entityId: node.id, nodePath: node.path,
          summary: `查看「${node.name}」${figureDefinition(input.figure).name}未覆盖名单中的 ${shown.length} 名重点人员（第 ${input.page} 页）`,
          after: { figure: input.figure, page: input.page, residentIds: shown.map((r) => r.id) },
        });
      }
      return { ...head, items, total, restrictedHidden: hidden };
    }
  }
}
