import { FormOutlined } from '@ant-design/icons';
import { Alert, Button, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { DueVisit, DueVisitList } from '../../shared/api-types';
import { useCan, useMe } from '../auth-context';
import { useApi } from '../common/use-api';
import { useT, type ConsoleT } from '../messages';
import { daysLeft, daysOverdue, lastDay, localDate } from './grid-format';
import { rowTestId, useIsPhone } from './grid-ui';

function rowKey(item: DueVisit): string {
  return `${item.kind}:${item.requiredVisitId ?? ''}:${item.residentId ?? ''}:${item.label}:${item.role}`;
}

export function DueStatus({ item }: { item: DueVisit }) {
  const t = useT();
  if (item.overdue && item.overdueSince) {
    return (
      <Tag color="red" className="gz-due-tag" data-testid="due-overdue">
        {t('due.overdueDays', { days: daysOverdue(item.overdueSince) })}
      </Tag>
    );
  }
  const left = daysLeft(item.dueAt);
  return (
    <Tag color={left <= 3 ? 'orange' : 'blue'} className="gz-due-tag">
      {left <= 0 ? t('due.dueToday') : t('due.daysLeft', { days: left })}
    </Tag>
  );
}

function deadline(item: DueVisit): string {
  return lastDay(item.overdue && item.overdueSince ? item.overdueSince : item.dueAt);
}

function Assignee({ item, t }: { item: DueVisit; t: ConsoleT }): ReactNode {
  if (!item.assignee) return <Typography.Text type="danger">{t('due.noAssignee')}</Typography.Text>;
  return (
    <span>
      {item.assignee.name}
      {item.assignee.standingInFor && (
        <Tag color="purple" style={{ marginInlineStart: 6 }} data-testid="due-standing-in">
          {t('due.standingInFor', { name: item.assignee.standingInFor.name })}
        </Tag>
      )}
    </span>
  );
}

/** 应访清单: due and overdue visits, overdue first (the server's order), with a 登记走访 button per row. */
export function DueList({ mine, onMineChange, onVisit, version }: { mine: boolean; onMineChange: (mine: boolean) => void; onVisit: (item: DueVisit) => void; version: number }) {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const isPhone = useIsPhone();
  const canWrite = can('visit.write');
  const due = useApi((signal) => api.get<DueVisitList>('/api/visits/due', { signal, query: { mine: mine ? '1' : '0' } }), [mine, version]);

  const person = (item: DueVisit) => (item.kind === 'required' ? t('due.wholeHousehold') : item.residentName);
  const visitButton = (item: DueVisit) =>
    canWrite ? (
      <Button type={item.assignee?.accountId === me.id ? 'primary' : 'default'} icon={<FormOutlined />} onClick={() => onVisit(item)} data-testid="due-visit">
        {t('due.logVisit')}
      </Button>
    ) : null;

  const desktopColumns: TableColumnsType<DueVisit> = [
    { title: t('due.status'), key: 'status', width: 136, className: 'gz-nowrap', render: (_, item) => <DueStatus item={item} /> },
    {
      title: t('due.person'),
      key: 'person',
      render: (_, item) => (
        <span>
          <strong className="gz-due-person">{person(item)}</strong>
          <div className="gz-muted">{item.address}</div>
        </span>
      ),
    },
    {
      title: t('due.rule'),
      key: 'rule',
      render: (_, item) => (
        <span>
          {item.label}
          <div className="gz-muted">{t('due.byRole', { role: item.roleLabel })}</div>
        </span>
      ),
    },
    { title: t('due.deadline'), key: 'deadline', width: 120, className: 'gz-nowrap', render: (_, item) => deadline(item) },
    { title: t('due.assignee'), key: 'assignee', render: (_, item) => <Assignee item={item} t={t} /> },
    { title: t('due.lastVisit'), key: 'last', width: 124, className: 'gz-nowrap', render: (_, item) => (item.lastVisitAt ? localDate(item.lastVisitAt) : <span className="gz-muted">{t('due.never')}</span>) },
  ];
  if (canWrite) desktopColumns.push({ title: t('common.actions'), key: 'actions', width: 150, fixed: 'right', render: (_, item) => visitButton(item) });

  // On a phone every row is one readable card: status and person first, the button at the bottom.
  const phoneColumns: TableColumnsType<DueVisit> = [
    {
      key: 'card',
      render: (_, item) => (
        <div className="gz-due-card">
          <div className="gz-due-card-head">
            <DueStatus item={item} />
            <strong className="gz-due-person">{person(item)}</strong>
          </div>
          <div>{item.label}</div>
          <div className="gz-muted">{item.address}</div>
          <div className="gz-muted">
            {t('due.deadline')}
            {t('common.colon')}
            {deadline(item)} · {t('due.assignee')}
            {t('common.colon')}
            <Assignee item={item} t={t} />
          </div>
          {canWrite && <div style={{ marginTop: 8 }}>{visitButton(item)}</div>}
        </div>
      ),
    },
  ];

  return (
    <div>
      <Space wrap className="gz-filters" align="center">
        <Segmented<string>
          value={mine ? 'mine' : 'all'}
          onChange={(value) => onMineChange(value === 'mine')}
          options={[
            { value: 'mine', label: t('due.mine') },
            { value: 'all', label: t('due.all') },
          ]}
          data-testid="due-scope"
        />
        {due.data && (
          <span data-testid="due-summary">
            {t('due.summary', { total: due.data.total })}
            {due.data.overdue > 0 && (
              <Typography.Text type="danger" strong>
                {' '}
                {t('due.summaryOverdue', { overdue: due.data.overdue })}
              </Typography.Text>
            )}
          </span>
        )}
      </Space>
      {due.error !== undefined && <Alert type="error" showIcon title={errorMessage(due.error)} style={{ marginBottom: 16 }} />}
      <Table<DueVisit>
        data-testid="due-table"
        rowKey={rowKey}
        loading={due.loading}
        columns={isPhone ? phoneColumns : desktopColumns}
        showHeader={!isPhone}
        dataSource={due.data?.items ?? []}
        rowClassName={(item) => (item.overdue ? 'gz-row-overdue' : '')}
        onRow={() => rowTestId('due-row')}
        scroll={isPhone ? undefined : { x: 1000 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: mine ? t('due.emptyMine') : t('due.empty') }}
      />
    </div>
  );
}
