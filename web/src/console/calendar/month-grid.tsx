import { Tooltip } from 'antd';
import { useLang } from '../../shared/i18n';
import type { CalendarDay } from './calendar-types';
import { useCalT } from './calendar-messages';

/** One month as a Monday-first grid; each day is a button that opens the override dialog. */
export function MonthGrid({ month, days, today, onPick }: { month: number; days: CalendarDay[]; today: string; onPick: (day: CalendarDay) => void }) {
  const t = useCalT();
  const lang = useLang();
  const heads = t('cal.weekdays').split(',');
  const first = days[0];
  const blanks = first ? first.weekday - 1 : 0;
  return (
    <section className="gz-cal-month" aria-label={t('cal.month', { month })} data-testid={`cal-month-${month}`}>
      <h3 className="gz-cal-month-title">{t('cal.month', { month })}</h3>
      <div className="gz-cal-grid" role="grid">
        {heads.map((h, i) => (
          <div key={h} className={`gz-cal-head${i >= 5 ? ' gz-cal-head--weekend' : ''}`} role="columnheader">
            {h}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`b${i}`} className="gz-cal-blank" />
        ))}
        {days.map((day, i) => {
          const previous = days[i - 1];
          const runStart = day.kind === 'holiday' && !(previous?.kind === 'holiday' && previous.holidayName?.zh === day.holidayName?.zh);
          const name = day.holidayName ? (lang === 'en' ? day.holidayName.en : day.holidayName.zh) : '';
          return (
            <Tooltip key={day.date} title={<DayTip day={day} />} mouseEnterDelay={0.3}>
              <button
                type="button"
                className={dayClass(day, today)}
                onClick={() => onPick(day)}
                data-testid={`cal-day-${day.date}`}
                aria-label={`${day.date} ${day.working ? t('cal.working') : t('cal.rest')}${name ? ` ${name}` : ''}${day.override ? ` ${t('cal.mark.override')}` : ''}`}
              >
                <span className="gz-cal-num">{Number(day.date.slice(8))}</span>
                <span className={`gz-cal-sub${day.override ? ' gz-cal-sub--override' : ''}`}>
                  {day.override
                    ? `${t('cal.mark.override')}·${day.working ? t('cal.mark.adjusted') : t('cal.mark.holiday')}`
                    : runStart && name
                      ? name
                      : day.kind === 'holiday'
                        ? t('cal.mark.holiday')
                        : day.kind === 'adjusted_workday'
                          ? t('cal.mark.adjusted')
                          : '\u00a0'}
                </span>
              </button>
            </Tooltip>
          );
        })}
      </div>
    </section>
  );
}

function dayClass(day: CalendarDay, today: string): string {
  const classes = ['gz-cal-day', `gz-cal-day--${day.kind}`];
  if (day.override) classes.push('gz-cal-day--override', day.working ? 'gz-cal-day--override-working' : 'gz-cal-day--override-rest');
  if (day.date === today) classes.push('gz-cal-day--today');
  return classes.join(' ');
}

export function DayTip({ day }: { day: CalendarDay }) {
  const t = useCalT();
  const lang = useLang();
  const name = day.holidayName ? `（${lang === 'en' ? day.holidayName.en : day.holidayName.zh}）` : '';
  return (
    <div>
      <div>
        {day.date} {t('cal.weekday', { d: weekdayLabel(day.weekday, t('cal.weekdays')) })}
      </div>
      <div>{t('cal.byNotice', { kind: t(`cal.kind.${day.kind}`), name })}</div>
      {day.override && (
        <div>
          {t('cal.overridden', { state: day.override.working ? t('cal.working') : t('cal.rest'), note: day.override.note, by: day.override.setByName, at: day.override.setAt.slice(0, 10) })}
        </div>
      )}
    </div>
  );
}

export function weekdayLabel(weekday: number, heads: string): string {
  return heads.split(',')[weekday - 1] ?? '';
}
