import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import { useApi } from '../common/use-api';
import { showServerErrors } from '../grid/server-errors';
import { testIdButton } from '../grid/grid-ui';
import { meetingsApi, type MatterDetail, type MatterStage } from './decisions-api';
import { bodyName, stageName } from './decisions-format';
import { useDT } from './decisions-messages';

type Values = { alternativeKey: string; bodyId: string; title: string; scheduledAt: Dayjs; place: string };

const MAIN = '__main__';

/** 召集会议: the body (of the kind the stage names), time and place; the roster is frozen when called. */
export function CallMeetingModal({ matter, stage, onClose, onDone }: { matter: MatterDetail; stage: MatterStage; onClose: () => void; onDone: (meetingId: string) => void }) {
  const t = useDT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const bodies = useApi((signal) => meetingsApi.bodies(matter.communityId, signal), [matter.communityId]);
  const alternativeKey = Form.useWatch('alternativeKey', form) ?? MAIN;
  const alternatives = stage.rules.alternatives ?? [];
  const chosen = alternatives.find((alternative) => alternative.key === alternativeKey);
  const wantKind = chosen?.body ?? stage.rules.body;
  const noticeDays = chosen?.noticeDays ?? stage.rules.noticeDays ?? 0;
  const options = (bodies.data?.items ?? []).filter((body) => body.kind === wantKind);

  const createStandard = async () => {
    setCreating(true);
    try {
      await api.post('/api/decision-bodies/standard', { communityId: matter.communityId });
      bodies.reload();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setCreating(false);
    }
  };

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const { id } = await meetingsApi.call({
        stageId: stage.id,
        bodyId: values.bodyId,
        alternativeKey: values.alternativeKey === MAIN ? null : values.alternativeKey,
        title: values.title.trim() || null,
        place: values.place.trim() || null,
        scheduledAt: values.scheduledAt.toISOString(),
      });
      message.success(t('call.called'));
      onDone(id);
    } catch (cause) {
      setError(showServerErrors(form, cause, (field) => (['bodyId', 'scheduledAt', 'title', 'place'] as const).find((name) => name === field) ?? (field === 'alternativeKey' ? 'alternativeKey' : null)));
    } finally {
      setSaving(false);
    }
  };

  const firstBody = options[0]?.id;
  const bodyId = Form.useWatch('bodyId', form);
  // Bodies arrive after the form: the first one of the right kind is the default.
  useEffect(() => {
    if (firstBody && !form.getFieldValue('bodyId')) form.setFieldValue('bodyId', firstBody);
  }, [firstBody, form]);
  return (
    <Modal
      open
      width={620}
      title={t('call.title', { stage: stageName(stage.name, matter.unit) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('call.submit')}
      cancelText={t('cancel')}
      okButtonProps={testIdButton('call-submit', { loading: saving, size: 'large' })}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="call-form"
        initialValues={{ alternativeKey: MAIN, bodyId: firstBody, title: `${matter.title}：${stageName(stage.name, matter.unit)}`, scheduledAt: dayjs().add(noticeDays, 'day').add(1, 'hour').startOf('hour'), place: '社区议事厅' }}
        onFinish={(values) => void submit(values)}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="call-error" />}
        {alternatives.length > 0 && (
          <Form.Item name="alternativeKey" label={t('call.alternative')}>
            <Select
              options={[
                { value: MAIN, label: `${stageName(stage.name, matter.unit)}（${bodyName(stage.rules.body, matter.unit)}）` },
                ...alternatives.map((alternative) => ({ value: alternative.key, label: `${stageName(alternative.name, matter.unit)}（${bodyName(alternative.body, matter.unit)}）` })),
              ]}
              onChange={() => form.setFieldValue('bodyId', undefined)}
            />
          </Form.Item>
        )}
        <Form.Item name="bodyId" label={t('call.body')} rules={[{ required: true, message: t('required') }]} extra={wantKind ? bodyName(wantKind, matter.unit) : undefined}>
          <Select
            loading={bodies.loading}
            data-testid="call-body"
            options={options.map((body) => ({ value: body.id, label: `${body.name}（${body.memberCount} 人）` }))}
            notFoundContent={
              <div>
                <Typography.Text type="secondary">{t('call.noBody')}</Typography.Text>
                <Button type="link" loading={creating} onClick={() => void createStandard()}>
                  {t('call.standardBodies')}
                </Button>
              </div>
            }
          />
        </Form.Item>
        <Form.Item name="title" label={t('call.meetingTitle')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="scheduledAt" label={t('call.scheduledAt')} rules={[{ required: true, message: t('required') }]} extra={noticeDays ? t('call.notice', { days: noticeDays }) : undefined}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} data-testid="call-time" />
        </Form.Item>
        <Form.Item name="place" label={t('call.place')}>
          <Input maxLength={200} />
        </Form.Item>
        {bodies.error !== undefined && <Alert type="error" showIcon title={errorMessage(bodies.error)} />}
        <Typography.Paragraph type="secondary">{t('meeting.rosterFrozen', { count: options.find((body) => body.id === bodyId)?.memberCount ?? '…' })}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}
