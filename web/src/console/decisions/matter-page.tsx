import { ArrowLeftOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Descriptions, Form, Input, List, Modal, Space, Spin, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { ApiErrorResult } from '../common/api-error-result';
import { useApi } from '../common/use-api';
import { LargeType, rowTestId, testIdButton, useIsPhone } from '../grid/grid-ui';
import { Link, navigate, useLocation, withQuery } from '../router';
import { AttachmentsPanel } from './attachments-panel';
import { CurrentStagePanel } from './current-stage-panel';
import { mattersApi, meetingsApi, type MatterDetail, type MatterItem } from './decisions-api';
import { day, dayTime, loc, stageName } from './decisions-format';
import { useDT, type DecisionsT } from './decisions-messages';
import { ImplementationPanel } from './implementation-panel';
import { MatterTimeline } from './matter-timeline';
import { MatterStatusTag } from './matters-page';
import { PublicationPanel } from './publication-panel';
import { RaiseMatterModal } from './raise-matter-modal';
import { SolicitationPanel } from './solicitation-panel';
import { StageStepper, type StepperStage } from './stage-stepper';
import { SupervisionPanel } from './supervision-panel';
import './decisions.css';

const TABS = ['items', 'solicitation', 'meetings', 'files', 'supervision', 'publication', 'implementation', 'timeline'] as const;
type TabKey = (typeof TABS)[number];

function stepperStages(matter: MatterDetail): StepperStage[] {
  return matter.stages.map((stage) => ({
    id: stage.id,
    name: stage.name,
    kind: stage.kind,
    body: stage.rules.body,
    status: stage.status === 'closed' && (stage.outcome === 'rejected' || stage.outcome === 'sent_back') ? (stage.outcome === 'rejected' ? 'stopped' : 'returned') : stage.status,
    deadline: stage.dueAt,
    closedAt: stage.closedAt,
    outcome: stage.outcome,
    optional: stage.rules.optional,
  }));
}

function ItemsTable({ matter, t }: { matter: MatterDetail; t: DecisionsT }) {
  const personal = matter.items.some((item) => item.subjectName || item.householdSize !== null || item.amount !== null);
  const columns: TableColumnsType<MatterItem> = [
    { title: t('items.col.no'), dataIndex: 'position', width: 70 },
    {
      title: t('items.col.title'),
      key: 'title',
      render: (_, item) => (
        <div>
          <strong>{item.title}</strong>
          {item.description && <div className="gz-muted">{item.description}</div>}
        </div>
      ),
    },
    ...(personal
      ? [
          { title: t('items.col.subject'), key: 'subject', render: (_: unknown, item: MatterItem) => item.subjectName ?? '—' },
          { title: t('items.col.householdSize'), key: 'size', width: 100, render: (_: unknown, item: MatterItem) => item.householdSize ?? '—' },
          { title: t('items.col.amount'), key: 'amount', width: 120, render: (_: unknown, item: MatterItem) => item.amount ?? '—' },
        ]
      : []),
    {
      title: t('items.col.status'),
      key: 'status',
      width: 150,
      render: (_, item) => (
        <Tag color={item.status === 'passed' ? 'success' : item.status === 'stopped' ? 'error' : 'processing'} className="gz-result-tag" data-testid={`item-${item.status}`}>
          {t(`items.status.${item.status}`)}
        </Tag>
      ),
    },
  ];
  return (
    <div>
      {matter.batch && <Typography.Paragraph type="secondary">{t('items.batchNote')}</Typography.Paragraph>}
      <Table<MatterItem> rowKey="id" size="middle" columns={columns} dataSource={matter.items} pagination={false} onRow={() => rowTestId('item-row')} data-testid="items-table" scroll={{ x: 600 }} />
    </div>
  );
}

/** `/matters/:matterId?tab=`: 议题 — status, the next step, the procedure stepper, and every record of the matter. */
export function MatterPage({ matterId }: { matterId: string }) {
  const t = useDT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const location = useLocation();
  const [accepting, setAccepting] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [declineForm] = Form.useForm<{ reason: string }>();
  const detail = useApi((signal) => mattersApi.get(matterId, signal), [matterId]);
  const meetings = useApi((signal) => meetingsApi.list({ matterId }, signal), [matterId]);
  const matter = detail.data?.id === matterId ? detail.data : undefined;
  const tabParam = location.search.get('tab');
  const tab: TabKey = TABS.find((key) => key === tabParam) ?? 'items';

  const reload = () => {
    detail.reload();
    meetings.reload();
  };

  if (detail.error !== undefined && !matter) {
    return (
      <div className="gz-page">
        <ApiErrorResult error={detail.error} onRetry={detail.reload} />
      </div>
    );
  }
  if (!matter) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;

  const meetingItems = meetings.data?.items ?? [];
  const openFlags = matter.supervision.filter((note) => note.kind === 'flag' && !note.answeredAt).length;
  const files = matter.files.length + matter.stages.reduce((sum, stage) => sum + stage.files.length, 0);
  const hasImplementation = matter.stages.some((stage) => stage.kind === 'implementation');

  const items = [
    { key: 'items', label: <span data-testid="tab-items">{t('matter.tab.items')}</span>, children: <ItemsTable matter={matter} t={t} /> },
    { key: 'solicitation', label: <span data-testid="tab-solicitation">{t('matter.tab.solicitation')}</span>, children: <SolicitationPanel matter={matter} onChanged={reload} /> },
    {
      key: 'meetings',
      label: <span data-testid="tab-meetings">{t('matter.tab.meetings', { count: meetingItems.length })}</span>,
      children: (
        <List
          dataSource={meetingItems}
          locale={{ emptyText: t('matter.meetings.none') }}
          renderItem={(meeting) => (
            <List.Item
              data-testid="meeting-row"
              actions={[
                <Button key="open" icon={<TeamOutlined />} onClick={() => navigate(`/meetings/${encodeURIComponent(meeting.id)}`)} data-testid="meeting-open">
                  {t('open')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={meeting.title}
                description={`${stageName(meeting.stageName, matter.unit)} · ${meeting.bodyName} · ${dayTime(meeting.scheduledAt)} · ${t('meeting.presentOf', { present: meeting.present, entitled: meeting.entitled })}`}
              />
              <Tag>{loc(meeting.statusLabel)}</Tag>
            </List.Item>
          )}
        />
      ),
    },
    { key: 'files', label: <span data-testid="tab-files">{`${t('matter.tab.files')}（${files}）`}</span>, children: <AttachmentsPanel matter={matter} /> },
    {
      key: 'supervision',
      label: (
        <Badge count={openFlags} size="small" offset={[8, -2]}>
          <span data-testid="tab-supervision">{t('matter.tab.supervision')}</span>
        </Badge>
      ),
      children: <SupervisionPanel matter={matter} onChanged={reload} />,
    },
    { key: 'publication', label: <span data-testid="tab-publication">{t('matter.tab.publication')}</span>, children: <PublicationPanel matter={matter} onChanged={reload} /> },
    ...(hasImplementation ? [{ key: 'implementation', label: <span data-testid="tab-implementation">{t('matter.tab.implementation')}</span>, children: <ImplementationPanel matter={matter} onChanged={reload} /> }] : []),
    { key: 'timeline', label: <span data-testid="tab-timeline">{t('matter.tab.timeline')}</span>, children: <MatterTimeline events={matter.timeline.map((event) => ({ ...event, summary: event.summary }))} /> },
  ];

  return (
    <LargeType>
      <div className="gz-page gz-grid-page gz-decisions" data-testid="matter-page">
        <Card variant="borderless" className="gz-matter-head">
          <Link to="/matters" className="gz-back" data-testid="matter-back-list">
            <ArrowLeftOutlined /> {t('matter.back')}
          </Link>
          <div className="gz-head-row">
            <div>
              <Typography.Title level={3} style={{ margin: '8px 0' }} data-testid="matter-title">
                {matter.title}
              </Typography.Title>
              <Space wrap>
                <MatterStatusTag status={matter.status} t={t} />
                {matter.procedureName && <Tag color="blue">{matter.procedureName}</Tag>}
                {matter.batch && <Tag color="purple">{t('matters.batch', { count: matter.items.length })}</Tag>}
                {matter.category && <Tag>{matter.category}</Tag>}
              </Space>
            </div>
            {matter.status === 'raised' && (
              <Space wrap>
                <Button type="primary" size="large" onClick={() => setAccepting(true)} data-testid="matter-accept">
                  {t('matters.accept')}
                </Button>
                <Button size="large" onClick={() => { declineForm.resetFields(); setDeclining(true); }} data-testid="matter-decline">
                  {t('raise.decline')}
                </Button>
              </Space>
            )}
          </div>
          {matter.description && <Typography.Paragraph className="gz-pre" style={{ marginTop: 8 }}>{matter.description}</Typography.Paragraph>}
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
            <Descriptions.Item label={t('matter.community')}>{matter.communityName}</Descriptions.Item>
            <Descriptions.Item label={t('matter.raisedBy')}>
              {matter.raisedBy.kind === 'resident' ? `${matter.raisedBy.name}（${t('matters.fromResident')}）` : matter.raisedBy.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('matter.raisedAt')}>{day(matter.raisedAt)}</Descriptions.Item>
            {matter.budget !== null && <Descriptions.Item label={t('matter.budget')}>{t('matter.budget.value', { amount: matter.budget.toLocaleString('zh-CN') })}</Descriptions.Item>}
          </Descriptions>
          <CurrentStagePanel matter={matter} meetings={meetingItems} onChanged={reload} />
        </Card>

        {matter.stages.length > 0 && (
          <Card variant="borderless" title={t('matter.stages')} style={{ marginTop: 16 }}>
            <StageStepper stages={stepperStages(matter)} unit={matter.unit} vertical={isPhone || matter.stages.length > 9} />
          </Card>
        )}

        <Card variant="borderless" style={{ marginTop: 16 }}>
          <Tabs activeKey={tab} onChange={(key) => navigate(withQuery(`/matters/${encodeURIComponent(matterId)}`, { tab: key === 'items' ? undefined : key }), { replace: true })} items={items} />
        </Card>
        {accepting && (
          <RaiseMatterModal
            topic={{ id: matter.id, title: matter.title, category: matter.category }}
            onClose={() => setAccepting(false)}
            onDone={() => {
              setAccepting(false);
              message.success(t('raise.accepted'));
              reload();
            }}
          />
        )}
        {declining && (
          <Modal
            open
            title={t('raise.decline')}
            onCancel={() => setDeclining(false)}
            onOk={() => declineForm.submit()}
            okText={t('raise.decline')}
            cancelText={t('cancel')}
            okButtonProps={testIdButton('decline-submit', { danger: true })}
            destroyOnHidden
          >
            <Form
              form={declineForm}
              layout="vertical"
              onFinish={async (values: { reason: string }) => {
                try {
                  await mattersApi.decline(matter.id, values.reason.trim());
                  setDeclining(false);
                  reload();
                } catch (error) {
                  message.error(errorMessage(error));
                }
              }}
            >
              <Form.Item name="reason" label={t('raise.declineReason')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                <Input.TextArea rows={3} maxLength={1000} data-testid="decline-reason" />
              </Form.Item>
            </Form>
          </Modal>
        )}
        {meetings.error !== undefined && <Typography.Text type="danger">{errorMessage(meetings.error)}</Typography.Text>}
      </div>
    </LargeType>
  );
}
