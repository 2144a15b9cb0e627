import type { HandlingLevel } from './categories.ts';
import { levelRank } from './categories.ts';

/**
 * Routing rules as data (派单规则): category × area → the handling body and its level, the lead
 * (主办) and the co-handlers (协办). A rule's category matches that category and everything below
 * it; its area (an org-tree path prefix, null = the whole district) matches every point inside.
 * The most specific rule wins: the deeper category first, then the deeper area, then the higher
 * priority, then the earlier rule. Pure: the command layer finds the demand's grid (a point on the
 * map finds its grid) and passes its path here.
 */
export type HandlerRef = {
  /** A kind of body (网格工作站, 社区居委会, 物业服务企业, 街道城管科 …) — resolved to the node's real body by the caller. */
  body: string;
  name: { zh: string; en: string };
};

export type RoutingRule = {
  id: string;
  /** Category code; matches the category and its descendants. */
  category: string;
  /** Org-tree path prefix; null matches everywhere in the district. */
  areaPath: string | null;
  level: HandlingLevel;
  lead: HandlerRef;
  coHandlers: readonly HandlerRef[];
  priority?: number;
};

export type RouteMatch = {
  rule: RoutingRule;
  level: HandlingLevel;
  lead: HandlerRef;
  coHandlers: readonly HandlerRef[];
  explanation: { zh: string; en: string };
};

const body = (code: string, zh: string, en: string): HandlerRef => ({ body: code, name: { zh, en } });
export const BODIES = {
  gridStation: body('grid_station', '网格工作站', 'Grid station'),
  communityCommittee: body('community_committee', '社区居委会', 'Community committee'),
  propertyCompany: body('property_company', '物业服务企业', 'Property management company'),
  ownersCommittee: body('owners_committee', '业主委员会', 'Owners’ committee'),
  communityPolice: body('community_police', '社区民警', 'Community police officer'),
  streetUrban: body('street_urban_management', '街道城市管理科', 'Street urban management'),
  streetCivil: body('street_civil_affairs', '街道民政科', 'Street civil affairs'),
  streetSafety: body('street_safety', '街道安全办', 'Street safety office'),
  districtDepartment: body('district_department', '区职能部门', 'District department'),
} as const;

/** The level each body sits at (whom a demand can be transferred to at a level). */
export const BODY_LEVEL: Readonly<Record<string, HandlingLevel>> = {
  [BODIES.gridStation.body]: 'grid',
  [BODIES.communityCommittee.body]: 'community',
  [BODIES.propertyCompany.body]: 'community',
  [BODIES.ownersCommittee.body]: 'community',
  [BODIES.communityPolice.body]: 'community',
  [BODIES.streetUrban.body]: 'street',
  [BODIES.streetCivil.body]: 'street',
  [BODIES.streetSafety.body]: 'street',
  [BODIES.districtDepartment.body]: 'district',
};

/** Shipped defaults, district-wide; a district adds area-specific rules (one compound's property company …). */
export const SHIPPED_ROUTING_RULES: readonly RoutingRule[] = [
  { id: 'env', category: 'environment', areaPath: null, level: 'grid', lead: BODIES.gridStation, coHandlers: [BODIES.propertyCompany] },
  { id: 'property', category: 'property', areaPath: null, level: 'community', lead: BODIES.communityCommittee, coHandlers: [BODIES.propertyCompany, BODIES.ownersCommittee] },
  { id: 'lift', category: 'property.lift', areaPath: null, level: 'community', lead: BODIES.propertyCompany, coHandlers: [BODIES.communityCommittee, BODIES.streetSafety] },
  { id: 'neighbour', category: 'neighbour', areaPath: null, level: 'grid', lead: BODIES.gridStation, coHandlers: [BODIES.communityPolice] },
  { id: 'safety', category: 'safety', areaPath: null, level: 'grid', lead: BODIES.gridStation, coHandlers: [BODIES.streetSafety, BODIES.communityPolice] },
  { id: 'welfare', category: 'welfare', areaPath: null, level: 'community', lead: BODIES.communityCommittee, coHandlers: [BODIES.streetCivil] },
  { id: 'municipal', category: 'municipal', areaPath: null, level: 'street', lead: BODIES.streetUrban, coHandlers: [BODIES.communityCommittee] },
  { id: 'policy', category: 'policy', areaPath: null, level: 'community', lead: BODIES.communityCommittee, coHandlers: [] },
  { id: 'other', category: 'other', areaPath: null, level: 'community', lead: BODIES.communityCommittee, coHandlers: [] },
];

function categoryDepth(code: string): number {
  return code.split('.').length;
}

/** Does a rule's category cover this category (itself or an ancestor, given the category's lineage)? */
function covers(rule: RoutingRule, lineage: readonly string[]): boolean {
  return lineage.includes(rule.category);
}

/**
 * The rule that routes a demand of a category (with its lineage from the root, see resolveCategory)
 * at a place (org path). `minLevel`: when escalating, only rules at a level above the current one.
 */
export function matchRoute(input: {
  rules: readonly RoutingRule[];
  lineage: readonly string[];
  areaPath: string;
  minLevel?: HandlingLevel;
}): RouteMatch | null {
  const lineageDepth = (code: string) => {
    const i = input.lineage.indexOf(code);
    return i < 0 ? categoryDepth(code) : i;
  };
  const candidates = input.rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => covers(rule, input.lineage))
    .filter(({ rule }) => rule.areaPath === null || input.areaPath.startsWith(rule.areaPath))
    .filter(({ rule }) => input.minLevel === undefined || levelRank(rule.level) >= levelRank(input.minLevel));
  candidates.sort(
    (a, b) =>
      lineageDepth(b.rule.category) - lineageDepth(a.rule.category) ||
      (b.rule.areaPath?.length ?? 0) - (a.rule.areaPath?.length ?? 0) ||
      (b.rule.priority ?? 0) - (a.rule.priority ?? 0) ||
      a.index - b.index,
  );
  const best = candidates[0]?.rule;
  if (!best) return null;
  const where = best.areaPath === null ? { zh: '全区', en: 'the whole district' } : { zh: '本片区', en: 'this area' };
  return {
    rule: best,
    level: best.level,
    lead: best.lead,
    coHandlers: best.coHandlers,
    explanation: {
      zh: `按规则「${best.id}」（${best.category}，${where.zh}）：${best.lead.name.zh}主办${best.coHandlers.length ? `，${best.coHandlers.map((h) => h.name.zh).join('、')}协办` : ''}`,
      en: `Rule “${best.id}” (${best.category}, ${where.en}): ${best.lead.name.en} leads${best.coHandlers.length ? `; ${best.coHandlers.map((h) => h.name.en).join(', ')} assist` : ''}`,
    },
  };
}
