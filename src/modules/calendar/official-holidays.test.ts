import { describe, expect, it } from 'vitest';
import { officialCalendar } from './official-holidays.ts';

/**
 * The package's data checked against the State Council's notices, day by day, so that a package
 * upgrade with a mistake fails here.
 * 2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）.
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）.
 */
const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
};

const NOTICES = {
  2025: {
    holidays: [...range('2025-01-01', '2025-01-01'), ...range('2025-01-28', '2025-02-04'), ...range('2025-04-04', '2025-04-06'), ...range('2025-05-01', '2025-05-05'), ...range('2025-05-31', '2025-06-02'), ...range('2025-10-01', '2025-10-08')],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [...range('2026-01-01', '2026-01-03'), ...range('2026-02-15', '2026-02-23'), ...range('2026-04-04', '2026-04-06'), ...range('2026-05-01', '2026-05-05'), ...range('2026-06-19', '2026-06-21'), ...range('2026-09-25', '2026-09-27'), ...range('2026-10-01', '2026-10-07')],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
} as const;

describe('official holiday data (chinese-days) matches the State Council notices', () => {
  const official = officialCalendar();
  for (const [year, notice] of Object.entries(NOTICES)) {
    it(`${year}: exactly the notice's holidays and adjusted working days`, () => {
      const inYear = [...official.days.entries()].filter(([date]) => date.startsWith(year));
      expect(inYear.filter(([, d]) => d.kind === 'holiday').map(([date]) => date).sort()).toEqual([...notice.holidays].sort());
      expect(inYear.filter(([, d]) => d.kind === 'adjusted_workday').map(([date]) => date).sort()).toEqual([...notice.workdays].sort());
      expect(official.coveredYears).toContain(Number(year));
    });
  }
  it('names come in both languages', () => {
    expect(official.days.get('2026-10-01')?.name).toEqual({ zh: '国庆节', en: 'National Day' });
    expect(official.days.get('2026-02-14')).toMatchObject({ kind: 'adjusted_workday', name: { zh: '春节' } });
    expect(official.source.package).toMatch(/^chinese-days@\d/);
  });
});
