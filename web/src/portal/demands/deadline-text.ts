import type { Lang } from '../../shared/i18n';
import { formatDate } from '../format-date';

/** A deadline in China time; midnight reads as 24:00 of the day before (时限至该日 24 时). */
export function deadlineText(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const at = new Date(iso);
  const china = new Date(at.getTime() + 8 * 3600_000);
  if (china.getUTCHours() !== 0 || china.getUTCMinutes() !== 0) return formatDate(iso, lang, true);
  return formatDate(new Date(at.getTime() - 60_000).toISOString(), lang, true).replace('23:59', '24:00');
}
