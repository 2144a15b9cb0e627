import { CheckCircleOutlined, FileTextOutlined, FormOutlined, NotificationOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useState, type ReactElement } from 'react';
import { ApiError, errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { testIdButton } from '../grid/grid-ui';
import { navigate } from '../router';
import { mattersApi, solicitationApi, type MatterDetail, type MatterStage, type MeetingSummary } from './decisions-api';
import { day, kindName, loc } from './decisions-format';
import { useDT, type DecisionsT } from './decisions-messages';
import { RequiredAttachments, UploadButton } from './attachments-panel';
import { CallMeetingModal } from './call-meeting-modal';
import { RecordModal, SolicitationModal } from './solicitation-panel';
import { SignOff } from './supervision-panel';
import { MEETING_KINDS, isStageKind } from './procedure-types';

type Problem = { code: string; message: string };

function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.details['problems'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((problem: unknown) => {
    if (typeof problem !== 'object' || problem === null) return [];
    const record = problem as Record<string, unknown>;
    const message = loc({ zh: String(record['zh'] ?? record['message'] ?? ''), en: String(record['en'] ?? record['message'] ?? '') });
    return [{ code: String(record['code'] ?? ''), message }];
  });
}

/** What the page can already tell blocks closing (the server checks all of it again, and more). */
function localBlockers(stage: MatterStage, t: DecisionsT): Problem[] {
  const out: Problem[] = [];
  if (stage.openFlags > 0) out.push({ code: 'flags', message: t('sup.blocking', { count: stage.openFlags }) });
  const unanswered = stage.comments.filter((comment) => !comment.answer).length;
  if (unanswered > 0) out.push({ code: 'comments', message: t('gate.comments', { count: unanswered }) });
  return out;
}

/** The open questionnaire of a solicitation stage: closing day and answers so far. */
function SolicitationProgress({ id, closesAt }: { id: string; closesAt: string }) {
  const t = useDT();
  const summary = useApi((signal) => solicitationApi.summary(id, signal), [id]);
  return (
    <Typography.Paragraph data-testid="next-solicitation-open">
      {t('next.solicitation.wait', { closes: day(closesAt) })} {summary.data ? t('sol.responses', { count: summary.data.responses }) : null}
    </Typography.Paragraph>
  );
}

function hintOf(stage: MatterStage, t: DecisionsT): string {
  return isStageKind(stage.kind) ? t(`next.stageHint.${stage.kind}`) : '';
}

/**
 * 下一步: the open stage, what it needs, and the one or two big buttons that move it on (publish a
 * questionnaire, call the meeting, sign off, publish, close the stage). What still blocks closing is
 * listed in words, as the server explains it.
 */
export function CurrentStagePanel({ matter, meetings, onChanged }: { matter: MatterDetail; meetings: MeetingSummary[]; onChanged: () => void }) {
  const t = useDT();
  const can = useCan();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<'solicitation' | 'record' | 'meeting' | 'publish' | 'skip' | 'comment' | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [publishForm] = Form.useForm<{ title: string; body: string }>();
  const [skipForm] = Form.useForm<{ reason: string }>();
  const [commentForm] = Form.useForm<{ authorName: string; text: string }>();
  const stage = matter.stages.find((candidate) => candidate.status === 'open');
  const canWrite = can('matter.write');

  if (matter.status === 'completed') return <Alert type="success" showIcon title={t('matter.next.done')} className="gz-next" data-testid="next-done" />;
  if (matter.status === 'stopped' || matter.status === 'declined') return <Alert type="warning" showIcon title={t('matter.next.stopped')} className="gz-next" />;
  if (!stage) return <Alert type="info" showIcon title={t('matter.next.raised')} className="gz-next" />;

  const stageMeetings = meetings.filter((meeting) => meeting.stageId === stage.id);
  const openMeeting = stageMeetings.find((meeting) => meeting.status !== 'closed');
  const closedMeeting = stageMeetings.find((meeting) => meeting.status === 'closed');
  const needsMeeting = stage.rules.body !== null && (stage.rules.decision !== null || stage.rules.attendance !== null || MEETING_KINDS.includes(stage.rules.kind));
  const stageSolicitations = stage.solicitations;
  const publication = stage.publication;
  const blockers = [...problems, ...localBlockers(stage, t)];
  const uniqueBlockers = blockers.filter((blocker, index) => blockers.findIndex((other) => other.message === blocker.message) === index);

  const close = () =>
    modal.confirm({
      title: t('gate.close'),
      content: t('gate.closeConfirm', { stage: stage.name }),
      okText: t('gate.close'),
      cancelText: t('cancel'),
      okButtonProps: testIdButton('confirm-ok'),
      onOk: async () => {
        try {
          await mattersApi.closeStage(matter.id, stage.id);
          setProblems([]);
          message.success(t('gate.closed'));
          onChanged();
        } catch (error) {
          const found = problemsOf(error);
          setProblems(found.length > 0 ? found : [{ code: 'error', message: errorMessage(error) }]);
        }
      },
    });

  const publish = async (values: { title: string; body: string }) => {
    setBusy(true);
    try {
      await mattersApi.publish(matter.id, stage.id, { title: values.title.trim() || undefined, body: values.body.trim() || undefined });
      message.success(t('pub.published'));
      setDialog(null);
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const addComment = async (values: { authorName: string; text: string }) => {
    setBusy(true);
    try {
      await solicitationApi.comment(matter.id, stage.id, { authorName: values.authorName.trim(), text: values.text.trim() });
      setDialog(null);
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const skip = async (values: { reason: string }) => {
    setBusy(true);
    try {
      await mattersApi.skipStage(matter.id, stage.id, values.reason.trim());
      setDialog(null);
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const actions: ReactElement[] = [];
  if (canWrite && stage.kind === 'solicitation' && stageSolicitations.length === 0) {
    actions.push(
      <Button key="sol" type="primary" size="large" icon={<FormOutlined />} onClick={() => setDialog('solicitation')} data-testid="next-solicitation">
        {t('next.solicitation.create')}
      </Button>,
    );
  }
  if (canWrite && (stage.kind === 'solicitation' || stage.kind === 'hearing' || stage.kind === 'expert_review')) {
    actions.push(
      <Button key="record" size="large" icon={<FileTextOutlined />} onClick={() => setDialog('record')} data-testid="next-record">
        {t('next.record')}
      </Button>,
    );
  }
  if (canWrite && (stage.kind === 'public_comment' || stage.kind === 'hearing')) {
    actions.push(
      <Button key="comment" size="large" icon={<FormOutlined />} onClick={() => { commentForm.resetFields(); setDialog('comment'); }} data-testid="next-comment">
        {t('comments.add')}
      </Button>,
    );
  }
  if (needsMeeting) {
    if (openMeeting) {
      actions.push(
        <Button key="meeting" type="primary" size="large" icon={<TeamOutlined />} onClick={() => navigate(`/meetings/${encodeURIComponent(openMeeting.id)}`)} data-testid="next-open-meeting">
          {t('next.meeting.open')}
        </Button>,
      );
    } else if (!closedMeeting && canWrite) {
      actions.push(
        <Button key="call" type="primary" size="large" icon={<TeamOutlined />} onClick={() => setDialog('meeting')} data-testid="next-call-meeting">
          {t('next.meeting.call')}
        </Button>,
      );
    } else if (closedMeeting) {
      actions.push(
        <Button key="result" size="large" icon={<TeamOutlined />} onClick={() => navigate(`/meetings/${encodeURIComponent(closedMeeting.id)}?tab=result`)} data-testid="next-meeting-result">
          {t('tally.minutes')}
        </Button>,
      );
    }
  }
  if (stage.kind === 'publication' && !publication && canWrite) {
    actions.push(
      <Button
        key="publish"
        type="primary"
        size="large"
        icon={<NotificationOutlined />}
        disabled={!!stage.rules.supervisorSignOff && !stage.signedOffAt}
        title={stage.rules.supervisorSignOff && !stage.signedOffAt ? t('pub.needSignOff') : undefined}
        onClick={() => {
          publishForm.resetFields();
          setDialog('publish');
        }}
        data-testid="next-publish"
      >
        {t('next.publication.publish')}
      </Button>,
    );
  }
  if (canWrite) {
    actions.push(
      <Button key="close" size="large" type={actions.length === 0 ? 'primary' : 'default'} icon={<CheckCircleOutlined />} onClick={close} data-testid="stage-close">
        {t('gate.close')} <RightOutlined />
      </Button>,
    );
    if (stage.rules.optional) {
      actions.push(
        <Button key="skip" size="large" onClick={() => { skipForm.resetFields(); setDialog('skip'); }} data-testid="stage-skip">
          {t('gate.skip')}
        </Button>,
      );
    }
  }

  return (
    <div className="gz-next" data-testid="next-step">
      <div className="gz-next-label">{t('matter.next')}</div>
      <div className="gz-next-stage" data-testid="next-stage-name">
        {stage.name}
        <span className="gz-next-kind">
          {stage.kindLabel || kindName(stage.kind)}
          {stage.bodyName ? ` · ${stage.bodyName}` : ''}
          {stage.dueAt ? ` · ${t('deadline.until', { date: day(stage.dueAt), days: Math.max(0, Math.round((new Date(stage.dueAt).getTime() - Date.now()) / 86_400_000)) })}` : ''}
        </span>
      </div>
      <Typography.Paragraph className="gz-next-hint">{hintOf(stage, t)}</Typography.Paragraph>
      {stage.kind === 'solicitation' && stageSolicitations[0] && <SolicitationProgress id={stageSolicitations[0].id} closesAt={stageSolicitations[0].closesAt} />}
      <RequiredAttachments stage={stage} />
      {stage.rules.supervisorSignOff && (
        <div className="gz-needed">
          <span>{t('sup.signOff')}：</span>
          <SignOff matter={matter} stage={stage} onDone={onChanged} />
        </div>
      )}
      {uniqueBlockers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="gz-blockers"
          title={t('gate.title')}
          description={
            <ul data-testid="stage-blockers">
              {uniqueBlockers.map((blocker) => (
                <li key={blocker.message}>{blocker.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Space wrap size={[12, 12]} className="gz-next-actions">
        {actions}
        {canWrite && <UploadButton stage={stage} onDone={onChanged} />}
      </Space>

      {dialog === 'solicitation' && <SolicitationModal matterId={matter.id} stageId={stage.id} defaultTitle={`关于「${matter.title}」的意见征询`} onClose={() => setDialog(null)} onDone={() => { setDialog(null); onChanged(); }} />}
      {dialog === 'record' && (
        <RecordModal
          matterId={matter.id}
          stageId={stage.id}
          defaultKind={stage.kind === 'hearing' ? 'hearing' : stage.kind === 'expert_review' ? 'expert_review' : 'symposium'}
          onClose={() => setDialog(null)}
          onDone={() => { setDialog(null); onChanged(); }}
        />
      )}
      {dialog === 'meeting' && <CallMeetingModal matter={matter} stage={stage} onClose={() => setDialog(null)} onDone={(id) => navigate(`/meetings/${encodeURIComponent(id)}`)} />}
      {dialog === 'publish' && (
        <Modal open width={640} title={t('pub.publish')} onCancel={() => setDialog(null)} onOk={() => publishForm.submit()} okText={t('pub.publish')} cancelText={t('cancel')} okButtonProps={testIdButton('publish-submit', { loading: busy, size: 'large' })} destroyOnHidden>
          <Form form={publishForm} layout="vertical" initialValues={{ title: '', body: '' }} onFinish={(values: { title: string; body: string }) => void publish(values)} data-testid="publish-form">
            <Typography.Paragraph type="secondary">{t('pub.defaultText')}</Typography.Paragraph>
            <Form.Item name="title" label={t('pub.form.title')}>
              <Input maxLength={200} placeholder={matter.title} />
            </Form.Item>
            <Form.Item name="body" label={t('pub.form.body')}>
              <Input.TextArea rows={5} maxLength={10000} />
            </Form.Item>
            {stage.rules.publicationDays !== undefined && (
              <Form.Item label={t('pub.form.days')}>
                <InputNumber value={stage.rules.publicationDays} disabled />
              </Form.Item>
            )}
          </Form>
        </Modal>
      )}
      {dialog === 'comment' && (
        <Modal open title={t('comments.add')} onCancel={() => setDialog(null)} onOk={() => commentForm.submit()} okText={t('save')} cancelText={t('cancel')} okButtonProps={testIdButton('comment-submit', { loading: busy })} destroyOnHidden>
          <Form form={commentForm} layout="vertical" onFinish={(values: { authorName: string; text: string }) => void addComment(values)}>
            <Form.Item name="authorName" label={t('comments.author')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input maxLength={50} data-testid="comment-author" />
            </Form.Item>
            <Form.Item name="text" label={t('comments.text')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input.TextArea rows={4} maxLength={5000} data-testid="comment-text" />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {dialog === 'skip' && (
        <Modal open title={t('gate.skip')} onCancel={() => setDialog(null)} onOk={() => skipForm.submit()} okText={t('gate.skip')} cancelText={t('cancel')} okButtonProps={testIdButton('skip-submit', { loading: busy })} destroyOnHidden>
          <Form form={skipForm} layout="vertical" onFinish={(values: { reason: string }) => void skip(values)}>
            <Form.Item name="reason" label={t('gate.skipReason')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input.TextArea rows={3} maxLength={500} data-testid="skip-reason" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}
