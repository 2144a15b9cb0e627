import { Alert, App, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useMe } from '../auth-context';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { useApi } from '../common/use-api';
import { showServerErrors } from '../grid/server-errors';
import { testIdButton } from '../grid/grid-ui';
import { mattersApi, templatesApi, type MatterSummary } from './decisions-api';
import { stageName } from './decisions-format';
import { useDT } from './decisions-messages';

type Values = {
  community: OrgPick | null;
  title: string;
  description: string;
  category?: string;
  budget?: number | null;
  templateId?: string;
  batch: boolean;
  itemsText?: string;
  affected?: OrgPick | null;
};

const FIELDS = ['community', 'title', 'description', 'category', 'budget', 'templateId', 'itemsText', 'affected'] as const;
type Field = (typeof FIELDS)[number];

function formField(field: string): Field | null {
  if (field === 'communityId') return 'community';
  if (field === 'affectedNodeId') return 'affected';
  if (field.startsWith('items')) return 'itemsText';
  return FIELDS.find((name) => name === field) ?? null;
}

export const CATEGORIES = ['小区整治', '设施改造', '低保廉租复核', '节日慰问', '公共服务', '财务开支', '其他'];

/**
 * 提出议题 (new: raise and, at once, accept into a procedure) or 受理 (accept a topic raised earlier,
 * e.g. a resident's 民事民提): the procedure, category, budget and — for a simplified batch — the items.
 */
export type Topic = Pick<MatterSummary, 'id' | 'title' | 'category'>;

export function RaiseMatterModal({ topic, onClose, onDone }: { topic: Topic | null; onClose: () => void; onDone: (matterId: string) => void }) {
  const t = useDT();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const templates = useApi((signal) => templatesApi.list(signal), []);
  const home = me.roles.find((binding) => binding.nodeKind === 'community');
  const templateId = Form.useWatch('templateId', form);
  const batch = Form.useWatch('batch', form) ?? false;
  const chosen = templates.data?.items.find((item) => item.id === templateId);

  const submit = async (values: Values) => {
    setFormError(null);
    const items = (values.itemsText ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((title) => ({ title }));
    if (values.batch && items.length < 2) {
      form.setFields([{ name: 'itemsText', errors: [t('raise.items.required')] }]);
      return;
    }
    setSaving(true);
    let matterId = topic?.id ?? null;
    try {
      if (!matterId) {
        if (!values.community) {
          form.setFields([{ name: 'community', errors: [t('required')] }]);
          return;
        }
        matterId = (await mattersApi.raise({ communityId: values.community.id, title: values.title.trim(), description: values.description.trim(), category: values.category ?? null })).id;
      }
      if (values.templateId) {
        await mattersApi.accept(matterId, {
          templateId: values.templateId,
          title: values.title.trim(),
          description: values.description.trim(),
          category: values.category ?? null,
          budget: values.budget ?? null,
          affectedNodeId: values.affected?.id ?? null,
          items: values.batch ? items : undefined,
        });
        message.success(t('raise.accepted'));
      } else {
        message.success(t('raise.done'));
      }
      onDone(matterId);
    } catch (error) {
      setFormError(showServerErrors(form, error, formField));
      // A matter raised before the accept failed is kept (it shows among the topics to accept).
      if (matterId && !topic) onDone(matterId);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={topic ? t('raise.acceptTitle', { title: topic.title }) : t('raise.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={topic ? t('raise.acceptSubmit') : templateId ? t('raise.acceptSubmit') : t('raise.submit')}
      okButtonProps={testIdButton('raise-submit', { loading: saving, size: 'large' })}
      cancelText={t('cancel')}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="raise-form"
        initialValues={{ community: home ? { id: home.nodeId, name: home.nodeName } : null, title: topic?.title ?? '', description: '', category: topic?.category ?? undefined, batch: false }}
        onFinish={(values) => void submit(values)}
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="raise-error" />}
        {templates.error !== undefined && <Alert type="error" showIcon title={errorMessage(templates.error)} style={{ marginBottom: 16 }} />}
        {!topic && (
          <Form.Item name="community" label={t('raise.community')} rules={[{ required: true, message: t('required') }]}>
            <OrgTreeSelect allowedKinds={['community']} testId="raise-community" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('raise.name')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={200} placeholder={t('raise.name.placeholder')} data-testid="raise-title" />
        </Form.Item>
        <Form.Item name="description" label={t('raise.description')}>
          <Input.TextArea rows={3} maxLength={5000} placeholder={t('raise.description.placeholder')} data-testid="raise-description" />
        </Form.Item>
        <Form.Item name="templateId" label={t('raise.procedure')} rules={topic ? [{ required: true, message: t('raise.procedure.pick') }] : []} extra={topic ? undefined : t('raise.raiseOnly')}>
          <Select
            allowClear={!topic}
            placeholder={t('raise.procedure.pick')}
            loading={templates.loading}
            data-testid="raise-procedure"
            options={(templates.data?.items ?? []).map((item) => ({ value: item.id, label: `${stageName(item.body.name)}${item.shipped ? '' : `（${item.communityName ?? ''}）`}` }))}
          />
        </Form.Item>
        {templateId && (
          <>
            <Form.Item name="category" label={t('raise.category')}>
              <Select allowClear options={CATEGORIES.map((value) => ({ value, label: value }))} data-testid="raise-category" />
            </Form.Item>
            <Form.Item name="budget" label={t('raise.budget')}>
              <InputNumber min={0} step={1000} style={{ width: 220 }} data-testid="raise-budget" />
            </Form.Item>
            <Form.Item name="affected" label={t('raise.scope')} extra={t('raise.scope.hint')}>
              <OrgTreeSelect allowedKinds={['community', 'grid', 'building']} allowClear testId="raise-scope" />
            </Form.Item>
            {chosen?.body.batch && (
              <Form.Item name="batch" label={t('raise.batch')} valuePropName="checked">
                <Switch data-testid="raise-batch" />
              </Form.Item>
            )}
            {batch && (
              <Form.Item name="itemsText" label={t('raise.items')} extra={t('raise.items.hint')}>
                <Input.TextArea rows={6} data-testid="raise-items" />
              </Form.Item>
            )}
          </>
        )}
        {chosen && (
          <Typography.Paragraph type="secondary" data-testid="raise-stages">
            {chosen.body.stages.map((stage) => stageName(stage.name)).join(' → ')}
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
