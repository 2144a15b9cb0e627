import { Alert, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { FollowUpKind, Page, VisitLogEntry } from '../../shared/api-types';
import { useApi } from '../common/use-api';
import { useT, type ConsoleT } from '../messages';
import { localDateTime } from './grid-format';
import { rowTestId, useIsPhone } from './grid-ui';

const followUpColor: Record<FollowUpKind, string> = { demand: 'gold', dispute: 'volcano', other: 'default' };

function FollowUps({ entry, t }: { entry: VisitLogEntry; t: ConsoleT }) {
  if (entry.followUps.length === 0) return <span className="gz-muted">—</span>;
  return (
    <span>
      {entry.followUps.map((followUp, index) => (
        <div key={index} data-testid="visit-log-followup">
          <Tag color={followUpColor[followUp.kind]}>{t(`followUp.${followUp.kind}`)}</Tag>
          {followUp.summary}
        </div>
      ))}
    </span>
  );
}

/** 民情日记: every visit in scope, newest first, with the people met and the 待办 raised. */
export function VisitLog({ version }: { version: number }) {
  const t = useT();
  const isPhone = useIsPhone();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const visits = useApi((signal) => api.get<Page<VisitLogEntry>>('/api/visits', { signal, query: { page, pageSize } }), [page, pageSize, version]);

  const met = (entry: VisitLogEntry) => (entry.peopleMet.length > 0 ? entry.peopleMet.join('、') : t('visitLog.nobody'));

  const desktopColumns: TableColumnsType<VisitLogEntry> = [
    { title: t('visitLog.at'), dataIndex: 'visitedAt', className: 'gz-nowrap', render: (at: string) => localDateTime(at) },
    { title: t('visitLog.address'), dataIndex: 'address' },
    { title: t('visitLog.visitor'), dataIndex: 'visitorName', className: 'gz-nowrap' },
    { title: t('visitLog.met'), key: 'met', width: 120, render: (_, entry) => met(entry) },
    { title: t('visitLog.findings'), dataIndex: 'findings', render: (text: string) => <div className="gz-findings">{text}</div> },
    { title: t('visitLog.followUps'), key: 'followUps', render: (_, entry) => <FollowUps entry={entry} t={t} /> },
  ];
  const phoneColumns: TableColumnsType<VisitLogEntry> = [
    {
      key: 'card',
      render: (_, entry) => (
        <div className="gz-due-card">
          <div className="gz-muted">
            {localDateTime(entry.visitedAt)} · {entry.visitorName}
          </div>
          <strong>{entry.address}</strong>
          <div>
            {t('visitLog.met')}
            {t('common.colon')}
            {met(entry)}
          </div>
          <div className="gz-findings">{entry.findings}</div>
          {entry.followUps.length > 0 && <FollowUps entry={entry} t={t} />}
        </div>
      ),
    },
  ];

  return (
    <div>
      {visits.error !== undefined && <Alert type="error" showIcon title={errorMessage(visits.error)} style={{ marginBottom: 16 }} />}
      <Table<VisitLogEntry>
        data-testid="visit-log-table"
        rowKey="id"
        loading={visits.loading}
        columns={isPhone ? phoneColumns : desktopColumns}
        showHeader={!isPhone}
        dataSource={visits.data?.items ?? []}
        onRow={() => rowTestId('visit-log-row')}
        scroll={isPhone ? undefined : { x: 1000 }}
        locale={{ emptyText: t('visitLog.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: visits.data?.total ?? 0,
          showSizeChanger: !isPhone,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
      />
    </div>
  );
}
