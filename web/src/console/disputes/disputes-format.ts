import { getLang } from '../../shared/i18n';

/** Dates on the 矛盾纠纷 screens are China dates (UTC+8), whatever the browser's time zone. */
const DAY_MS = 86_400_000;

export type Localised = { zh: string; en: string };

export function loc(value: Localised | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return getLang() === 'en' ? value.en : value.zh;
}

/** `YYYY-MM-DD` in China time of an instant; a plain date passes through. */
export function chinaDay(at: string | Date | null | undefined): string {
  if (!at) return '—';
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in China time. */
export function chinaDayTime(at: string | null | undefined): string {
  if (!at) return '—';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function today(now: Date = new Date()): string {
  return chinaDay(now);
}

/** Whole days from China today to the date (negative when past). */
export function daysFromToday(date: string, now: Date = new Date()): number {
  const target = Date.parse(`${chinaDay(date)}T00:00:00Z`);
  const base = Date.parse(`${today(now)}T00:00:00Z`);
  return Math.round((target - base) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the (Monday–Sunday) week holding the date. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return addDays(date, 1 - weekday);
}

export function weekLabel(monday: string): string {
  return `${monday} 至 ${addDays(monday, 6)}`;
}

/** A China noon instant for a picked date: stable across time zones when sent as `at`. */
export function dayToInstant(date: string): string {
  return `${date}T12:00:00+08:00`;
}
