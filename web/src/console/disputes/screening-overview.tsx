import { Alert, Button, DatePicker, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { useApi } from '../common/use-api';
import { rowTestId } from '../grid/grid-ui';
import { disputesApi, type SummaryRow, type WeekGrid } from './disputes-api';
import { addDays, chinaDayTime, mondayOf, today, weekLabel } from './disputes-format';
import { useDisT, type DisputesT } from './disputes-messages';
import { ReportResult, reportDetails } from './screening-report-form';

type Tab = 'week' | 'ten_day' | 'month';

/** 周排查: every grid of the chosen node for a week — reported (with count), zero report, or not reported (red, first). */
function WeekTab({ nodeId, t }: { nodeId: string | undefined; t: DisputesT }) {
  const [week, setWeek] = useState(mondayOf(today()));
  const data = useApi((signal) => disputesApi.week({ nodeId, week }, signal), [nodeId, week]);
  const counts = data.data?.counts;
  const columns: TableColumnsType<WeekGrid> = [
    { title: t('screen.col.grid'), key: 'grid', render: (_, g) => <span className="gz-screen-grid-name">{g.communityName} · {g.gridName}</span> },
    { title: t('screen.col.result'), key: 'result', width: 170, render: (_, g) => <ReportResult state={g.state} count={g.report?.disputes ?? 0} t={t} /> },
    { title: t('screen.col.note'), key: 'note', render: (_, g) => reportDetails(g.report) },
    { title: t('screen.col.by'), key: 'by', width: 120, render: (_, g) => g.report?.submittedBy.name ?? '—' },
    { title: t('screen.col.at'), key: 'at', width: 170, render: (_, g) => (g.report ? chinaDayTime(g.report.submittedAt) : '—') },
  ];
  return (
    <div data-testid="screen-week">
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <span>{t('screen.week')}</span>
        <DatePicker
          picker="week"
          allowClear={false}
          value={dayjs(week)}
          onChange={(value) => value && setWeek(mondayOf(value.format('YYYY-MM-DD')))}
          disabledDate={(d) => d.isAfter(dayjs(today()), 'day')}
          format={(value) => weekLabel(mondayOf(value.format('YYYY-MM-DD')))}
          style={{ width: 260 }}
          data-testid="screen-week-picker"
        />
        <Button onClick={() => setWeek(mondayOf(today()))} type={week === mondayOf(today()) ? 'primary' : 'default'} data-testid="screen-this-week">
          {t('screen.thisWeek')}
        </Button>
        <Button onClick={() => setWeek(addDays(mondayOf(today()), -7))} type={week === addDays(mondayOf(today()), -7) ? 'primary' : 'default'} data-testid="screen-last-week">
          {t('screen.lastWeek')}
        </Button>
      </Space>
      {counts && (
        <div className={`gz-screen-counts${counts.missing > 0 ? ' has-missing' : ''}`} data-testid="screen-week-counts">
          {t('screen.week.summary', { grids: counts.grids, reported: counts.reported, zero: counts.zero, missing: counts.missing })}
        </div>
      )}
      {data.error !== undefined && <Alert type="error" showIcon title={errorMessage(data.error)} style={{ marginBottom: 12 }} />}
      <Table<WeekGrid>
        rowKey="gridId"
        loading={data.loading}
        columns={columns}
        dataSource={data.data?.grids ?? []}
        pagination={false}
        rowClassName={(g) => (g.state === 'missing' ? 'gz-row-missing' : '')}
        onRow={() => rowTestId('screen-week-row')}
        data-testid="screen-week-table"
      />
    </div>
  );
}

/** 旬报 / 月报: per grid, the weeks due and reported, zero reports, disputes found and the weeks missing. */
function SummaryTab({ nodeId, kind, t }: { nodeId: string | undefined; kind: 'ten_day' | 'month'; t: DisputesT }) {
  const [date, setDate] = useState(today());
  const data = useApi((signal) => disputesApi.summary({ nodeId, kind, date }, signal), [nodeId, kind, date]);
  const summary = data.data;
  const columns: TableColumnsType<SummaryRow> = [
    { title: t('screen.col.grid'), key: 'grid', render: (_, r) => `${r.communityName} · ${r.gridName}` },
    { title: t('screen.sum.weeksDue'), dataIndex: 'weeksDue', width: 100 },
    { title: t('screen.sum.weeksReported'), dataIndex: 'weeksReported', width: 100 },
    { title: t('screen.sum.zero'), dataIndex: 'zeroReports', width: 90 },
    { title: t('screen.sum.disputes'), dataIndex: 'disputes', width: 100 },
    {
      title: t('screen.sum.missing'),
      key: 'missing',
      render: (_, r) => (r.missingWeeks.length === 0 ? '—' : <span className="gz-screen-missing">{r.missingWeeks.map((w) => `${w.slice(5)} 至 ${addDays(w, 6).slice(5)}`).join('、')}</span>),
    },
  ];
  return (
    <div data-testid={`screen-summary-${kind}`}>
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <span>{t('screen.period')}</span>
        <DatePicker
          picker={kind === 'month' ? 'month' : 'date'}
          allowClear={false}
          value={dayjs(date)}
          onChange={(value) => value && setDate(value.format('YYYY-MM-DD'))}
          disabledDate={(d) => d.isAfter(dayjs(today()), 'day')}
        />
      </Space>
      {summary && (
        <>
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="screen-summary-title">
            {t('screen.period.title', { label: summary.period.label, start: summary.period.start, end: summary.period.end })}
          </Typography.Title>
          <div className={`gz-screen-counts${summary.totals.missingReports > 0 ? ' has-missing' : ''}`}>
            {t('screen.sum.complete', { complete: summary.totals.gridsComplete, grids: summary.totals.grids })}
            {' · '}
            {t('screen.sum.line', { disputes: summary.totals.disputes, zero: summary.totals.zeroReports, missing: summary.totals.missingReports })}
          </div>
        </>
      )}
      {data.error !== undefined && <Alert type="error" showIcon title={errorMessage(data.error)} style={{ marginBottom: 12 }} />}
      <Table<SummaryRow>
        rowKey="gridId"
        loading={data.loading}
        columns={columns}
        dataSource={summary?.rows ?? []}
        pagination={false}
        rowClassName={(r) => (r.missingWeeks.length > 0 ? 'gz-row-missing' : '')}
        onRow={() => rowTestId('screen-summary-row')}
        data-testid="screen-summary-table"
      />
    </div>
  );
}

/** The community's / street's view of screening: which grids reported this week, and the 旬报 / 月报. */
export function ScreeningOverview({ defaultNode }: { defaultNode: OrgPick }) {
  const t = useDisT();
  const [node, setNode] = useState<OrgPick>(defaultNode);
  const [tab, setTab] = useState<Tab>('week');
  return (
    <div data-testid="screening-overview">
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <span>{t('screen.node')}</span>
        <OrgTreeSelect value={node} onChange={(pick) => pick && setNode(pick)} allowedKinds={['street', 'community', 'grid']} style={{ minWidth: 260 }} testId="screen-node" />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key === 'ten_day' || key === 'month' ? key : 'week')}
        items={[
          { key: 'week', label: t('screen.tab.week'), children: <WeekTab nodeId={node.id} t={t} /> },
          { key: 'ten_day', label: t('screen.tab.ten'), children: <SummaryTab nodeId={node.id} kind="ten_day" t={t} /> },
          { key: 'month', label: t('screen.tab.month'), children: <SummaryTab nodeId={node.id} kind="month" t={t} /> },
        ]}
        destroyOnHidden
        data-testid="screen-tabs"
      />
    </div>
  );
}
