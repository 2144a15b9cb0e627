import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { CoverageDefinition, CoverageMissing, MissingBuilding, MissingHouse, MissingItem, MissingPerson } from '../../shared/api-types';
import { useApi } from '../common/use-api';
import { localDate } from '../grid/grid-format';
import { rowTestId, useIsPhone } from '../grid/grid-ui';
import { useT } from '../messages';
import { ResidentDrawer } from '../residents/resident-drawer';
import { navigate, withQuery } from '../router';
import { definitionText } from './coverage-format';

/** Column renderers for one kind of item (the list holds one kind at a time). */
const forHouse = (render: (item: MissingHouse) => ReactNode) => (_: unknown, item: MissingItem) => (item.kind === 'house' ? render(item) : null);
const forBuilding = (render: (item: MissingBuilding) => ReactNode) => (_: unknown, item: MissingItem) => (item.kind === 'building' ? render(item) : null);
const forPerson = (render: (item: MissingPerson) => ReactNode) => (_: unknown, item: MissingItem) => (item.kind === 'person' ? render(item) : null);

function itemKey(item: MissingItem): string {
  if (item.kind === 'house') return item.householdId;
  if (item.kind === 'building') return item.buildingId;
  return item.residentId;
}

/** Who or what is not yet covered for one figure: houses, buildings or people (masked), paged. */
export function MissingList({ nodeId, definition }: { nodeId: string; definition: CoverageDefinition }) {
  const t = useT();
  const isPhone = useIsPhone();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [openId, setOpenId] = useState<string | null>(null);
  const [listed, setListed] = useState({ nodeId, code: definition.code });
  if (listed.nodeId !== nodeId || listed.code !== definition.code) {
    // Another node or figure: start again at the first page.
    setListed({ nodeId, code: definition.code });
    setPage(1);
  }
  const missing = useApi(
    (signal) => api.get<CoverageMissing>('/api/coverage/missing', { signal, query: { nodeId, figure: definition.code, page, pageSize } }),
    [nodeId, definition.code, page, pageSize],
  );

  const toHousehold = (householdId: string) => navigate(withQuery('/residents', { nodeId: householdId }));

  const houseColumns: TableColumnsType<MissingItem> = [
    {
      title: t('missing.address'),
      key: 'address',
      render: forHouse((item) => (
        <Button type="link" className="gz-name-link" onClick={() => toHousehold(item.householdId)}>
          {item.address}
        </Button>
      )),
    },
    { title: t('missing.people'), key: 'people', render: forHouse((item) => item.people) },
    ...(definition.code === 'policy'
      ? [{ title: t('missing.notices'), key: 'notices', render: forHouse((item) => item.notices.map((notice) => <Tag key={notice.id}>{notice.title}</Tag>)) }]
      : []),
  ];
  const buildingColumns: TableColumnsType<MissingItem> = [
    { title: t('missing.building'), key: 'name', render: forBuilding((item) => <strong>{item.name}</strong>) },
    { title: t('missing.address'), key: 'address', render: forBuilding((item) => item.address) },
  ];
  const personColumns: TableColumnsType<MissingItem> = [
    {
      title: t('residents.name'),
      key: 'name',
      render: forPerson((person) => (
        <Button type="link" className="gz-name-link" onClick={() => setOpenId(person.residentId)}>
          {person.restricted && <LockOutlined />} {person.name}
        </Button>
      )),
    },
    { title: t('residents.idNumber'), key: 'id', className: 'gz-mono', render: forPerson((item) => item.idNumber) },
    { title: t('missing.tags'), key: 'tags', render: forPerson((item) => item.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)) },
    { title: t('missing.interval'), key: 'interval', render: forPerson((item) => t('missing.intervalDays', { days: item.intervalDays })) },
    {
      title: t('missing.lastVisit'),
      key: 'last',
      className: 'gz-nowrap',
      render: forPerson((item) => (item.lastVisitAt ? localDate(item.lastVisitAt) : <Typography.Text type="danger">{t('due.never')}</Typography.Text>)),
    },
    { title: t('missing.address'), key: 'address', render: forPerson((item) => item.address) },
  ];
  const columns = definition.missing === 'house' ? houseColumns : definition.missing === 'building' ? buildingColumns : personColumns;

  return (
    <div data-testid="coverage-missing">
      <Typography.Paragraph type="secondary">{t(`missing.intro.${definition.missing}`, { name: definitionText(definition).name })}</Typography.Paragraph>
      {missing.error !== undefined && <Alert type="error" showIcon title={errorMessage(missing.error)} style={{ marginBottom: 12 }} />}
      {(missing.data?.restrictedHidden ?? 0) > 0 && (
        <Alert type="info" showIcon icon={<LockOutlined />} title={t('missing.restrictedHidden', { count: missing.data?.restrictedHidden ?? 0 })} style={{ marginBottom: 12 }} />
      )}
      <Table<MissingItem>
        data-testid="coverage-missing-table"
        rowKey={itemKey}
        size="middle"
        loading={missing.loading}
        columns={columns}
        dataSource={missing.data?.items ?? []}
        onRow={() => rowTestId('coverage-missing-row')}
        scroll={{ x: isPhone ? 640 : 'max-content' }}
        locale={{ emptyText: t('missing.none') }}
        pagination={{
          current: page,
          pageSize,
          total: missing.data?.total ?? 0,
          showSizeChanger: !isPhone,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
      />
      {openId && <ResidentDrawer residentId={openId} onClose={() => setOpenId(null)} onChanged={missing.reload} />}
    </div>
  );
}
