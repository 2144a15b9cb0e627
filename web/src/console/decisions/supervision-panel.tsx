import { FlagOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { testIdButton } from '../grid/grid-ui';
import { mattersApi, type MatterDetail, type MatterStage, type SupervisionNote } from './decisions-api';
import { day, dayTime } from './decisions-format';
import { useDT } from './decisions-messages';

type NoteValues = { kind: 'flag' | 'finding'; stageId: string | null; text: string };

/** 监督委员会签字确认 before a publication: shows who signed and when, or the button for a supervisor. */
export function SignOff({ matter, stage, onDone }: { matter: MatterDetail; stage: MatterStage; onDone: () => void }) {
  const t = useDT();
  const can = useCan();
  const { message, modal } = App.useApp();
  if (!stage.rules.supervisorSignOff) return null;
  if (stage.signedOffAt) {
    return (
      <Tag color="green" icon={<SafetyCertificateOutlined />} className="gz-result-tag" data-testid="signed-off">
        {t('sup.signedOff', { date: day(stage.signedOffAt) })}
      </Tag>
    );
  }
  if (!can('supervision.write') || stage.status !== 'open') {
    return (
      <Tag color="gold" className="gz-result-tag" data-testid="not-signed-off">
        {t('sup.notSigned')}
      </Tag>
    );
  }
  return (
    <Button
      type="primary"
      size="large"
      icon={<SafetyCertificateOutlined />}
      onClick={() =>
        modal.confirm({
          title: t('sup.signOff'),
          content: t('sup.signOff.confirm'),
          okText: t('sup.signOff.do'),
          cancelText: t('cancel'),
          okButtonProps: testIdButton('confirm-ok'),
          onOk: async () => {
            try {
              await mattersApi.signOff(matter.id, stage.id);
              onDone();
            } catch (error) {
              message.error(errorMessage(error));
            }
          },
        })
      }
      data-testid="sign-off"
    >
      {t('sup.signOff.do')}
    </Button>
  );
}

/** 居务监督: findings and flags on any stage; an open flag blocks its stage until answered. */
export function SupervisionPanel({ matter, onChanged }: { matter: MatterDetail; onChanged: () => void }) {
  const t = useDT();
  const can = useCan();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<SupervisionNote | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<NoteValues>();
  const [answerForm] = Form.useForm<{ answer: string }>();
  const open = matter.stages.find((stage) => stage.status === 'open');
  const stageLabel = (stageId: string | null) => {
    const stage = matter.stages.find((candidate) => candidate.id === stageId);
    return stage ? stage.name : '—';
  };

  const add = async (values: NoteValues) => {
    setSaving(true);
    setError(null);
    try {
      await mattersApi.supervise(matter.id, { kind: values.kind, stageId: values.stageId, text: values.text.trim() });
      setAdding(false);
      onChanged();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };
  const answer = async (note: SupervisionNote, text: string) => {
    setSaving(true);
    try {
      await mattersApi.answerFlag(matter.id, note.id, text.trim());
      setAnswering(null);
      onChanged();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="supervision-panel">
      {can('supervision.write') && (
        <Button danger size="large" icon={<FlagOutlined />} onClick={() => { form.resetFields(); setAdding(true); }} style={{ marginBottom: 12 }} data-testid="supervision-add">
          {t('sup.flag')} / {t('sup.finding')}
        </Button>
      )}
      {matter.supervision.length === 0 ? (
        <Empty description={t('sup.none')} />
      ) : (
        <List
          dataSource={matter.supervision}
          renderItem={(note) => (
            <List.Item data-testid="supervision-note">
              <div style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={note.kind === 'flag' ? 'red' : 'blue'}>{t(`sup.kind.${note.kind}`)}</Tag>
                  <span className="gz-muted">
                    {stageLabel(note.stageId)} · {dayTime(note.raisedAt)}
                  </span>
                  {note.kind === 'flag' && (note.answeredAt ? <Tag color="green">{t('sup.answered')}</Tag> : <Tag color="red" data-testid="flag-open">{t('sup.open')}</Tag>)}
                </Space>
                <div className="gz-pre">{note.text}</div>
                {note.answer && (
                  <div className="gz-answer">
                    {t('sup.answer')}
                    {t('colon')}
                    {note.answer}
                    <span className="gz-muted">
                      {' '}
                      · {dayTime(note.answeredAt)}
                    </span>
                  </div>
                )}
                {note.kind === 'flag' && !note.answeredAt && can('matter.write') && (
                  <Button type="primary" onClick={() => { answerForm.resetFields(); setAnswering(note); }} data-testid="flag-answer">
                    {t('sup.answer.do')}
                  </Button>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      {adding && (
        <Modal open title={`${t('sup.flag')} / ${t('sup.finding')}`} onCancel={() => setAdding(false)} onOk={() => form.submit()} okText={t('save')} cancelText={t('cancel')} okButtonProps={testIdButton('supervision-submit', { loading: saving })} destroyOnHidden>
          <Form<NoteValues> form={form} layout="vertical" initialValues={{ kind: 'flag', stageId: open?.id ?? null, text: '' }} onFinish={(values) => void add(values)}>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form.Item name="kind">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'flag', label: t('sup.kind.flag') },
                  { value: 'finding', label: t('sup.kind.finding') },
                ]}
              />
            </Form.Item>
            <Form.Item name="stageId" label={t('sup.stage')}>
              <Select allowClear options={matter.stages.map((stage) => ({ value: stage.id, label: stage.name }))} />
            </Form.Item>
            <Form.Item name="text" label={t('sup.text')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input.TextArea rows={4} maxLength={5000} placeholder={t('sup.text.placeholder')} data-testid="supervision-text" />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {answering && (
        <Modal open title={t('sup.answer.do')} onCancel={() => setAnswering(null)} onOk={() => answerForm.submit()} okText={t('save')} cancelText={t('cancel')} okButtonProps={testIdButton('flag-answer-submit', { loading: saving })} destroyOnHidden>
          <Typography.Paragraph>{answering.text}</Typography.Paragraph>
          <Form form={answerForm} layout="vertical" onFinish={(values: { answer: string }) => void answer(answering, values.answer)}>
            <Form.Item name="answer" label={t('sup.answer')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input.TextArea rows={3} maxLength={5000} placeholder={t('sup.answer.placeholder')} data-testid="flag-answer-text" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}
