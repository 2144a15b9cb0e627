/** China Standard Time (UTC+8, no daylight saving): the calendar every date rule of the platform uses. */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** The date in China at an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
