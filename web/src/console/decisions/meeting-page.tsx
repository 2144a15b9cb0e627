import { ArrowLeftOutlined, CheckCircleOutlined, DownloadOutlined, LockOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Progress, Space, Spin, Steps, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { ApiErrorResult } from '../common/api-error-result';
import { useApi } from '../common/use-api';
import { downloadFile } from '../grid/download-file';
import { LargeType, testIdButton, useIsPhone } from '../grid/grid-ui';
import { Link, useLocation, navigate, withQuery } from '../router';
import { meetingsApi, type MeetingDetail } from './decisions-api';
import { dayTime, shareRuleText, stageName } from './decisions-format';
import { useDT, type DecisionsT } from './decisions-messages';
import { MeetingBallots } from './meeting-ballots';
import { MeetingRoster } from './meeting-roster';
import type { ShareRule } from './procedure-types';
import { TallyPanel, type ItemTally } from './tally-panel';
import './decisions.css';

const STEP_OF = { called: 0, signing_in: 1, voting: 2, closed: 3 } as const;

/** Does the head count meet a rule against those entitled (a live hint; the server's tally decides)? */
export function meetsShare(rule: ShareRule | null, part: number, whole: number): boolean {
  if (!rule) return true;
  return rule.comparison === 'more_than' ? part * rule.den > rule.num * whole : part * rule.den >= rule.num * whole;
}

function results(meeting: MeetingDetail): ItemTally[] {
  return meeting.items.flatMap((item) =>
    item.result
      ? [
          {
            itemId: item.itemId,
            title: item.title,
            quorumMet: item.result.quorumMet,
            passed: item.result.passed,
            explanation: item.result.explanation,
            counts: item.result.counts.head,
            recused: item.result.counts.recused,
          },
        ]
      : [],
  );
}

function LiveCounts({ meeting, t }: { meeting: MeetingDetail; t: DecisionsT }) {
  const { entitled, present } = meeting.counts;
  const quorum = meetsShare(meeting.attendanceRule, present, entitled);
  return (
    <div className="gz-live" data-testid="meeting-live">
      <div className="gz-live-figure">
        <Progress type="circle" size={96} percent={entitled ? Math.round((present / entitled) * 100) : 0} status={quorum ? 'success' : 'normal'} format={() => `${present}/${entitled}`} />
        <div>
          <div className="gz-live-big" data-testid="meeting-present">
            {t('meeting.presentOf', { present, entitled })}
          </div>
          <div>
            {meeting.counts.inPerson > 0 && <Tag color="green">{`${t('attendance.in_person')} ${meeting.counts.inPerson}`}</Tag>}
            {meeting.counts.proxy > 0 && <Tag color="purple">{`${t('attendance.proxy')} ${meeting.counts.proxy}`}</Tag>}
            {meeting.counts.online > 0 && <Tag color="cyan">{`${t('attendance.online')} ${meeting.counts.online}`}</Tag>}
          </div>
          <Typography.Text type={quorum ? 'success' : 'warning'} strong data-testid="meeting-quorum">
            {quorum ? t('meeting.quorumOk') : t('meeting.quorumNo')}
          </Typography.Text>
        </div>
      </div>
      {meeting.status !== 'called' && (
        <div className="gz-live-items">
          {meeting.items.map((item) => (
            <div key={item.itemId} className="gz-live-item" data-testid="live-item">
              <strong>
                {meeting.items.length > 1 ? `${item.position}. ` : ''}
                {item.title}
              </strong>
              {item.tally ? (
                <span>
                  <span className="gz-choice gz-choice-yes">
                    {t('choice.yes')} {item.tally.yes}
                  </span>{' '}
                  ·{' '}
                  <span className="gz-choice gz-choice-no">
                    {t('choice.no')} {item.tally.no}
                  </span>{' '}
                  ·{' '}
                  <span className="gz-choice gz-choice-abstain">
                    {t('choice.abstain')} {item.tally.abstain}
                  </span>
                </span>
              ) : (
                <span className="gz-muted">{t('sol.responses', { count: item.cast })}</span>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** `/meetings/:meetingId`: 会议 — roster (frozen at the call), sign-in, recusals, two tellers' ballots, live counts, close and tally. */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  const t = useDT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const location = useLocation();
  const [acting, setActing] = useState(false);
  const detail = useApi((signal) => meetingsApi.get(meetingId, signal), [meetingId]);
  const meeting = detail.data?.id === meetingId ? detail.data : undefined;
  const canWrite = can('matter.write');

  if (detail.error !== undefined && !meeting) {
    return (
      <div className="gz-page">
        <ApiErrorResult error={detail.error} onRetry={detail.reload} />
      </div>
    );
  }
  if (!meeting) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;

  const tabParam = location.search.get('tab');
  const defaultTab = meeting.status === 'closed' ? 'result' : meeting.status === 'voting' ? 'ballots' : 'roster';
  const tab = tabParam === 'roster' || tabParam === 'ballots' || tabParam === 'result' ? tabParam : defaultTab;

  const act = async (run: () => Promise<unknown>, done: string, nextTab?: string) => {
    setActing(true);
    try {
      await run();
      message.success(done);
      if (nextTab) navigate(withQuery(`/meetings/${encodeURIComponent(meetingId)}`, { tab: nextTab }), { replace: true });
      detail.reload();
    } catch (error) {
      modal.error({ title: t('meeting.title'), content: errorMessage(error) });
    } finally {
      setActing(false);
    }
  };

  const disagreements = meeting.items.reduce((sum, item) => sum + item.paper.filter((entry) => entry.state === 'disagreed').length, 0);

  const primary = () => {
    if (!canWrite) return null;
    switch (meeting.status) {
      case 'called':
        return (
          <Button type="primary" size="large" icon={<PlayCircleOutlined />} loading={acting} onClick={() => void act(() => meetingsApi.openSignIn(meeting.id), t('meeting.status.signing_in'), 'roster')} data-testid="meeting-open-sign-in">
            {t('meeting.openSignIn')}
          </Button>
        );
      case 'signing_in':
        return (
          <Button
            type="primary"
            size="large"
            icon={<LockOutlined />}
            loading={acting}
            onClick={() =>
              modal.confirm({
                title: t('meeting.openVoting'),
                content: t('meeting.openVoting.confirm'),
                okText: t('meeting.openVoting'),
                cancelText: t('cancel'),
                okButtonProps: testIdButton('confirm-ok'),
                onOk: () => act(() => meetingsApi.openVoting(meeting.id), t('meeting.status.voting'), 'ballots'),
              })
            }
            data-testid="meeting-open-voting"
          >
            {t('meeting.openVoting')}
          </Button>
        );
      case 'voting':
        return (
          <Button
            type="primary"
            danger
            size="large"
            icon={<StopOutlined />}
            loading={acting}
            disabled={disagreements > 0}
            onClick={() =>
              modal.confirm({
                title: t('meeting.close'),
                content: t('meeting.close.confirm'),
                okText: t('meeting.close'),
                cancelText: t('cancel'),
                okButtonProps: testIdButton('confirm-ok'),
                onOk: () => act(() => meetingsApi.close(meeting.id), t('meeting.closed'), 'result'),
              })
            }
            data-testid="meeting-close"
          >
            {t('meeting.close')}
          </Button>
        );
      default:
        return null;
    }
  };

  const tallies = results(meeting);

  return (
    <LargeType>
      <div className="gz-page gz-grid-page gz-decisions" data-testid="meeting-page">
        <Card variant="borderless" className="gz-matter-head">
          <Link to={`/matters/${encodeURIComponent(meeting.matter.id)}`} className="gz-back" data-testid="meeting-back">
            <ArrowLeftOutlined /> {t('meeting.backToMatter')}：{meeting.matter.title}
          </Link>
          <div className="gz-head-row">
            <div>
              <Typography.Title level={3} style={{ margin: '8px 0' }} data-testid="meeting-title">
                {meeting.title}
              </Typography.Title>
              <Space wrap>
                <Tag color={meeting.status === 'closed' ? 'default' : 'processing'} className="gz-status-tag" data-testid="meeting-status">
                  {t(`meeting.status.${meeting.status}`)}
                </Tag>
                <span>{stageName(meeting.stage.name)}</span>
                <span className="gz-muted">· {meeting.body.name}</span>
              </Space>
            </div>
            <Space wrap>{primary()}</Space>
          </div>
          {meeting.status === 'voting' && disagreements > 0 && <Alert type="error" showIcon title={t('ballots.disagreements', { count: disagreements })} style={{ marginTop: 12 }} />}
          <Steps
            className="gz-meeting-steps"
            size="small"
            orientation={isPhone ? 'vertical' : 'horizontal'}
            current={STEP_OF[meeting.status]}
            status={meeting.status === 'closed' ? 'finish' : 'process'}
            items={[
              { title: t('meeting.step.called'), content: dayTime(meeting.calledAt) },
              { title: t('meeting.step.signIn'), content: meeting.signInOpenedAt ? dayTime(meeting.signInOpenedAt) : undefined },
              { title: t('meeting.step.voting'), content: meeting.votingOpenedAt ? dayTime(meeting.votingOpenedAt) : undefined },
              { title: t('meeting.step.closed'), content: meeting.closedAt ? dayTime(meeting.closedAt) : undefined },
            ]}
          />
          <Descriptions size="small" column={{ xs: 1, md: 2 }} className="gz-meeting-rules">
            <Descriptions.Item label={t('meeting.scheduledAt')}>{dayTime(meeting.scheduledAt)}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.place')}>{meeting.place || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rule.attendance')}>{shareRuleText(meeting.attendanceRule, 'attendance')}</Descriptions.Item>
            <Descriptions.Item label={t('rule.decision')}>{shareRuleText(meeting.decisionRule, 'decision')}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.ballotKind')}>
              {meeting.ballot === 'secret' ? t('meeting.ballot.secret') : t('meeting.ballot.open')}
              {meeting.allowProxy ? ` · ${t('rule.proxyAllowed')}` : ` · ${t('rule.proxyNotAllowed')}`}
            </Descriptions.Item>
            {meeting.noticeDays ? <Descriptions.Item label={t('rule.periods')}>{t('rule.noticeDays', { days: meeting.noticeDays })}</Descriptions.Item> : null}
          </Descriptions>
        </Card>

        <Card variant="borderless" title={t('meeting.liveCounts')} style={{ marginTop: 16 }}>
          <LiveCounts meeting={meeting} t={t} />
        </Card>

        <Card variant="borderless" style={{ marginTop: 16 }}>
          <Tabs
            activeKey={tab}
            onChange={(key) => navigate(withQuery(`/meetings/${encodeURIComponent(meetingId)}`, { tab: key }), { replace: true })}
            tabBarExtraContent={
              <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(meetingsApi.signInSheetUrl(meeting.id), { fallbackName: 'sign-in-sheet.csv' }).catch((error: unknown) => message.error(errorMessage(error)))}>
                {t('meeting.signInSheet')}
              </Button>
            }
            items={[
              {
                key: 'roster',
                label: <span data-testid="meeting-tab-roster">{t('roster.title')}</span>,
                children: (
                  <>
                    <Alert type="info" showIcon icon={<LockOutlined />} title={t('meeting.rosterFrozen', { count: meeting.counts.entitled })} style={{ marginBottom: 12 }} />
                    <MeetingRoster meeting={meeting} canWrite={canWrite} onChanged={detail.reload} />
                  </>
                ),
              },
              {
                key: 'ballots',
                label: <span data-testid="meeting-tab-ballots">{t('ballots.title')}</span>,
                children: <MeetingBallots meeting={meeting} canWrite={canWrite} onChanged={detail.reload} />,
              },
              {
                key: 'result',
                label: (
                  <span data-testid="meeting-tab-result">
                    <CheckCircleOutlined /> {t('tally.minutes')}
                  </span>
                ),
                children: tallies.length > 0 ? <TallyPanel items={tallies} /> : <Typography.Paragraph type="secondary">{t('tally.noExplanation')}</Typography.Paragraph>,
              },
            ]}
          />
        </Card>
      </div>
    </LargeType>
  );
}
