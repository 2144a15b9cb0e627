import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../shared/api';
import { applyServerErrors } from '../common/form-errors';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { LargeType, testIdButton } from '../grid/grid-ui';
import { useT } from '../messages';

/** 迁出 (leaves the district), 亡故, or 区内迁移 (to another household of the district). */
export type ResidenceChange = 'move-out' | 'deceased' | 'move';

type Values = { on: Dayjs; destination?: string; household?: OrgPick | null };

/** One modal for the three registry changes: each keeps the record and appends to its history. */
export function ResidenceChangeModal({ change, resident, onClose, onSaved }: { change: ResidenceChange; resident: { id: string; name: string }; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    const on = values.on.format('YYYY-MM-DD');
    const path = `/api/residents/${encodeURIComponent(resident.id)}/${change}`;
    try {
      if (change === 'move') await api.post<void>(path, { householdId: values.household?.id, on });
      else if (change === 'move-out') await api.post<void>(path, { on, destination: values.destination?.trim() || null });
      else await api.post<void>(path, { on });
      message.success(t(`change.${change}.done`, { name: resident.name }));
      onSaved();
    } catch (error) {
      const fields = applyServerErrors(form, error, ['on', 'destination']);
      setFormError(fields);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t(`change.${change}.title`, { name: resident.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`change.${change}`)}
      okButtonProps={testIdButton('change-submit', { danger: change !== 'move' })}
      confirmLoading={saving}
      destroyOnHidden
    >
      <LargeType>
        <Form<Values> form={form} layout="vertical" initialValues={{ on: dayjs() }} onFinish={(values) => void submit(values)} data-testid="change-form">
          <Alert type="info" showIcon title={t(`change.${change}.note`)} style={{ marginBottom: 16 }} />
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          {change === 'move' && (
            <Form.Item name="household" label={t('change.move.target')} rules={[{ required: true, message: t('visit.household.required') }]}>
              <OrgTreeSelect allowedKinds={['household']} placeholder={t('visit.household.pick')} testId="change-household" />
            </Form.Item>
          )}
          <Form.Item name="on" label={t(`change.${change}.date`)} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), 'day')} data-testid="change-date" />
          </Form.Item>
          {change === 'move-out' && (
            <Form.Item name="destination" label={t('change.move-out.destination')}>
              <Input maxLength={100} placeholder={t('change.move-out.destination.placeholder')} />
            </Form.Item>
          )}
        </Form>
      </LargeType>
    </Modal>
  );
}
