import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { showServerErrors } from '../grid/server-errors';
import { testIdButton } from '../grid/grid-ui';
import { errorMessage } from '../../shared/api';
import { useApi } from '../common/use-api';
import { solicitationApi, type MatterComment, type MatterDetail, type MatterRecord } from './decisions-api';
import { day, dayTime, isOverdue, percent } from './decisions-format';
import { useDT, type DecisionsT } from './decisions-messages';
import { LazySolicitationChart } from './lazy-solicitation-chart';

type QuestionValues = { kind: 'single' | 'multiple' | 'text'; text: string; optionsText?: string };
type SolicitationValues = { title: string; description: string; closesOn: Dayjs; questions: QuestionValues[] };

/** 发布征询问卷: title, closing day and questions (single / multiple choice, free text). */
export function SolicitationModal({ matterId, stageId, defaultTitle, onClose, onDone }: { matterId: string; stageId: string; defaultTitle: string; onClose: () => void; onDone: () => void }) {
  const t = useDT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SolicitationValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: SolicitationValues) => {
    setError(null);
    const questions = values.questions.map((question) => ({
      kind: question.kind,
      text: question.text.trim(),
      options:
        question.kind === 'text'
          ? []
          : (question.optionsText ?? '')
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
    }));
    const bad = questions.findIndex((question) => question.kind !== 'text' && question.options.length < 2);
    if (bad >= 0) {
      form.setFields([{ name: ['questions', bad, 'optionsText'], errors: [t('sol.form.options.min')] }]);
      return;
    }
    setSaving(true);
    try {
      await solicitationApi.create(matterId, stageId, { title: values.title.trim(), description: values.description.trim(), closesAt: values.closesOn.endOf('day').toISOString(), questions });
      message.success(t('sol.published'));
      onDone();
    } catch (cause) {
      setError(
        showServerErrors(form, cause, (field) => {
          if (field === 'title' || field === 'description') return field;
          if (field === 'closesAt') return 'closesOn';
          return null;
        }),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open width={720} title={t('sol.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('sol.form.submit')} cancelText={t('cancel')} okButtonProps={testIdButton('sol-submit', { loading: saving, size: 'large' })} destroyOnHidden>
      <Form<SolicitationValues>
        form={form}
        layout="vertical"
        data-testid="sol-form"
        initialValues={{ title: defaultTitle, description: '', closesOn: dayjs().add(7, 'day'), questions: [{ kind: 'single', text: '', optionsText: '同意\n不同意\n无所谓' }] }}
        onFinish={(values) => void submit(values)}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="title" label={t('sol.form.title')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={200} data-testid="sol-title" />
        </Form.Item>
        <Form.Item name="description" label={t('sol.form.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="closesOn" label={t('sol.form.closes')} rules={[{ required: true, message: t('required') }]}>
          <DatePicker disabledDate={(date) => date.isBefore(dayjs(), 'day')} allowClear={false} data-testid="sol-closes" />
        </Form.Item>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="gz-question-box" data-testid="sol-question">
                  <Space align="start" wrap>
                    <Form.Item name={[field.name, 'kind']} label={t('sol.form.question', { n: index + 1 })}>
                      <Select
                        style={{ width: 140 }}
                        options={[
                          { value: 'single', label: t('sol.kind.single') },
                          { value: 'multiple', label: t('sol.kind.multiple') },
                          { value: 'text', label: t('sol.kind.text') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'text']} label={t('sol.form.text')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                      <Input style={{ width: 380 }} maxLength={500} data-testid="sol-question-text" />
                    </Form.Item>
                    {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />}
                  </Space>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) =>
                      getFieldValue(['questions', field.name, 'kind']) === 'text' ? null : (
                        <Form.Item name={[field.name, 'optionsText']} label={t('sol.form.options')}>
                          <Input.TextArea rows={3} data-testid="sol-question-options" />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'text', text: '' })} block>
                {t('sol.form.addQuestion')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

type RecordValues = { kind: MatterRecord['kind']; heldAt: Dayjs; place: string; participants: number | null; summary: string };

/** 登记座谈会 / 听证会 / 专家论证记录. */
export function RecordModal({ matterId, stageId, defaultKind, onClose, onDone }: { matterId: string; stageId: string; defaultKind: MatterRecord['kind']; onClose: () => void; onDone: () => void }) {
  const t = useDT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: RecordValues) => {
    setSaving(true);
    setError(null);
    try {
      await solicitationApi.record(matterId, stageId, { kind: values.kind, heldAt: values.heldAt.toISOString(), place: values.place.trim(), participants: values.participants ?? null, summary: values.summary.trim() });
      message.success(t('record.saved'));
      onDone();
    } catch (cause) {
      setError(showServerErrors(form, cause, (field) => (['kind', 'heldAt', 'place', 'participants', 'summary'] as const).find((name) => name === field) ?? null));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('sol.record.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('save')} cancelText={t('cancel')} okButtonProps={testIdButton('record-submit', { loading: saving })} destroyOnHidden>
      <Form<RecordValues> form={form} layout="vertical" initialValues={{ kind: defaultKind, heldAt: dayjs(), place: '', participants: null, summary: '' }} onFinish={(values) => void submit(values)} data-testid="record-form">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="kind" label={t('record.kind')}>
          <Select
            options={(['symposium', 'hearing', 'expert_review'] as const).map((kind) => ({ value: kind, label: t(`record.kind.${kind}`) }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="heldAt" label={t('record.heldAt')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
          </Form.Item>
          <Form.Item name="participants" label={t('record.participants')}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t('record.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={t('record.summary')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input.TextArea rows={4} maxLength={10000} data-testid="record-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SolicitationSummaryView({ id, t }: { id: string; t: DecisionsT }) {
  const summary = useApi((signal) => solicitationApi.summary(id, signal), [id]);
  if (summary.error !== undefined) return <Alert type="error" showIcon title={errorMessage(summary.error)} />;
  const solicitation = summary.data;
  if (!solicitation) return <Spin />;
  const open = !isOverdue(solicitation.closesAt);
  return (
    <div className="gz-solicitation" data-testid="solicitation-summary">
      <div className="gz-solicitation-head">
        <strong className="gz-solicitation-title">{solicitation.title}</strong>
        <Tag color={open ? 'processing' : 'default'}>{open ? t('sol.closesAt', { date: day(solicitation.closesAt) }) : t('sol.closedAt', { date: day(solicitation.closesAt) })}</Tag>
        <Tag color="blue" className="gz-result-tag" data-testid="solicitation-responses">
          {t('sol.responses', { count: solicitation.responses })}
        </Tag>
        <span className="gz-muted">{t('sol.eligible', { scope: solicitation.scopeName, count: solicitation.eligible, rate: percent(solicitation.responses, solicitation.eligible) })}</span>
        <Button size="small" onClick={summary.reload}>
          {t('refresh')}
        </Button>
      </div>
      {solicitation.description && <Typography.Paragraph type="secondary">{solicitation.description}</Typography.Paragraph>}
      {solicitation.questions.map((question, index) => (
        <div key={question.id} className="gz-question-result">
          <div className="gz-question-text">
            {index + 1}. {question.text}
            <span className="gz-muted">
              （{t(`sol.kind.${question.kind}`)} · {t('sol.answered', { count: question.answered })}）
            </span>
          </div>
          {question.kind === 'text' ? (
            question.texts.length === 0 ? (
              <Typography.Text type="secondary">{t('none')}</Typography.Text>
            ) : (
              <List size="small" header={t('sol.textAnswers', { count: question.texts.length })} dataSource={question.texts} renderItem={(text) => <List.Item>{text}</List.Item>} />
            )
          ) : (
            <LazySolicitationChart question={question.text} options={question.options} respondents={solicitation.responses} />
          )}
        </div>
      ))}
    </div>
  );
}

function RecordList({ records, t }: { records: MatterRecord[]; t: DecisionsT }) {
  return (
    <List
      dataSource={records}
      data-testid="records"
      renderItem={(record) => (
        <List.Item>
          <div>
            <Tag>{t(`record.kind.${record.kind}`)}</Tag>
            <span className="gz-muted">
              {dayTime(record.heldAt)}
              {record.place ? ` · ${record.place}` : ''}
              {record.participants !== null ? ` · ${t('record.participants')} ${record.participants}` : ''}
            </span>
            <div className="gz-pre">{record.summary}</div>
          </div>
        </List.Item>
      )}
    />
  );
}

function CommentList({ matterId, comments, onChanged, t }: { matterId: string; comments: MatterComment[]; onChanged: () => void; t: DecisionsT }) {
  const { message } = App.useApp();
  const [answering, setAnswering] = useState<MatterComment | null>(null);
  const [form] = Form.useForm<{ answer: string }>();
  const answer = async (comment: MatterComment, text: string) => {
    try {
      await solicitationApi.answerComment(matterId, comment.id, text.trim());
      setAnswering(null);
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <List
        dataSource={comments}
        renderItem={(comment) => (
          <List.Item data-testid="comment">
            <div>
              <strong>{comment.authorName}</strong> <span className="gz-muted">{dayTime(comment.receivedAt)}</span>
              <div className="gz-pre">{comment.text}</div>
              {comment.answer ? (
                <div className="gz-answer">
                  {t('comments.answer')}
                  {t('colon')}
                  {comment.answer}
                </div>
              ) : (
                <Space>
                  <Tag color="red">{t('comments.unanswered')}</Tag>
                  <Button size="small" type="primary" onClick={() => { form.resetFields(); setAnswering(comment); }} data-testid="comment-answer">
                    {t('comments.answer.do')}
                  </Button>
                </Space>
              )}
            </div>
          </List.Item>
        )}
      />
      {answering && (
        <Modal open title={t('comments.answer.do')} onCancel={() => setAnswering(null)} onOk={() => form.submit()} okText={t('save')} cancelText={t('cancel')} okButtonProps={testIdButton('comment-answer-submit')} destroyOnHidden>
          <Typography.Paragraph>{answering.text}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(values: { answer: string }) => void answer(answering, values.answer)}>
            <Form.Item name="answer" label={t('comments.answer')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input.TextArea rows={3} maxLength={5000} data-testid="comment-answer-text" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

/** 征询结果: each questionnaire with counts and charts, then the offline records and the comments (开言路), per stage. */
export function SolicitationPanel({ matter, onChanged }: { matter: MatterDetail; onChanged: () => void }) {
  const t = useDT();
  const solicitations = matter.stages.flatMap((stage) => stage.solicitations);
  const records = matter.stages.flatMap((stage) => stage.records);
  const comments = matter.stages.flatMap((stage) => stage.comments);
  if (solicitations.length === 0 && records.length === 0 && comments.length === 0) return <Empty description={t('sol.none')} />;
  return (
    <div>
      {solicitations.map((solicitation) => (
        <SolicitationSummaryView key={solicitation.id} id={solicitation.id} t={t} />
      ))}
      {records.length > 0 && (
        <>
          <div className="gz-section-title">{t('sol.records')}</div>
          <RecordList records={records} t={t} />
        </>
      )}
      {comments.length > 0 && (
        <>
          <div className="gz-section-title">{t('comments.title')}</div>
          <CommentList matterId={matter.id} comments={comments} onChanged={onChanged} t={t} />
        </>
      )}
    </div>
  );
}
