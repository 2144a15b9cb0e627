import { createRequire } from 'node:module';

/**
 * The State Council's holiday arrangements (国务院办公厅关于 YYYY 年部分节假日安排的通知), as published
 * data: statutory holidays (放假, weekends inside a holiday run included) and adjusted working days
 * (调休上班的周末). The data comes from the npm package `chinese-days` (MIT, pinned in package.json),
 * which tracks the notices every year; `official-holidays.test.ts` pins the 2025 and 2026 notices
 * (国办发明电〔2024〕12号, 国办发明电〔2025〕7号) day by day so an upgrade with wrong data fails.
 * Years the package does not cover fall back to "Monday–Friday work" and are flagged, so an
 * administrator can enter the notice by hand as overrides (see working-calendar.ts).
 */
export type LocalDate = string;

export type OfficialDay = {
  kind: 'holiday' | 'adjusted_workday';
  /** The festival the day belongs to (the workday's festival for an adjusted workday). */
  name: { zh: string; en: string };
};

export type OfficialCalendar = {
  days: ReadonlyMap<LocalDate, OfficialDay>;
  coveredYears: readonly number[];
  source: { zh: string; en: string; package: string };
};

type PackageData = { holidays: Record<string, string>; workdays: Record<string, string> };

const require = createRequire(import.meta.url);
const PACKAGE_VERSION = (require('chinese-days/package.json') as { version: string }).version;

function isPackageData(value: unknown): value is PackageData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['holidays'] === 'object' && v['holidays'] !== null && typeof v['workdays'] === 'object' && v['workdays'] !== null;
}

/** "National Day,国庆节,3" → { en, zh }. */
function parseName(raw: string): { zh: string; en: string } {
  const [en = '', zh = ''] = raw.split(',');
  return { zh: zh || en, en: en || zh };
}

/** Builds the table from the package's data (exported for tests with hand-made data). */
export function officialCalendarFrom(data: PackageData, packageLabel: string): OfficialCalendar {
  const days = new Map<LocalDate, OfficialDay>();
  const years = new Set<number>();
  for (const [date, raw] of Object.entries(data.holidays)) {
    days.set(date, { kind: 'holiday', name: parseName(raw) });
    years.add(Number(date.slice(0, 4)));
  }
  for (const [date, raw] of Object.entries(data.workdays)) days.set(date, { kind: 'adjusted_workday', name: parseName(raw) });
  return {
    days,
    coveredYears: [...years].sort((a, b) => a - b),
    source: {
      zh: '国务院办公厅关于部分节假日安排的通知（数据取自 npm 包 chinese-days）',
      en: 'State Council General Office notices on holiday arrangements (data from the npm package chinese-days)',
      package: packageLabel,
    },
  };
}

let loaded: OfficialCalendar | null = null;

/** The shipped arrangements (loaded once). */
export function officialCalendar(): OfficialCalendar {
  if (loaded) return loaded;
  const data: unknown = require('chinese-days/dist/chinese-days.json');
  if (!isPackageData(data)) throw new Error('chinese-days: unexpected data shape');
  loaded = officialCalendarFrom(data, `chinese-days@${PACKAGE_VERSION}`);
  return loaded;
}
