import { describe, expect, it } from 'vitest';
import { FIGURE_CODES, FIGURE_DEFINITIONS, DEFAULT_INTERVAL_DAYS } from './coverage.definitions.ts';
import {
  cadenceIntervals, emptyCounts, figureOf, intervalFor, localDate, noticePlan, percentOf,
  presentFigures, rollUp, visitedWithin, type FigureCounts,
} from './coverage.ts';

describe('percentOf', () => {
  it('rounds to one decimal, half up', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(7, 8)).toBe(87.5);
    expect(percentOf(1, 2000)).toBe(0.1); // 0.05 rounds up
  });
  it('is null for 0/0 and exact at the ends', () => {
    expect(percentOf(0, 0)).toBeNull();
    expect(percentOf(0, 5)).toBe(0);
    expect(percentOf(5, 5)).toBe(100);
  });
  it('never shows 100 while one is missing, nor 0 once one is counted', () => {
    expect(percentOf(9999, 10000)).toBe(99.9);
    expect(percentOf(19999, 20000)).toBe(99.9);
    expect(percentOf(1, 100000)).toBe(0.1);
  });
});

describe('figureOf', () => {
  it('shows the percentage with one decimal, and 无 / n/a for 0/0', () => {
    expect(figureOf({ numerator: 7, denominator: 8 })).toEqual({ numerator: 7, denominator: 8, percent: 87.5, display: '87.5%' });
    expect(figureOf({ numerator: 3, denominator: 3 }).display).toBe('100.0%');
    expect(figureOf({ numerator: 0, denominator: 0 })).toEqual({ numerator: 0, denominator: 0, percent: null, display: '无' });
    expect(figureOf({ numerator: 0, denominator: 0 }, 'en').display).toBe('n/a');
  });
});

describe('roll-up', () => {
  const counts = (n: number, d: number): FigureCounts => {
    const c = emptyCounts();
    for (const code of FIGURE_CODES) c[code] = { numerator: n, denominator: d };
    return c;
  };
  it('sums numerators and denominators, not percentages', () => {
    const total = rollUp([counts(1, 2), counts(9, 10)]);
    expect(total.basic_info).toEqual({ numerator: 10, denominator: 12 });
    expect(presentFigures(total).basic_info.percent).toBe(83.3); // not the mean of 50 % and 90 %
  });
  it('gives 0/0 for no children', () => {
    expect(presentFigures(rollUp([])).policy.display).toBe('无');
  });
});

describe('visit intervals from cadences', () => {
  const district = '/d/';
  const community = '/d/s/c/';
  const cadences = [
    { tagCode: 'poor_family', scopePath: district, frequency: 'monthly' as const, active: true },
    { tagCode: 'poor_family', scopePath: district, frequency: 'quarterly' as const, active: true },
    { tagCode: 'poor_family', scopePath: district, frequency: 'yearly' as const, active: true },
    { tagCode: 'lonely_elderly', scopePath: district, frequency: 'weekly' as const, active: false },
    { tagCode: 'lonely_elderly', scopePath: district, frequency: 'half_yearly' as const, active: true },
    { tagCode: 'hospitalised', scopePath: district, frequency: 'on_event' as const, active: true },
    { tagCode: 'released_prisoner', scopePath: district, frequency: 'on_event' as const, active: true },
    { tagCode: 'released_prisoner', scopePath: district, frequency: 'half_yearly' as const, active: true },
    { tagCode: 'unemployed', scopePath: community, frequency: 'weekly' as const, active: true },
  ];
  const intervals = cadenceIntervals(cadences);

  it('keeps the most frequent active periodic cadence per tag and scope', () => {
    expect(intervals).toEqual([
      { tag: 'lonely_elderly', path: district, days: 183 }, // the weekly one is inactive
      { tag: 'poor_family', path: district, days: 31 },
      { tag: 'released_prisoner', path: district, days: 183 }, // the release-day visit is an event, not a period
      { tag: 'unemployed', path: community, days: 7 },
    ]);
  });

  it('takes the shortest interval over all of a person’s tags', () => {
    expect(intervalFor({ tags: ['lonely_elderly', 'poor_family'], residentPath: '/d/s/c/g/b/h/', intervals, defaultDays: 366 })).toBe(31);
  });

  it('falls back to the figure’s default for event-only or no cadence', () => {
    expect(intervalFor({ tags: ['hospitalised'], residentPath: '/d/s/c/g/b/h/', intervals, defaultDays: DEFAULT_INTERVAL_DAYS.vulnerable_care })).toBe(366);
    expect(intervalFor({ tags: ['key_petitioner'], residentPath: '/d/s/c/g/b/h/', intervals, defaultDays: DEFAULT_INTERVAL_DAYS.key_person })).toBe(183);
    // A tag with a cadence wins over one without, even when the default is shorter.
    expect(intervalFor({ tags: ['key_petitioner', 'disabled', 'poor_family'], residentPath: '/d/s/c/g/b/h/', intervals, defaultDays: 183 })).toBe(31);
  });

  it('applies a community’s own cadence only inside that community', () => {
    expect(intervalFor({ tags: ['unemployed'], residentPath: '/d/s/c/g/b/h/', intervals, defaultDays: 366 })).toBe(7);
    expect(intervalFor({ tags: ['unemployed'], residentPath: '/d/s/x/g/b/h/', intervals, defaultDays: 366 })).toBe(366);
  });

  it('counts a visit within the interval, not one before it or in the future', () => {
    const now = new Date('2026-11-22T04:00:00Z');
    expect(visitedWithin([new Date('2026-10-23T04:00:00Z')], 31, now)).toBe(true); // exactly 30 days
    expect(visitedWithin([new Date('2026-10-22T04:00:00Z')], 31, now)).toBe(true); // exactly 31 days
    expect(visitedWithin([new Date('2026-10-22T03:59:59Z')], 31, now)).toBe(false);
    expect(visitedWithin([new Date('2026-11-23T00:00:00Z')], 31, now)).toBe(false);
    expect(visitedWithin([], 366, now)).toBe(false);
  });
});

describe('notices per group', () => {
  const groups = [{ id: 'g1', path: '/d/s/c1/' }, { id: 'g2', path: '/d/s/c2/' }];
  it('counts a notice that covers the node for every group at once', () => {
    expect(noticePlan({ notices: [{ id: 'n1', path: '/d/' }, { id: 'n2', path: '/d/s/' }], underPath: '/d/s/', groups })).toEqual({ covering: ['n1', 'n2'], pairs: [] });
  });
  it('counts a notice scoped inside the node only where it reaches', () => {
    expect(noticePlan({ notices: [{ id: 'n3', path: '/d/s/c1/g7/' }], underPath: '/d/s/', groups })).toEqual({ covering: [], pairs: [{ g: 'g1', noticeId: 'n3', path: '/d/s/c1/g7/' }] });
    // A community-wide notice seen from the street's grids: every grid of that community, whole.
    const grids = [{ id: 'a', path: '/d/s/c1/a/' }, { id: 'b', path: '/d/s/c1/b/' }, { id: 'x', path: '/d/s/c2/x/' }];
    expect(noticePlan({ notices: [{ id: 'n4', path: '/d/s/c1/' }], underPath: '/d/s/', groups: grids }).pairs).toEqual([
      { g: 'a', noticeId: 'n4', path: '/d/s/c1/a/' },
      { g: 'b', noticeId: 'n4', path: '/d/s/c1/b/' },
    ]);
  });
});

describe('dates', () => {
  it('uses the date in China', () => {
    expect(localDate(new Date('2026-11-21T15:59:59Z'))).toBe('2026-11-21');
    expect(localDate(new Date('2026-11-21T16:00:00Z'))).toBe('2026-11-22');
  });
});

describe('definitions', () => {
  it('define every figure once, in both languages', () => {
    expect(FIGURE_DEFINITIONS.map((d) => d.code)).toEqual([...FIGURE_CODES]);
    for (const d of FIGURE_DEFINITIONS) for (const text of [d.name, d.nameEn, d.help, d.helpEn, d.numerator, d.denominator]) expect(text.length).toBeGreaterThan(1);
  });
});
