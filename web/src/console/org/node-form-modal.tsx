import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api';
import type { OrgNode } from '../../shared/api-types';
import { applyServerErrors } from '../common/form-errors';
import { childKind, kindLabel, useT } from '../messages';

export type NodeFormMode = 'create' | 'edit';
type Values = { name: string; code?: string };

/** Only what changed; `code: null` clears the code. */
function changes(node: OrgNode, name: string, code: string | null): { name?: string; code?: string | null } {
  return { ...(name !== node.name ? { name } : {}), ...(code !== node.code ? { code } : {}) };
}

/** Adds a child under `node` (create) or renames `node` (edit). */
export function NodeFormModal({ mode, node, onClose, onSaved }: { mode: NodeFormMode; node: OrgNode; onClose: () => void; onSaved: (saved: OrgNode) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nextKind = childKind(node.kind);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    const code = values.code?.trim() ? values.code.trim() : undefined;
    try {
      const saved =
        mode === 'create'
          ? await api.post<OrgNode>('/api/org/nodes', { parentId: node.id, name: values.name.trim(), code })
          : await api.patch<OrgNode>(`/api/org/nodes/${encodeURIComponent(node.id)}`, changes(node, values.name.trim(), code ?? null));
      onSaved(saved);
    } catch (cause) {
      setError(applyServerErrors(form, cause, ['name', 'code']));
    } finally {
      setSaving(false);
    }
  };

  const title = mode === 'create' ? t('org.addChildUnder', { kind: nextKind ? kindLabel(t, nextKind) : '', name: node.name }) : t('org.editTitle', { name: node.name });

  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="org-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={mode === 'edit' ? { name: node.name, code: node.code ?? '' } : { name: '', code: '' }}
      >
        <Form.Item name="name" label={t('org.field.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
          <Input autoFocus data-testid="org-form-name" />
        </Form.Item>
        <Form.Item name="code" label={t('org.field.code')} extra={t('org.field.code.hint')}>
          <Input data-testid="org-form-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
