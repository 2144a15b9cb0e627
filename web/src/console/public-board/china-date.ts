import dayjs, { type Dayjs } from 'dayjs';

/** Today in China (UTC+8), whatever the browser's time zone: the server counts publication periods by it. */
export function chinaToday(now = Date.now()): Dayjs {
  return dayjs(new Date(now + 8 * 3600_000).toISOString().slice(0, 10));
}
