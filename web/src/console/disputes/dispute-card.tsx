import { LockOutlined } from '@ant-design/icons';
import { Alert, Empty, Tag, Timeline } from 'antd';
import { errorMessage } from '../../shared/api';
import { useApi } from '../common/use-api';
import { disputesApi, type CardStepKind } from './disputes-api';
import { chinaDayTime } from './disputes-format';
import { useDisT } from './disputes-messages';

function stepColor(kind: CardStepKind, title: string): string {
  if (kind === 'attempt') return /成功|settled/i.test(title) && !/不成功|not/i.test(title) ? 'green' : 'red';
  if (kind === 'escalated' || kind === 'referred' || kind === 'risk_changed') return 'orange';
  if (kind === 'agreement' || kind === 'agreement_signed' || kind === 'judicial' || kind === 'closed') return 'green';
  return 'blue';
}

/** 一卡通: the whole history of the dispute on one card, oldest first, with the body that acted at each step. */
export function DisputeCard({ disputeId, version }: { disputeId: string; version: number }) {
  const t = useDisT();
  const card = useApi((signal) => disputesApi.card(disputeId, signal), [disputeId, version]);
  if (card.error !== undefined) return <Alert type="error" showIcon title={errorMessage(card.error)} />;
  const steps = card.data?.steps ?? [];
  return (
    <div data-testid="dispute-card">
      <div className="gz-muted" style={{ marginBottom: 12 }}>{t('detail.tab.card.hint')}</div>
      {card.data?.confidential && <Alert type="warning" showIcon icon={<LockOutlined />} className="gz-confidential" title={t('confidential')} style={{ marginBottom: 16 }} data-testid="card-confidential" />}
      {card.data && steps.length === 0 && <Empty description={t('card.empty')} />}
      <Timeline
        items={steps.map((step, index) => ({
          key: String(index),
          color: stepColor(step.kind, step.title),
          content: (
            <div data-testid="card-step" data-kind={step.kind}>
              <div className="gz-timeline-summary">
                <strong>{step.title}</strong>
                <Tag className="gz-timeline-body" color="geekblue">
                  {step.body.name}
                  {step.body.nodeName ? ` · ${step.body.nodeName}` : ''}
                </Tag>
              </div>
              {step.detail && <div className="gz-pre gz-card-detail">{step.detail}</div>}
              <div className="gz-muted">
                {chinaDayTime(step.at)}
                {step.by ? ` · ${t('card.by', { who: step.by.name })}` : ''}
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}
