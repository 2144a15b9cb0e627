import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../common/form-errors';
import { rowTestId } from '../grid/grid-ui';
import { useApi } from '../common/use-api';
import { disputesApi, type ScreeningReport, type WeekGrid, type WeekOverview } from './disputes-api';
import { addDays, chinaDayTime } from './disputes-format';
import { useDisT, type DisputesT } from './disputes-messages';

type FoundValues = { disputes: number; items?: string; note?: string };

export function ReportResult({ state, count, t }: { state: WeekGrid['state']; count: number; t: DisputesT }) {
  if (state === 'missing') {
    return (
      <Tag color="red" className="gz-screen-missing" data-testid="screen-missing">
        {t('screen.result.missing')}
      </Tag>
    );
  }
  if (state === 'zero') return <Tag color="green" className="gz-screen-tag" data-testid="screen-zero">{t('screen.result.zero')}</Tag>;
  return <Tag color="orange" className="gz-screen-tag" data-testid="screen-found">{t('screen.result.found', { count })}</Tag>;
}

export function reportDetails(report: ScreeningReport | null): string {
  if (!report) return '—';
  return [...report.items.map((item) => item.summary), report.note ?? ''].filter(Boolean).join('；') || '—';
}

type HistoryRow = { week: string; weekEnd: string; grid: WeekGrid };

/**
 * 本周排查上报 for a grid worker: one big “零报告” button, or “本周有纠纷” with how many and a short list.
 * Below, the last weeks of the grid, a week not reported in red.
 */
export function ScreeningReportForm({ current, onDone }: { current: WeekOverview; onDone: () => void }) {
  const t = useDisT();
  const { message } = App.useApp();
  const grid = current.grids[0];
  const [found, setFound] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<FoundValues>();
  const history = useApi(
    (signal) =>
      Promise.all([1, 2, 3, 4].map((back) => disputesApi.week({ nodeId: current.node.id, week: addDays(current.week.start, -7 * back) }, signal))),
    [current.node.id, current.week.start],
  );
  if (!grid) return <Alert type="info" showIcon title={t('screen.noGrid')} />;
  const thisWeek = grid.report;

  const send = async (disputes: number, values?: FoundValues) => {
    setBusy(true);
    setError(null);
    try {
      const items = (values?.items ?? '').split('\n').map((line) => line.trim()).filter(Boolean).map((summary) => ({ summary }));
      const note = values?.note?.trim();
      await disputesApi.report({ gridId: grid.gridId, week: current.week.start, disputes, zeroReport: disputes === 0, ...(items.length > 0 ? { items } : {}), ...(note ? { note } : {}) });
      message.success(t('screen.submitted'));
      setFound(false);
      form.resetFields();
      onDone();
    } catch (cause) {
      setError(applyServerErrors(form, cause, ['disputes', 'items', 'note']));
    } finally {
      setBusy(false);
    }
  };

  const rows: HistoryRow[] = (history.data ?? []).flatMap((week) => week.grids.filter((g) => g.gridId === grid.gridId).map((g) => ({ week: week.week.start, weekEnd: week.week.end, grid: g })));
  const columns: TableColumnsType<HistoryRow> = [
    { title: t('screen.col.week'), key: 'week', render: (_, r) => `${r.week} 至 ${r.weekEnd}` },
    { title: t('screen.col.result'), key: 'result', render: (_, r) => <ReportResult state={r.grid.state} count={r.grid.report?.disputes ?? 0} t={t} /> },
    { title: t('screen.col.note'), key: 'note', render: (_, r) => reportDetails(r.grid.report) },
    { title: t('screen.col.at'), key: 'at', render: (_, r) => (r.grid.report ? `${chinaDayTime(r.grid.report.submittedAt)} · ${r.grid.report.submittedBy.name}` : '—') },
  ];

  return (
    <div data-testid="screening-mine">
      <div className="gz-screen-form">
        <div className="gz-dispute-section-title">{t('screen.my.title', { week: `${current.week.start} 至 ${current.week.end}` })}</div>
        <div className="gz-screen-grid">{grid.communityName} · {grid.gridName}</div>
        {thisWeek ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            className="gz-screen-done"
            style={{ marginBottom: 16 }}
            data-testid="screen-done"
            title={thisWeek.disputes === 0 ? t('screen.done.zero', { at: chinaDayTime(thisWeek.submittedAt) }) : t('screen.done.found', { count: thisWeek.disputes, at: chinaDayTime(thisWeek.submittedAt) })}
          />
        ) : (
          <Alert type="warning" showIcon icon={<ExclamationCircleOutlined />} className="gz-screen-done" style={{ marginBottom: 16 }} data-testid="screen-not-yet" title={t('screen.my.hint')} />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="screen-error" />}
        <Space wrap size="large">
          <Button type="primary" size="large" className="gz-screen-zero" icon={<CheckCircleOutlined />} loading={busy && !found} onClick={() => void send(0)} data-testid="screen-zero-button">
            {t('screen.zero')}
          </Button>
          <Button size="large" className="gz-screen-zero" icon={<ExclamationCircleOutlined />} onClick={() => setFound(!found)} data-testid="screen-found-button">
            {t('screen.found')}
          </Button>
        </Space>
        {found && (
          <Form<FoundValues> form={form} layout="vertical" style={{ marginTop: 16, maxWidth: 640 }} initialValues={{ disputes: 1 }} onFinish={(values) => void send(values.disputes, values)} data-testid="screen-found-form">
            <Form.Item name="disputes" label={t('screen.found.count')} rules={[{ required: true, message: t('required') }]}>
              <InputNumber min={1} max={999} style={{ width: 160 }} data-testid="screen-count" />
            </Form.Item>
            <Form.Item name="items" label={t('screen.found.list')}>
              <Input.TextArea rows={3} data-testid="screen-items" />
            </Form.Item>
            <Form.Item name="note" label={t('screen.found.note')}>
              <Input data-testid="screen-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="screen-submit">
              {t('screen.submit')}
            </Button>
          </Form>
        )}
      </div>
      <div className="gz-dispute-section-title">{t('screen.history')}</div>
      <Table<HistoryRow>
        rowKey="week"
        columns={columns}
        dataSource={rows}
        loading={history.loading}
        pagination={false}
        rowClassName={(r) => (r.grid.state === 'missing' ? 'gz-row-missing' : '')}
        onRow={() => rowTestId('screen-history-row')}
        data-testid="screen-history"
      />
    </div>
  );
}
