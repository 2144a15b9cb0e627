import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import { ApiErrorResult } from '../common/api-error-result';
import { useApi } from '../common/use-api';
import { navigate, useLocation, withQuery } from '../router';
import type { CalendarDay, CalendarYear, WorkingDaysAnswer } from './calendar-types';
import { useCalT } from './calendar-messages';
import { MonthGrid, weekdayLabel } from './month-grid';
import { OverrideModal } from './override-modal';
import './calendar.css';

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** `/calendar?year=`: the year's working calendar (12 month grids); click a day to override it. */
export function CalendarPage() {
  const t = useCalT();
  const lang = useLang();
  const location = useLocation();
  const today = chinaToday();
  const thisYear = Number(today.slice(0, 4));
  const yearParam = Number(location.search.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear;
  const [picked, setPicked] = useState<CalendarDay | null>(null);
  const data = useApi((signal) => api.get<CalendarYear>('/api/calendar', { signal, query: { year } }), [year]);
  const cal = data.data?.year === year ? data.data : undefined;
  const months = useMemo(() => {
    const byMonth: CalendarDay[][] = Array.from({ length: 12 }, () => []);
    for (const day of cal?.days ?? []) byMonth[Number(day.date.slice(5, 7)) - 1]?.push(day);
    return byMonth;
  }, [cal]);
  const go = (y: number) => navigate(withQuery('/calendar', { year: y === thisYear ? undefined : String(y) }), { replace: true });

  const extra = (
    <Space>
      <Button icon={<LeftOutlined />} onClick={() => go(year - 1)} aria-label={t('cal.prevYear')} data-testid="cal-prev" />
      <Typography.Text strong style={{ fontSize: 18 }} data-testid="cal-year">
        {t('cal.year', { year })}
      </Typography.Text>
      <Button icon={<RightOutlined />} onClick={() => go(year + 1)} aria-label={t('cal.nextYear')} data-testid="cal-next" />
      {year !== thisYear && <Button onClick={() => go(thisYear)}>{t('cal.thisYear')}</Button>}
    </Space>
  );

  return (
    <div className="gz-page gz-cal-page" data-testid="calendar-page">
      <Card title={t('cal.title')} variant="borderless" extra={extra}>
        {data.error !== undefined && <ApiErrorResult error={data.error} onRetry={data.reload} />}
        {!cal && data.loading && <Spin />}
        {cal && (
          <>
            {!cal.covered && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('cal.notCovered', { year })}
                description={t('cal.notCovered.desc', { years: cal.coveredYears.filter((y) => y >= thisYear - 2).join('、') })}
                data-testid="cal-not-covered"
              />
            )}
            <Legend />
            <Typography.Paragraph style={{ margin: '8px 0' }} data-testid="cal-counts">
              {t('cal.counts', { working: cal.counts.working, rest: cal.counts.rest, holidays: cal.counts.holidays, adjusted: cal.counts.adjustedWorkdays, overrides: cal.counts.overrides })}
            </Typography.Paragraph>
            <div className="gz-cal-year">
              {months.map((days, i) => (
                <MonthGrid key={i} month={i + 1} days={days} today={today} onPick={setPicked} />
              ))}
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t('cal.source', { source: lang === 'en' ? cal.source.en : cal.source.zh, package: cal.source.package })}
            </Typography.Paragraph>
          </>
        )}
      </Card>
      <DeadlineCalculator year={year} />
      <OverrideModal day={picked} onClose={() => setPicked(null)} onChanged={data.reload} />
    </div>
  );
}

function Legend() {
  const t = useCalT();
  const items = [
    ['workday', t('cal.legend.workday')],
    ['weekend', t('cal.legend.weekend')],
    ['holiday', t('cal.legend.holiday')],
    ['adjusted_workday', t('cal.legend.adjusted')],
    ['override', t('cal.legend.override')],
  ] as const;
  return (
    <div className="gz-cal-legend" data-testid="cal-legend">
      {items.map(([kind, label]) => (
        <span key={kind} className="gz-cal-legend-item">
          <span className={`gz-cal-swatch gz-cal-day--${kind}`} />
          {label}
        </span>
      ))}
    </div>
  );
}

function DeadlineCalculator({ year }: { year: number }) {
  const t = useCalT();
  const [answer, setAnswer] = useState<WorkingDaysAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (values: { from: string; days: number }) => {
    try {
      setError(null);
      setAnswer(await api.get<WorkingDaysAnswer>('/api/calendar/working-days', { query: { from: values.from, days: values.days } }));
    } catch (cause) {
      setAnswer(null);
      setError(errorMessage(cause));
    }
  };
  const weekday = answer ? weekdayLabel(((new Date(`${answer.lastDay}T00:00:00Z`).getUTCDay() + 6) % 7) + 1, t('cal.weekdays')) : '';
  return (
    <Card title={t('cal.calc.title')} variant="borderless" style={{ marginTop: 16 }}>
      <Form layout="inline" initialValues={{ from: `${year}-09-29`, days: 5 }} onFinish={(v: { from: string; days: number }) => void run(v)}>
        <Form.Item name="from" label={t('cal.calc.from')} rules={[{ required: true }]}>
          <Input type="date" data-testid="cal-calc-from" />
        </Form.Item>
        <Form.Item name="days" label={t('cal.calc.days')} rules={[{ required: true }]}>
          <InputNumber min={0} max={366} data-testid="cal-calc-days" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="cal-calc-run">
          {t('cal.calc.run')}
        </Button>
      </Form>
      {answer && (
        <Alert style={{ marginTop: 12 }} type="success" title={t('cal.calc.result', { days: answer.days, lastDay: answer.lastDay, weekday, calendarDays: answer.calendarDays })} data-testid="cal-calc-result" />
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" title={error} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('cal.calc.rule')}
      </Typography.Paragraph>
    </Card>
  );
}
