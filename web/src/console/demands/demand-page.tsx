import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Image, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useLang } from '../../shared/i18n';
import { ApiErrorResult } from '../common/api-error-result';
import { useApi } from '../common/use-api';
import { LargeType } from '../grid/grid-ui';
import { Link, navigate } from '../router';
import { DemandActions } from './demand-actions';
import { DeadlineText, deadlineDateTime, DemandStatusTag, shortDateTime, useRestDays } from './demand-format';
import { demandsApi, type DemandDetail, type HistoryEntry } from './demands-api';
import { useDemT, type DemandsT } from './demands-messages';
import './demands.css';

const RED_EVENTS = new Set(['returned', 'escalated', 'supervised', 'urged', 'reopened']);

/** `/demands/:demandId`: 诉求详情 — status, the two deadlines and reminders, who is answerable, history, photos, actions. */
export function DemandPage({ demandId }: { demandId: string }) {
  const t = useDemT();
  const zh = useLang() === 'zh-CN';
  const rest = useRestDays();
  const loaded = useApi((signal) => demandsApi.get(demandId, signal), [demandId]);
  const categories = useApi((signal) => demandsApi.categories(signal), []);
  const [demand, setDemand] = useState<DemandDetail | undefined>(undefined);
  useEffect(() => setDemand(loaded.data), [loaded.data]);

  if (loaded.error !== undefined && !demand) return <ApiErrorResult error={loaded.error} onRetry={loaded.reload} />;
  if (!demand) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  const d = demand;
  const unit = categories.data?.find((c) => c.code === d.category)?.finish.unit ?? 'working_days';
  const late = d.deadlines.overdue && (d.status === 'received' || d.status === 'routed' || d.status === 'accepted');

  return (
    <LargeType>
      <div className="gz-demands" data-testid="demand-page">
        <div>
          <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/demands')} style={{ paddingLeft: 0 }}>
            {t('back')}
          </Button>
        </div>
        <Space align="center" wrap style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="demand-title">
            {d.title}
          </Typography.Title>
          <DemandStatusTag status={d.status} name={d.statusName} />
          <DeadlineText finishBy={d.finishBy} overdue={d.overdue} status={d.status} rest={rest} t={t} />
        </Space>

        {d.revisitRequired && <Alert type="warning" showIcon title={t('detail.revisit')} style={{ marginBottom: 12 }} />}
        {d.mergedInto && (
          <Alert type="info" showIcon title={t('detail.mergedInto')} action={<Link to={`/demands/${encodeURIComponent(d.mergedInto)}`}>{t('detail.openMerged')}</Link>} style={{ marginBottom: 12 }} />
        )}

        <div className="gz-demand-head" data-testid="demand-deadlines">
          <div className={`gz-demand-clock${d.deadlines.respondMet === false ? ' gz-late' : ''}`}>
            <div className="gz-clock-label">{t('detail.respond')}</div>
            <div className="gz-clock-time" data-testid="demand-respond-by">{deadlineDateTime(d.deadlines.respondBy, zh)}</div>
            <div>
              {d.deadlines.respondedAt ? (
                <Typography.Text type={d.deadlines.respondMet === false ? 'danger' : 'success'}>{t('detail.responded', { at: shortDateTime(d.deadlines.respondedAt, zh) })}</Typography.Text>
              ) : d.deadlines.respondMet === false ? (
                <Typography.Text type="danger">{t('detail.respondLate')}</Typography.Text>
              ) : null}
            </div>
          </div>
          <div className={`gz-demand-clock${late ? ' gz-late' : ''}`}>
            <div className="gz-clock-label">{t('detail.finish')}</div>
            <div className="gz-clock-time" data-testid="demand-finish-by">{d.deadlines.finishBy ? deadlineDateTime(d.deadlines.finishBy, zh) : t('detail.paused')}</div>
            <div className={late ? undefined : 'gz-muted'}>{finishNote(d, late, rest, t)}</div>
          </div>
          {d.deadlines.hotline && (
            <div className="gz-demand-clock" data-testid="demand-hotline-limit">
              <div className="gz-clock-label">{t('detail.hotline')}</div>
              <div className="gz-clock-time">{d.deadlines.hotline.by ? deadlineDateTime(d.deadlines.hotline.by, zh) : t('none')}</div>
              <div className="gz-muted">{t('detail.hotlineLimit', { days: d.deadlines.hotline.limitWorkingDays, at: shortDateTime(d.deadlines.hotline.calledAt, zh) })}</div>
              {d.deadlines.ownFinishBy && d.deadlines.ownFinishBy !== d.deadlines.finishBy && <div className="gz-muted">{t('detail.ownBy', { at: shortDateTime(d.deadlines.ownFinishBy, zh) })}</div>}
            </div>
          )}
          <div className="gz-demand-clock">
            <div className="gz-clock-label">{t('detail.reminders')}</div>
            <div>
              {t('detail.urgeAt', { at: shortDateTime(d.deadlines.urgeAt, zh) })} {d.deadlines.urgeDue && <Tag color="orange">{t('detail.urgeDue')}</Tag>}
            </div>
            <div>
              {t('detail.superviseAt', { at: shortDateTime(d.deadlines.superviseAt, zh) })} {d.deadlines.superviseDue && <Tag color="red">{t('detail.superviseDue')}</Tag>}
            </div>
          </div>
        </div>

        <Card title={t('detail.actions')} style={{ marginTop: 16 }}>
          <DemandActions demand={d} unit={unit} onDone={setDemand} />
        </Card>

        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} lg={12}>
            <Card>
              <Descriptions column={1} size="middle" styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}>
                <Descriptions.Item label={t('detail.firstAsked')}>
                  <strong data-testid="demand-first-asked">{d.firstAskedBy}</strong>
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.lead')}>
                  {d.levelName ? (
                    <span data-testid="demand-lead">
                      {d.levelName} · {d.leadBodyName}
                    </span>
                  ) : (
                    <Typography.Text type="warning">{t('level.unassigned')}</Typography.Text>
                  )}
                </Descriptions.Item>
                {d.coBodies.length > 0 && <Descriptions.Item label={t('detail.co')}>{d.coBodies.map((b) => b.name ?? b.body).join('、')}</Descriptions.Item>}
                <Descriptions.Item label={t('detail.category')}>{d.categoryName}</Descriptions.Item>
                <Descriptions.Item label={t('detail.channel')}>{d.channelName}</Descriptions.Item>
                <Descriptions.Item label={t('detail.received')}>{shortDateTime(d.createdAt, zh)}</Descriptions.Item>
                {d.contactName && <Descriptions.Item label={t('detail.contact')}>{d.contactName}</Descriptions.Item>}
                {d.reopenCount > 0 && <Descriptions.Item label=" ">{t('detail.reopened', { n: d.reopenCount })}</Descriptions.Item>}
              </Descriptions>
              {d.description && (
                <>
                  <Typography.Title level={5}>{t('detail.description')}</Typography.Title>
                  <Typography.Paragraph className="gz-pre" data-testid="demand-description">
                    {d.description}
                  </Typography.Paragraph>
                </>
              )}
            </Card>
            <Card title={t('detail.photos')} style={{ marginTop: 16 }}>
              {d.photos.length === 0 ? (
                <span className="gz-muted">{t('detail.noPhotos')}</span>
              ) : (
                <Image.PreviewGroup>
                  <Space wrap className="gz-demand-gallery" data-testid="demand-photos">
                    {d.photos.map((p) => (
                      <Image key={p.id} src={demandsApi.photoUrl(d.id, p.id)} alt={p.name} width={160} height={120} />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('detail.history')}>
              <History entries={d.history} zh={zh} t={t} />
            </Card>
          </Col>
        </Row>
      </div>
    </LargeType>
  );
}

/** Under the finish deadline: paused, how late, or how much of the time is used while it runs. */
function finishNote(d: DemandDetail, late: boolean, rest: Set<string> | null, t: DemandsT): ReactNode {
  if (d.deadlines.paused) return t('detail.paused');
  if (late) return <DeadlineText finishBy={d.finishBy} overdue={d.overdue} status={d.status} rest={rest} t={t} />;
  const running = d.status === 'received' || d.status === 'routed' || d.status === 'accepted';
  return running ? t('detail.used', { pct: Math.round(d.deadlines.finishShare * 100) }) : null;
}

function History({ entries, zh, t }: { entries: HistoryEntry[]; zh: boolean; t: DemandsT }) {
  if (entries.length === 0) return <Empty />;
  return (
    <Timeline
      className="gz-demand-history"
      data-testid="demand-history"
      items={[...entries].reverse().map((e) => ({
        key: e.seq,
        color: RED_EVENTS.has(e.kind) ? 'red' : e.kind === 'done' || e.kind === 'rated' ? 'green' : 'blue',
        content: (
          <div data-testid="demand-history-entry" data-kind={e.kind}>
            <div>
              <strong>{e.kindName}</strong>
              <span className="gz-muted">
                {' '}
                · {shortDateTime(e.at, zh)}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </span>
            </div>
            {e.text && <div>{e.text}</div>}
            {e.reason && (
              <div className="gz-history-reason">
                {t('detail.reason')}
                {t('colon')}
                {e.reason}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
