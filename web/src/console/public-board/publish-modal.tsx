import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { showServerErrors } from '../grid/server-errors';
import { boardApi } from './board-api';
import { useBoardT } from './board-messages';
import { chinaToday } from './china-date';
import type { BoardColumn } from './board-types';

/** What the form opens with: a column, and for a correction the entry it corrects. */
export type PublishTarget = { column: string; corrects?: { id: string; seq: number; title: string } };

type Values = {
  column: string;
  title: string;
  body: string;
  startsOn: Dayjs;
  publicationDays: number;
  withPersonal: boolean;
  personal?: { name?: string; householdSize?: number; amount?: number }[];
};

const FIELDS = ['column', 'title', 'body', 'startsOn', 'publicationDays'] as const;
function formField(field: string): (typeof FIELDS)[number] | null {
  if (field === 'endsOn') return 'publicationDays';
  return FIELDS.find((f) => f === field) ?? null;
}

/** 发布公示 (or 发布更正): published entries never change, so the form says so before it is sent. */
export function PublishModal({ communityId, columns, target, onClose, onDone }: { communityId: string; columns: BoardColumn[]; target: PublishTarget; onClose: () => void; onDone: (entryId: string) => void }) {
  const t = useBoardT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const startsOn = Form.useWatch('startsOn', form) ?? chinaToday();
  const days = Form.useWatch('publicationDays', form) ?? 7;
  const withPersonal = Form.useWatch('withPersonal', form) ?? false;
  const endsOn = startsOn.add(Number(days) || 0, 'day').format('YYYY-MM-DD');

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    try {
      const personal = values.withPersonal
        ? (values.personal ?? []).filter((p) => p.name?.trim()).map((p) => ({ name: (p.name ?? '').trim(), householdSize: Number(p.householdSize ?? 1), amount: Number(p.amount ?? 0) }))
        : null;
      const done = await boardApi.publish(communityId, {
        column: values.column,
        title: values.title.trim(),
        body: values.body.trim(),
        startsOn: values.startsOn.format('YYYY-MM-DD'),
        publicationDays: values.publicationDays,
        personal,
        correctsEntryId: target.corrects?.id ?? null,
      });
      message.success(t('publish.done', { seq: done.seq }));
      onDone(done.id);
    } catch (cause) {
      setError(showServerErrors(form, cause, formField));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={target.corrects ? t('publish.correctionTitle') : t('publish.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" size="large" loading={saving} onClick={() => form.submit()} data-testid="board-publish-submit">
            {t('publish.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="board-publish-form"
        initialValues={{ column: target.column, title: target.corrects ? `更正：${target.corrects.title}` : '', body: '', startsOn: chinaToday(), publicationDays: 7, withPersonal: false, personal: [{ householdSize: 1 }] }}
        onFinish={(v) => void submit(v)}
      >
        {target.corrects && <Alert type="info" showIcon title={t('publish.corrects', { seq: target.corrects.seq, title: target.corrects.title })} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="board-publish-error" />}
        <Form.Item name="column" label={t('publish.column')} rules={[{ required: true, message: t('required') }]}>
          <Select options={columns.map((c) => ({ value: c.code, label: c.name }))} data-testid="board-publish-column" />
        </Form.Item>
        <Form.Item name="title" label={t('publish.titleField')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={200} placeholder={t('publish.titlePlaceholder')} data-testid="board-publish-title" />
        </Form.Item>
        <Form.Item name="body" label={t('publish.body')} extra={t('publish.bodyHint')}>
          <Input.TextArea rows={6} maxLength={20000} data-testid="board-publish-body" />
        </Form.Item>
        <Space size="large" wrap align="start">
          <Form.Item name="startsOn" label={t('publish.startsOn')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isBefore(chinaToday(), 'day')} />
          </Form.Item>
          <Form.Item name="publicationDays" label={t('publish.days')} rules={[{ required: true, message: t('required') }]} extra={t('publish.daysHint', { end: endsOn })}>
            <InputNumber min={0} max={366} style={{ width: 120 }} data-testid="board-publish-days" />
          </Form.Item>
        </Space>
        <Form.Item name="withPersonal" label={t('publish.personal')} valuePropName="checked" extra={t('publish.personalHint')}>
          <Switch />
        </Form.Item>
        {withPersonal && (
          <Form.List name="personal">
            {(fields, { add, remove }) => (
              <div className="gz-board-personal-form">
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                      <Input placeholder={t('publish.personal.name')} maxLength={50} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'householdSize']} rules={[{ required: true, message: t('required') }]}>
                      <InputNumber min={1} max={50} placeholder={t('publish.personal.size')} addonAfter="人" style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'amount']} rules={[{ required: true, message: t('required') }]}>
                      <InputNumber min={0} max={1000000} precision={2} placeholder={t('publish.personal.amount')} addonAfter="元/月" style={{ width: 190 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除" />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ householdSize: 1 })}>
                  {t('publish.personal.add')}
                </Button>
              </div>
            )}
          </Form.List>
        )}
        <Alert type="warning" showIcon title={t('publish.immutable')} style={{ marginTop: 16 }} />
      </Form>
    </Modal>
  );
}
