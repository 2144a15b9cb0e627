import { EyeOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { OrgNodeDetail, Page, Registration, Resident, RevealedResident } from '../../shared/api-types';
import { useCan } from '../auth-context';
import { OrgTreeSelect } from '../common/org-tree-select';
import { useApi } from '../common/use-api';
import { useT } from '../messages';
import { navigate, useLocation, withQuery } from '../router';
import { RegisterResidentModal } from './register-resident-modal';
import { ResidentDrawer } from './resident-drawer';
import { RevealModal, type Revealed } from './reveal-modal';

const registrationColor: Record<Registration, string> = { registered: 'blue', floating: 'orange', separated: 'purple' };

/** `/residents?nodeId=&q=&page=`: the filters live in the URL so a view can be shared or reloaded. */
export function ResidentsPage() {
  const t = useT();
  const can = useCan();
  const location = useLocation();
  const nodeId = location.search.get('nodeId') ?? '';
  const q = location.search.get('q') ?? '';
  const page = Math.max(1, Number(location.search.get('page') ?? '1') || 1);
  const pageSize = Math.max(1, Number(location.search.get('pageSize') ?? '20') || 20);
  const [query, setQuery] = useState(q);
  const { message } = App.useApp();
  const [revealingId, setRevealingId] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);

  // A click, not an effect: each reveal is one audited request.
  const reveal = async (resident: Resident) => {
    setRevealingId(resident.id);
    try {
      const values = await api.post<RevealedResident>(`/api/residents/${encodeURIComponent(resident.id)}/reveal`);
      setRevealed({ resident, values });
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setRevealingId(null);
    }
  };

  const residents = useApi(
    (signal) => api.get<Page<Resident>>('/api/residents', { signal, query: { nodeId, q, page, pageSize } }),
    [nodeId, q, page, pageSize],
  );
  const node = useApi(
    (signal) => (nodeId ? api.get<OrgNodeDetail>(`/api/org/nodes/${encodeURIComponent(nodeId)}`, { signal }) : Promise.resolve(undefined)),
    [nodeId],
  );

  const go = (changes: { nodeId?: string; q?: string; page?: number; pageSize?: number }) =>
    navigate(withQuery('/residents', { nodeId, q, page, pageSize: pageSize === 20 ? undefined : pageSize, ...changes }), { replace: true });

  const columns: TableColumnsType<Resident> = [
    {
      title: t('residents.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 96,
      render: (name: string, resident) => (
        <Button type="link" className="gz-name-link" onClick={() => setOpenId(resident.id)} data-testid="resident-open">
          {name}
        </Button>
      ),
    },
    { title: t('residents.gender'), dataIndex: 'genderLabel', width: 64 },
    { title: t('residents.age'), dataIndex: 'age', width: 64 },
    { title: t('residents.idNumber'), dataIndex: 'idNumber', className: 'gz-mono' },
    { title: t('residents.phone'), dataIndex: 'phone', className: 'gz-mono', render: (phone: string | null) => phone ?? '—' },
    { title: t('residents.relation'), dataIndex: 'relation' },
    {
      title: t('residents.registration'),
      dataIndex: 'registrationLabel',
      render: (label: string, resident) => <Tag color={registrationColor[resident.registration]}>{label}</Tag>,
    },
    { title: t('residents.address'), dataIndex: 'address' },
  ];
  if (can('resident.sensitive.read')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, resident) => (
        <Button
          size="small"
          icon={<EyeOutlined />}
          loading={revealingId === resident.id}
          onClick={() => void reveal(resident)}
          data-testid="resident-reveal"
        >
          {t('residents.reveal')}
        </Button>
      ),
    });
  }

  const nodePick = nodeId ? { id: nodeId, name: node.data?.name ?? '…' } : null;

  return (
    <div className="gz-page" data-testid="residents-page">
      <Card title={t('nav.residents')} variant="borderless">
        <Space wrap className="gz-filters">
          <OrgTreeSelect
            testId="residents-node"
            value={nodePick}
            onChange={(pick) => go({ nodeId: pick?.id ?? '', page: 1 })}
            allowClear
            placeholder={t('residents.allScope')}
            className="gz-filter-item"
          />
          <Input.Search
            allowClear
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onSearch={(value) => go({ q: value.trim(), page: 1 })}
            placeholder={t('residents.search')}
            className="gz-filter-item"
            data-testid="residents-search"
          />
          {can('registry.write') && (
            <Button icon={<UserAddOutlined />} onClick={() => setRegistering(true)} data-testid="residents-register">
              {t('register.button')}
            </Button>
          )}
        </Space>
        {residents.error !== undefined && <Alert type="error" showIcon title={errorMessage(residents.error)} style={{ marginBottom: 16 }} />}
        <Table<Resident>
          data-testid="residents-table"
          rowKey="id"
          size="middle"
          loading={residents.loading}
          columns={columns}
          dataSource={residents.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: residents.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (nextPage, nextSize) => go({ page: nextSize === pageSize ? nextPage : 1, pageSize: nextSize }),
          }}
        />
      </Card>
      {revealed && <RevealModal revealed={revealed} onClose={() => setRevealed(null)} />}
      {openId && <ResidentDrawer residentId={openId} onClose={() => setOpenId(null)} onChanged={residents.reload} />}
      {registering && (
        <RegisterResidentModal
          household={node.data?.kind === 'household' ? { id: node.data.id, name: node.data.name } : null}
          onClose={() => setRegistering(false)}
          onSaved={(residentId) => {
            setRegistering(false);
            residents.reload();
            setOpenId(residentId);
          }}
        />
      )}
    </div>
  );
}
