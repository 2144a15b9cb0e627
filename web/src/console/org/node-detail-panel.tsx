import { DeleteOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { OrgNode, OrgNodeDetail } from '../../shared/api-types';
import { useCan } from '../auth-context';
import { ApiErrorResult } from '../common/api-error-result';
import { formatNumber } from '../common/format';
import { useApi } from '../common/use-api';
import { childKind, kindLabel, useT } from '../messages';
import { navigate, withQuery } from '../router';
import { NodeFormModal, type NodeFormMode } from './node-form-modal';

export type OrgChange = { refresh: (string | null)[]; expand?: string };

type Props = {
  nodeId: string;
  /** Whether an ancestor may be opened (it is inside the account's scope). */
  isKnown: (nodeId: string) => boolean;
  onLoaded: (detail: OrgNodeDetail) => void;
  /** After a write: the ids whose children changed (null: the roots), and a node to unfold. */
  onChanged: (change: OrgChange) => void;
};

export function NodeDetailPanel({ nodeId, isKnown, onLoaded, onChanged }: Props) {
  const t = useT();
  const can = useCan();
  const { modal, message } = App.useApp();
  const [formMode, setFormMode] = useState<NodeFormMode | null>(null);
  const detail = useApi((signal) => api.get<OrgNodeDetail>(`/api/org/nodes/${encodeURIComponent(nodeId)}`, { signal }), [nodeId]);
  const node = detail.data?.id === nodeId ? detail.data : undefined;

  useEffect(() => {
    if (node) onLoaded(node);
  }, [node, onLoaded]);

  if (detail.error && !detail.loading) {
    return (
      <Card variant="borderless" data-testid="node-detail">
        <ApiErrorResult error={detail.error} onRetry={detail.reload} />
      </Card>
    );
  }
  if (!node) {
    return (
      <Card variant="borderless" data-testid="node-detail">
        <Skeleton active />
      </Card>
    );
  }

  const nextKind = childKind(node.kind);
  const confirmDelete = () => {
    modal.confirm({
      title: t('org.delete.confirm', { name: node.name }),
      content: t('org.delete.note'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.delete(`/api/org/nodes/${encodeURIComponent(node.id)}`);
          message.success(t('org.delete.done', { name: node.name }));
          onChanged({ refresh: [node.id, node.parentId] });
          navigate(node.parentId && isKnown(node.parentId) ? `/org/${node.parentId}` : '/org');
        } catch (error) {
          modal.error({ title: t('org.delete.failed'), content: <span data-testid="org-delete-error">{errorMessage(error)}</span> });
        }
      },
    });
  };

  const afterSave = (saved: OrgNode) => {
    setFormMode(null);
    detail.reload();
    if (saved.parentId === node.id) onChanged({ refresh: [node.id, node.parentId], expand: node.id });
    else onChanged({ refresh: [node.id, node.parentId] });
  };

  const crumbs = [...node.ancestors, { id: node.id, name: node.name, kind: node.kind }].map((item) => ({
    key: item.id,
    title:
      item.id !== node.id && isKnown(item.id) ? (
        <a href={`/org/${item.id}`} onClick={(event) => { event.preventDefault(); navigate(`/org/${item.id}`); }}>
          {item.name}
        </a>
      ) : (
        item.name
      ),
  }));

  return (
    <Card
      variant="borderless"
      data-testid="node-detail"
      title={
        <Space wrap>
          <span>{node.name}</span>
          <Tag color="red">{node.kindLabel}</Tag>
        </Space>
      }
    >
      <Breadcrumb items={crumbs} style={{ marginBottom: 16 }} data-testid="node-breadcrumb" />
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        bordered
        size="small"
        items={[
          { key: 'name', label: t('org.field.name'), children: node.name },
          { key: 'kind', label: t('org.field.kind'), children: node.kindLabel },
          { key: 'code', label: t('org.field.code'), children: node.code ?? '—' },
          { key: 'children', label: t('org.field.childCount'), children: formatNumber(node.childCount) },
          { key: 'residents', label: t('org.field.residentCount'), children: formatNumber(node.residentCount) },
        ]}
      />
      <Space wrap style={{ marginTop: 16 }}>
        {can('resident.read') && (
          <Button icon={<TeamOutlined />} onClick={() => navigate(withQuery('/residents', { nodeId: node.id }))} data-testid="org-view-residents">
            {t('org.viewResidents')}
          </Button>
        )}
        {can('org.write') && nextKind && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormMode('create')} data-testid="org-add-child">
            {t('org.addChild', { kind: kindLabel(t, nextKind) })}
          </Button>
        )}
        {can('org.write') && (
          <Button icon={<EditOutlined />} onClick={() => setFormMode('edit')} data-testid="org-rename">
            {t('org.edit')}
          </Button>
        )}
        {can('org.write') && (
          <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="org-delete">
            {t('common.delete')}
          </Button>
        )}
      </Space>
      {formMode && <NodeFormModal mode={formMode} node={node} onClose={() => setFormMode(null)} onSaved={afterSave} />}
    </Card>
  );
}
