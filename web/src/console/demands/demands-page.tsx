import { BarChartOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Select, Space, Table, Tabs, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { LargeType, rowTestId, useIsPhone } from '../grid/grid-ui';
import { Link, navigate, useLocation, withQuery } from '../router';
import { DeadlineText, DemandStatusTag, shortDateTime, useRestDays } from './demand-format';
import { demandsApi, STAFF_CHANNELS, type DemandSummary, type ListQuery } from './demands-api';
import { useDemT } from './demands-messages';
import { categoryTree, CHANNEL_LABELS, IntakeDrawer } from './intake-drawer';
import './demands.css';

const TABS = ['todo', 'all', 'overdue', 'done'] as const;
type TabKey = (typeof TABS)[number];
const PAGE = 20;

/** `/demands?tab=&category=&channel=`: 民情诉求 — the scoped list with 待办 / 全部 / 超期 / 已办结 tabs and intake. */
export function DemandsPage() {
  const t = useDemT();
  const zh = useLang() === 'zh-CN';
  const can = useCan();
  const isPhone = useIsPhone();
  const location = useLocation();
  const rest = useRestDays();
  const tabParam = location.search.get('tab') ?? (location.search.get('overdue') === '1' ? 'overdue' : location.search.get('status') === 'open' ? 'todo' : null);
  const tab: TabKey = TABS.find((k) => k === tabParam) ?? 'todo';
  const doneKind = location.search.get('done') === 'closed' ? 'closed' : 'done';
  const category = location.search.get('category') ?? '';
  const channel = location.search.get('channel') ?? '';
  const [intakeOpen, setIntakeOpen] = useState(false);
  const [version, setVersion] = useState(0);

  const go = (changes: Partial<{ tab: TabKey; category: string; channel: string; done: string }>) => {
    const next = { tab, category, channel, done: doneKind, ...changes };
    navigate(withQuery('/demands', { tab: next.tab === 'todo' ? undefined : next.tab, category: next.category || undefined, channel: next.channel || undefined, done: next.tab === 'done' && next.done === 'closed' ? 'closed' : undefined }), { replace: true });
  };

  const query: ListQuery = {
    pageSize: PAGE,
    ...(tab === 'todo' ? { status: 'open' } : tab === 'overdue' ? { overdue: '1' } : tab === 'done' ? { status: doneKind } : {}),
    ...(category ? { category } : {}),
    ...(channel ? { channel } : {}),
  };
  const key = JSON.stringify(query);
  const categories = useApi((signal) => demandsApi.categories(signal), []);
  const first = useApi((signal) => demandsApi.list(query, signal), [key, version]);
  const counted = useApi((signal) => demandsApi.count(query, signal), [key, version]);
  const [more, setMore] = useState<{ items: DemandSummary[]; next: string | null }>({ items: [], next: null });
  useEffect(() => setMore({ items: [], next: null }), [key, version]);
  const [loadingMore, setLoadingMore] = useState(false);
  const rows = [...(first.data?.items ?? []), ...more.items];
  const nextCursor = more.items.length > 0 ? more.next : (first.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await demandsApi.list({ ...query, after: nextCursor });
      setMore((m) => ({ items: [...m.items, ...page.items], next: page.nextCursor }));
    } finally {
      setLoadingMore(false);
    }
  };

  const tree = useMemo(() => categoryTree(categories.data ?? []), [categories.data]);
  const open = (d: DemandSummary) => navigate(`/demands/${encodeURIComponent(d.id)}`);
  const titleCell = (d: DemandSummary) => (
    <div>
      <Link to={`/demands/${encodeURIComponent(d.id)}`} className="gz-demand-title" data-testid="demand-link">
        {d.title}
      </Link>
      <div className="gz-muted">{shortDateTime(d.createdAt, zh)}</div>
    </div>
  );
  const levelCell = (d: DemandSummary) =>
    d.levelName ? (
      <div>
        <strong>{d.levelName}</strong>
        {d.leadBodyName && <div className="gz-muted">{d.leadBodyName}</div>}
      </div>
    ) : (
      <Typography.Text type="warning">{t('level.unassigned')}</Typography.Text>
    );
  const deadline = (d: DemandSummary) => <DeadlineText finishBy={d.finishBy} overdue={d.overdue} status={d.status} rest={rest} t={t} />;

  const columns: TableColumnsType<DemandSummary> = isPhone
    ? [
        {
          key: 'card',
          render: (_, d) => (
            <div className="gz-demand-card">
              <Space wrap>
                <DemandStatusTag status={d.status} name={d.statusName} />
                {deadline(d)}
              </Space>
              {titleCell(d)}
              <div className="gz-muted">
                {d.categoryName} · {d.channelName} · {d.levelName ?? t('level.unassigned')}
              </div>
            </div>
          ),
        },
      ]
    : [
        { title: t('col.title'), key: 'title', render: (_, d) => titleCell(d) },
        { title: t('col.category'), key: 'category', width: 130, render: (_, d) => d.categoryName },
        { title: t('col.channel'), key: 'channel', width: 120, render: (_, d) => d.channelName },
        { title: t('col.status'), key: 'status', width: 130, render: (_, d) => <DemandStatusTag status={d.status} name={d.statusName} /> },
        { title: t('col.level'), key: 'level', width: 160, render: (_, d) => levelCell(d) },
        { title: t('col.deadline'), key: 'deadline', width: 160, render: (_, d) => deadline(d) },
        {
          key: 'open',
          width: 96,
          render: (_, d) => (
            <Button onClick={() => open(d)} icon={<RightOutlined />} iconPlacement="end" data-testid="demand-open">
              {t('open')}
            </Button>
          ),
        },
      ];

  const total = counted.data ? (counted.data.totalCapped ? t('totalCapped', { total: counted.data.total }) : t('total', { total: counted.data.total })) : '';

  return (
    <LargeType>
      <div className="gz-demands" data-testid="demands-page">
        <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }} align="start">
          <div>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {t('list.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('list.intro')}</Typography.Paragraph>
          </div>
          <Space wrap>
            <Button icon={<BarChartOutlined />} onClick={() => navigate('/demands/figures')} data-testid="demands-figures-link">
              {t('filter.figures')}
            </Button>
            {can('demand.intake') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntakeOpen(true)} data-testid="demand-intake-open">
                {t('intake.button')}
              </Button>
            )}
          </Space>
        </Space>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => go({ tab: TABS.find((x) => x === k) ?? 'todo' })}
            items={TABS.map((k) => ({ key: k, label: <span data-testid={`demands-tab-${k}`}>{t(`tab.${k}`)}</span> }))}
          />
          <Space wrap className="gz-filters">
            {tab === 'done' && (
              <Segmented
                value={doneKind}
                onChange={(v) => go({ done: String(v) })}
                options={[
                  { value: 'done', label: zh ? '待评价' : 'Awaiting rating' },
                  { value: 'closed', label: zh ? '已评价归档' : 'Rated and closed' },
                ]}
              />
            )}
            <TreeSelect
              style={{ minWidth: 200 }}
              allowClear
              placeholder={t('filter.category')}
              value={category || undefined}
              treeData={tree}
              onChange={(v: string | undefined) => go({ category: v ?? '' })}
              popupMatchSelectWidth={false}
              data-testid="demands-filter-category"
            />
            <Select
              style={{ minWidth: 160 }}
              allowClear
              placeholder={t('filter.channel')}
              value={channel || undefined}
              onChange={(v: string | undefined) => go({ channel: v ?? '' })}
              options={[{ value: 'portal', label: zh ? '居民网上提交' : 'Resident portal' }, ...STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c][zh ? 0 : 1] }))]}
              data-testid="demands-filter-channel"
            />
            <span className="gz-muted" data-testid="demands-total">{total}</span>
          </Space>
          {first.error !== undefined && <Alert type="error" showIcon title={errorMessage(first.error)} />}
          <Table<DemandSummary>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={first.loading}
            pagination={false}
            showHeader={!isPhone}
            locale={{ emptyText: t('empty') }}
            onRow={() => rowTestId('demand-row')}
            rowClassName={(d) => (d.overdue ? 'gz-row-overdue' : '')}
          />
          {nextCursor && (
            <div style={{ textAlign: 'center', marginTop: 16 }}>
              <Button onClick={() => void loadMore()} loading={loadingMore} data-testid="demands-more">
                {t('more')}
              </Button>
            </div>
          )}
        </Card>
        <IntakeDrawer open={intakeOpen} categories={categories.data ?? []} onClose={() => setIntakeOpen(false)} onSaved={() => setVersion((v) => v + 1)} />
      </div>
    </LargeType>
  );
}
