import { ArrowLeftOutlined, EditOutlined, LockOutlined, RiseOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useCan } from '../auth-context';
import { ApiErrorResult } from '../common/api-error-result';
import { useApi } from '../common/use-api';
import { LargeType } from '../grid/grid-ui';
import { Link } from '../router';
import { AgreementPanel } from './agreement-panel';
import { AttemptModal } from './attempt-modal';
import { DisputeCard } from './dispute-card';
import { disputesApi, type Attempt, type DisputeDetail, type DisputesCatalogue } from './disputes-api';
import { RiskTag, StatusTag, WarningTags } from './disputes-page';
import { chinaDay } from './disputes-format';
import { useDisT, type DisputesT } from './disputes-messages';
import { CloseModal, EscalateModal, ReferModal } from './ladder-actions';
import { LadderSteps, type LadderStepLevel } from './ladder-steps';
import { MediatorAssignmentPanel } from './mediator-assignment-panel';
import { ReferralPanel } from './referral-panel';
import { useCatalogue } from './use-catalogue';
import './disputes.css';

type Dialog = 'attempt' | 'escalate' | 'refer' | 'close' | null;

function ladderLevels(dispute: DisputeDetail, catalogue: DisputesCatalogue): LadderStepLevel[] {
  const ladder = catalogue.ladders.find((l) => l.code === dispute.ladderCode);
  return (ladder?.levels ?? []).map((level) => ({
    key: level.key,
    name: level.name,
    maxAttempts: level.maxAttempts,
    outcomes: dispute.attemptsList.filter((a) => a.level === level.key).map((a) => a.outcome),
    leftEarly: dispute.escalations.some((e) => e.early && e.fromLevel === level.key),
  }));
}

function AttemptItem({ attempt, confidential, t }: { attempt: Attempt; confidential: boolean; t: DisputesT }) {
  const color = attempt.outcome === 'settled' ? 'green' : 'red';
  return (
    <div className="gz-attempt" data-testid="attempt-item">
      <div className="gz-attempt-head">
        <strong>{t('attempt.row', { level: attempt.levelName, n: attempt.numberAtLevel })}</strong>
        <Tag color={color}>{attempt.outcomeLabel}</Tag>
        <span className="gz-muted">
          {chinaDay(attempt.at)} · {t('attempt.mediators')}
          {t('colon')}
          {attempt.mediators.map((m) => m.name).join('、')} · {attempt.methodLabel}
          {attempt.methodNote ? `（${attempt.methodNote}）` : ''}
        </span>
      </div>
      {confidential ? null : <div className="gz-attempt-record">{attempt.record}</div>}
    </div>
  );
}

/** `/disputes/:id` 纠纷详情: the ladder, the next step, the records, referral, agreement and follow-ups; 一卡通 in its own tab. */
export function DisputePage({ disputeId }: { disputeId: string }) {
  const t = useDisT();
  const can = useCan();
  const { message } = App.useApp();
  const catalogue = useCatalogue();
  const loaded = useApi((signal) => disputesApi.get(disputeId, signal), [disputeId]);
  const [dispute, setDispute] = useState<DisputeDetail | undefined>(undefined);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => setDispute(loaded.data), [loaded.data]);

  if (loaded.error !== undefined && !dispute) return <ApiErrorResult error={loaded.error} onRetry={loaded.reload} />;
  if (!dispute || !catalogue) return <Skeleton active />;

  const changed = (next: DisputeDetail) => {
    setDialog(null);
    setDispute(next);
    setVersion((v) => v + 1);
    message.success(t('saved'));
  };

  const mediating = dispute.status === 'mediating';
  const mediate = can('dispute.mediate');
  const levels = ladderLevels(dispute, catalogue);
  const currentIndex = dispute.level ? dispute.level.index : levels.length;
  const above = levels[currentIndex + 1];
  const nextKind = dispute.nextStep.kind;
  const urgent = nextKind === 'refer_out' || nextKind === 'draw_up_agreement';

  const mediation = (
    <div data-testid="dispute-mediation">
      <div className="gz-dispute-section-title">{t('detail.ladder', { name: dispute.ladderName })}</div>
      <LadderSteps levels={levels} currentIndex={currentIndex} mediating={mediating} referralName={dispute.referral?.targetLabel ?? null} />
      <Alert
        type={urgent ? 'warning' : dispute.status === 'closed' ? 'success' : 'info'}
        showIcon
        className="gz-next-step"
        title={`${t('detail.next')}${t('colon')}${dispute.nextStep.label}`}
        style={{ marginBottom: 12 }}
        data-testid="dispute-next-step"
      />
      <Space wrap size="middle" style={{ marginBottom: 8 }}>
        {mediating && mediate && dispute.level && (
          <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => setDialog('attempt')} data-testid="attempt-record-button">
            {t('attempt.title.short', { level: dispute.level.name, n: dispute.level.attemptsUsed + 1, max: dispute.level.maxAttempts })}
          </Button>
        )}
        {mediating && mediate && above && (
          <Button size="large" icon={<RiseOutlined />} onClick={() => setDialog('escalate')} data-testid="escalate-button">
            {t('escalate.button.to', { level: above.name })}
          </Button>
        )}
        {(dispute.status === 'exhausted' || mediating) && mediate && (
          <Button size="large" danger={dispute.status === 'exhausted'} type={dispute.status === 'exhausted' ? 'primary' : 'default'} icon={<SendOutlined />} onClick={() => setDialog('refer')} data-testid="refer-button">
            {mediating ? t('refer.police') : t('refer.button')}
          </Button>
        )}
        {dispute.status !== 'closed' && can('dispute.record') && (
          <Button size="large" icon={<StopOutlined />} onClick={() => setDialog('close')} data-testid="close-button">
            {t('close.button')}
          </Button>
        )}
      </Space>
      {dispute.closed && (
        <Alert type="success" showIcon title={t('close.summary', { date: chinaDay(dispute.closed.at), outcome: dispute.closed.outcomeLabel })} description={dispute.closed.note ?? undefined} style={{ marginTop: 8 }} data-testid="dispute-closed" />
      )}
      <div className="gz-dispute-section" data-testid="attempts">
        <div className="gz-dispute-section-title">{t('attempt.list')}</div>
        {dispute.confidential && dispute.attemptsList.length > 0 && (
          <Alert type="warning" showIcon icon={<LockOutlined />} className="gz-confidential" title={t('confidential')} style={{ marginBottom: 12 }} data-testid="attempts-confidential" />
        )}
        {dispute.attemptsList.length === 0 && <div className="gz-muted">{t('attempt.none')}</div>}
        {[...dispute.attemptsList].reverse().map((attempt) => (
          <AttemptItem key={attempt.number} attempt={attempt} confidential={dispute.confidential} t={t} />
        ))}
        {dispute.escalations.filter((e) => e.early).map((e, i) => (
          <div key={i} className="gz-attempt gz-attempt-escalation" data-testid="escalation-item">
            <Tag color="orange">{t('ladder.skipped')}</Tag>
            {chinaDay(e.at)} {e.fromName} → {e.toName}：{e.reason}
          </div>
        ))}
      </div>
      <ReferralPanel dispute={dispute} onChange={changed} />
      <AgreementPanel dispute={dispute} catalogue={catalogue} onChange={changed} />
    </div>
  );

  return (
    <LargeType>
      <div className="gz-page gz-grid-page gz-disputes" data-testid="dispute-page">
        <div style={{ marginBottom: 12 }}>
          <Link to="/disputes">
            <ArrowLeftOutlined /> {t('back')}
          </Link>
        </div>
        <Card
          variant="borderless"
          title={
            <div className="gz-dispute-head">
              <span className="gz-muted">{dispute.number}</span> <span data-testid="dispute-summary-title">{dispute.summary}</span>
            </div>
          }
          extra={<StatusTag dispute={dispute} />}
        >
          <Space wrap size={4} style={{ marginBottom: 12 }}>
            <RiskTag dispute={dispute} />
            <WarningTags labels={dispute.warningLabels} />
          </Space>
          <Descriptions column={{ xs: 1, md: 2 }} size="middle" style={{ marginBottom: 8 }} data-testid="dispute-facts">
            <Descriptions.Item label={t('detail.type')}>{dispute.typeLabel}{dispute.typeNote ? `（${dispute.typeNote}）` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('detail.place')}>{dispute.communityName && dispute.communityName !== dispute.placeName ? `${dispute.communityName} · ${dispute.placeName}` : dispute.placeName}</Descriptions.Item>
            <Descriptions.Item label={t('detail.parties')}>
              <span data-testid="dispute-parties">
                {dispute.parties.map((p) => `${p.roleLabel} ${p.name}${p.phone ? `（${p.phone}）` : ''}`).join('；')}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.source')}>{dispute.sourceLabel}{dispute.sourceNote ? `（${dispute.sourceNote}）` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('detail.registered')}>
              {chinaDay(dispute.registeredAt)} · {dispute.registeredBy.name}
            </Descriptions.Item>
          </Descriptions>
          <MediatorAssignmentPanel dispute={dispute} onChange={changed} />
          <Tabs
            defaultActiveKey="mediation"
            items={[
              { key: 'mediation', label: <span data-testid="tab-mediation">{t('detail.tab.mediation')}</span>, children: mediation },
              { key: 'card', label: <span data-testid="tab-card">{t('detail.tab.card')}</span>, children: <DisputeCard disputeId={dispute.id} version={version} /> },
            ]}
          />
        </Card>
        {dialog === 'attempt' && <AttemptModal dispute={dispute} catalogue={catalogue} onClose={() => setDialog(null)} onDone={changed} />}
        {dialog === 'escalate' && <EscalateModal dispute={dispute} above={above?.name ?? ''} onClose={() => setDialog(null)} onDone={changed} />}
        {dialog === 'refer' && <ReferModal dispute={dispute} catalogue={catalogue} onClose={() => setDialog(null)} onDone={changed} />}
        {dialog === 'close' && <CloseModal dispute={dispute} catalogue={catalogue} onClose={() => setDialog(null)} onDone={changed} />}
      </div>
    </LargeType>
  );
}
