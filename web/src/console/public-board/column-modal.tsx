import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from '../common/form-errors';
import { boardApi } from './board-api';
import { useBoardT } from './board-messages';
import type { FreshnessEvery } from './board-types';

type Values = { name: string; every: FreshnessEvery | 'none'; warnDays: number };

/** 新增栏目: a custom column with its own freshness rule. */
export function ColumnModal({ communityId, onClose, onDone }: { communityId: string; onClose: () => void; onDone: () => void }) {
  const t = useBoardT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      await boardApi.createColumn(communityId, { name: values.name.trim(), freshness: { every: values.every === 'none' ? null : values.every, warnDays: values.warnDays } });
      onDone();
    } catch (cause) {
      setError(applyServerErrors(form, cause, ['name']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('column.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('save')} cancelText={t('cancel')} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ every: 'quarter', warnDays: 14 }} onFinish={(v) => void submit(v)} data-testid="board-column-form">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="name" label={t('column.name')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="every" label={t('column.every')}>
          <Select options={(['month', 'quarter', 'half_year', 'year', 'none'] as const).map((v) => ({ value: v, label: t(`column.every.${v}`) }))} />
        </Form.Item>
        <Form.Item name="warnDays" label={t('column.warnDays')}>
          <InputNumber min={0} max={90} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
