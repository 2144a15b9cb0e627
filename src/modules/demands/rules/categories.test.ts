import { describe, expect, it } from 'vitest';
import { levelAbove, resolveCategory, SHIPPED_CATEGORIES, validateCategories, type DemandCategory } from './categories.ts';
import { BODIES, matchRoute, SHIPPED_ROUTING_RULES, type RoutingRule } from './routing.ts';

describe('demand categories', () => {
  it('the shipped tree is valid', () => {
    expect(validateCategories(SHIPPED_CATEGORIES)).toEqual([]);
  });

  it('a child inherits its first level, limits and reminder shares, and overrides what it sets', () => {
    const garbage = resolveCategory(SHIPPED_CATEGORIES, 'environment.garbage');
    expect(garbage).toMatchObject({ ok: true, rule: { firstLevel: 'grid', respond: { unit: 'natural_hours', amount: 2 }, finish: { unit: 'working_days', amount: 1 }, reminders: { urgeAt: 0.5, superviseAt: 0.8 }, lineage: ['environment', 'environment.garbage'] } });
    const lift = resolveCategory(SHIPPED_CATEGORIES, 'property.lift');
    expect(lift).toMatchObject({ ok: true, rule: { firstLevel: 'community', finish: { unit: 'natural_hours', amount: 24 }, reminders: { urgeAt: 0.25 } } });
  });

  it('finds the problems a schema cannot see', () => {
    const bad: DemandCategory[] = [
      { code: 'a', parent: null, name: { zh: 'A', en: 'A' } },
      { code: 'b', parent: 'missing', name: { zh: 'B', en: 'B' }, firstLevel: 'grid', respond: { unit: 'natural_hours', amount: 1 }, finish: { unit: 'natural_hours', amount: 2 } },
      { code: 'c', parent: null, name: { zh: 'C', en: 'C' }, firstLevel: 'grid', respond: { unit: 'natural_hours', amount: 1 }, finish: { unit: 'natural_hours', amount: 2 }, reminders: { urgeAt: 0.9, superviseAt: 0.5 } },
      { code: 'x', parent: 'y', name: { zh: 'X', en: 'X' } },
      { code: 'y', parent: 'x', name: { zh: 'Y', en: 'Y' } },
    ];
    const problems = validateCategories(bad).map((p) => `${p.code}: ${p.problem}`);
    expect(problems).toContain('a: 分类 a 缺少首办层级或时限（本级和上级都未设置）');
    expect(problems).toContain('b: 上级分类 missing 不存在');
    expect(problems).toContain('c: 催办、督办比例应满足 0 < 催办 ≤ 督办 ≤ 1');
    expect(problems.some((p) => p.startsWith('x: ') && p.includes('成环'))).toBe(true);
    expect(resolveCategory(bad, 'nope')).toEqual({ ok: false, problem: '分类 nope 不存在' });
  });

  it('levels go grid → community → street → district, and stop there', () => {
    expect(levelAbove('grid')).toBe('community');
    expect(levelAbove('street')).toBe('district');
    expect(levelAbove('district')).toBeNull();
  });
});

describe('routing rules', () => {
  const lineage = (code: string) => {
    const r = resolveCategory(SHIPPED_CATEGORIES, code);
    if (!r.ok) throw new Error(r.problem);
    return r.rule.lineage;
  };
  const compound = '/d/s/c1/g1/';

  it('a category routes by its ancestor rule with lead and co-handlers', () => {
    const m = matchRoute({ rules: SHIPPED_ROUTING_RULES, lineage: lineage('environment.garbage'), areaPath: compound });
    expect(m).toMatchObject({ level: 'grid', lead: BODIES.gridStation, coHandlers: [BODIES.propertyCompany] });
    expect(m?.explanation.zh).toBe('按规则「env」（environment，全区）：网格工作站主办，物业服务企业协办');
  });

  it('the deeper category wins over its parent', () => {
    expect(matchRoute({ rules: SHIPPED_ROUTING_RULES, lineage: lineage('property.lift'), areaPath: compound })?.rule.id).toBe('lift');
    expect(matchRoute({ rules: SHIPPED_ROUTING_RULES, lineage: lineage('property.repair'), areaPath: compound })?.rule.id).toBe('property');
  });

  it('an area rule wins inside its area only; priority breaks ties; escalation asks for a higher level', () => {
    const rules: RoutingRule[] = [
      ...SHIPPED_ROUTING_RULES,
      { id: 'c1-property', category: 'property', areaPath: '/d/s/c1/', level: 'community', lead: BODIES.propertyCompany, coHandlers: [BODIES.communityCommittee] },
      { id: 'c1-property-2', category: 'property', areaPath: '/d/s/c1/', level: 'community', lead: BODIES.ownersCommittee, coHandlers: [], priority: 5 },
      { id: 'property-street', category: 'property', areaPath: null, level: 'street', lead: BODIES.streetUrban, coHandlers: [] },
    ];
    expect(matchRoute({ rules, lineage: lineage('property.repair'), areaPath: compound })?.rule.id).toBe('c1-property-2');
    expect(matchRoute({ rules, lineage: lineage('property.repair'), areaPath: '/d/s/c2/g1/' })?.rule.id).toBe('property');
    expect(matchRoute({ rules, lineage: lineage('property.repair'), areaPath: compound, minLevel: 'street' })?.rule.id).toBe('property-street');
    expect(matchRoute({ rules, lineage: lineage('property.repair'), areaPath: compound, minLevel: 'district' })).toBeNull();
  });

  it('no rule for a category gives null (the caller falls back to the category’s first level)', () => {
    expect(matchRoute({ rules: [], lineage: ['other'], areaPath: compound })).toBeNull();
  });
});
