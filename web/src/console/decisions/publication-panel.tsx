import { FilePdfOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Form, Input, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { testIdButton } from '../grid/grid-ui';
import type { MatterDetail, MatterStage } from './decisions-api';
import { day, dayTime } from './decisions-format';
import { useDT } from './decisions-messages';
import { SignOff } from './supervision-panel';

/** BOARD's entry as the console reads it (GET /api/board/entries/:entryId), the part shown here. */
type BoardEntry = {
  id: string;
  title: string;
  body: string;
  startsOn: string;
  endsOn: string | null;
  stateLabel: string;
  acceptsObjections: boolean;
  objections: { id: string; residentName: string; text: string; createdAt: string; answer: string | null; answeredAt: string | null; answeredByName: string | null }[];
};

function Entry({ entryId, days }: { entryId: string; days: number }) {
  const t = useDT();
  const can = useCan();
  const { message } = App.useApp();
  const entry = useApi((signal) => api.get<BoardEntry>(`/api/board/entries/${encodeURIComponent(entryId)}`, { signal }), [entryId]);
  const [answering, setAnswering] = useState<BoardEntry['objections'][number] | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ answer: string }>();
  if (entry.error !== undefined) return <Alert type="warning" showIcon title={errorMessage(entry.error)} />;
  if (!entry.data) return <Spin />;
  const data = entry.data;
  const answer = async (objectionId: string, text: string) => {
    setSaving(true);
    try {
      await api.post(`/api/board/entries/${encodeURIComponent(entryId)}/objections/${encodeURIComponent(objectionId)}/answer`, { answer: text.trim() });
      setAnswering(null);
      entry.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div data-testid="publication-entry">
      <Typography.Paragraph>
        <strong>{data.title}</strong> <Tag>{data.stateLabel}</Tag>
        <br />
        {t('pub.period', { from: day(data.startsOn), days, until: day(data.endsOn) })}{' '}
        <a href={`/portal/board/${encodeURIComponent(entryId)}`} target="_blank" rel="noreferrer" data-testid="publication-link">
          <LinkOutlined /> {t('pub.entry')}
        </a>{' '}
        <a href={`/api/board/entries/${encodeURIComponent(entryId)}/notice.pdf`} target="_blank" rel="noreferrer">
          <FilePdfOutlined /> {t('pub.pdf')}
        </a>
      </Typography.Paragraph>
      <Typography.Paragraph className="gz-pre gz-notice-text">{data.body}</Typography.Paragraph>
      <div className="gz-section-title">{t('pub.objections', { count: data.objections.length })}</div>
      {data.objections.length === 0 ? (
        <Typography.Text type="secondary">{t('pub.objections.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={data.objections}
          renderItem={(objection) => (
            <List.Item data-testid="objection">
              <div>
                <strong>{objection.residentName}</strong> <span className="gz-muted">{dayTime(objection.createdAt)}</span>
                <div className="gz-pre">{objection.text}</div>
                {objection.answer ? (
                  <div className="gz-answer">
                    {t('comments.answer')}
                    {t('colon')}
                    {objection.answer}
                  </div>
                ) : (
                  <Space>
                    <Tag color="red">{t('pub.objection.unanswered')}</Tag>
                    {can('board.write') && (
                      <Button type="primary" size="small" onClick={() => { form.resetFields(); setAnswering(objection); }} data-testid="objection-answer">
                        {t('pub.objection.answer')}
                      </Button>
                    )}
                  </Space>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      {answering && (
        <Modal open title={t('pub.objection.answer')} onCancel={() => setAnswering(null)} onOk={() => form.submit()} okText={t('save')} cancelText={t('cancel')} okButtonProps={testIdButton('objection-answer-submit', { loading: saving })} destroyOnHidden>
          <Typography.Paragraph>{answering.text}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(values: { answer: string }) => void answer(answering.id, values.answer)}>
            <Form.Item name="answer" label={t('comments.answer')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="objection-answer-text" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}

function PublicationStage({ matter, stage, onChanged }: { matter: MatterDetail; stage: MatterStage; onChanged: () => void }) {
  const t = useDT();
  return (
    <div className="gz-publication" data-testid="publication">
      <Space wrap className="gz-publication-head">
        <strong>{stage.name}</strong>
        <SignOff matter={matter} stage={stage} onDone={onChanged} />
        {stage.publication ? (
          <Tag color="green" className="gz-result-tag" data-testid="published">
            {t(`pub.kind.${stage.publication.kind}`)} · {day(stage.publication.publishedAt)}
          </Tag>
        ) : (
          <Tag>{t('pub.none')}</Tag>
        )}
      </Space>
      {stage.publication && <Entry entryId={stage.publication.boardEntryId} days={stage.publication.publicationDays} />}
    </div>
  );
}

/** 两公开: the resolution and the implementation result as published on the board, with objections and their answers. */
export function PublicationPanel({ matter, onChanged }: { matter: MatterDetail; onChanged: () => void }) {
  const t = useDT();
  const stages = matter.stages.filter((stage) => stage.kind === 'publication');
  if (stages.length === 0) return <Empty description={t('pub.none')} />;
  return (
    <div data-testid="publication-panel">
      {stages.map((stage) => (
        <PublicationStage key={stage.id} matter={matter} stage={stage} onChanged={onChanged} />
      ))}
    </div>
  );
}
