import { WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useMe } from '../auth-context';
import { rowTestId, testIdButton } from '../grid/grid-ui';
import { meetingsApi, PAPER_BATCH_MAX, type Choice, type PaperEntryInput, type MeetingDetail, type MeetingItem, type MeetingRosterMember, type PaperReading } from './decisions-api';
import { useDT, type DecisionsT } from './decisions-messages';

const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];

type Row = {
  member: MeetingRosterMember;
  recused: boolean;
  present: boolean;
  portal: boolean;
  readings: PaperReading[];
  state: 'pending' | 'agreed' | 'disagreed' | null;
  counted: Choice | null;
};

function rowsOf(meeting: MeetingDetail, item: MeetingItem): Row[] {
  return meeting.roster.map((member) => {
    const paper = item.paper.find((entry) => entry.residentId === member.residentId);
    const vote = item.votes.find((entry) => entry.residentId === member.residentId);
    return {
      member,
      recused: item.recusals.some((recusal) => recusal.residentId === member.residentId),
      present: member.attendance !== null,
      portal: vote?.channel === 'portal',
      readings: paper?.readings ?? [],
      state: paper?.state ?? null,
      counted: vote?.choice ?? null,
    };
  });
}

function ChoiceText({ choice, t }: { choice: Choice | null; t: DecisionsT }) {
  if (!choice) return <span>{t('saved')}</span>;
  return <span className={`gz-choice gz-choice-${choice}`}>{t(`choice.${choice}`)}</span>;
}

/**
 * 计票: the paper ballots of one item as read by the signed-in teller; both tellers' current readings
 * side by side, disagreements in red until one of them corrects (with a reason; the old reading is kept).
 */
export function MeetingBallots({ meeting, canWrite, onChanged }: { meeting: MeetingDetail; canWrite: boolean; onChanged: () => void }) {
  const t = useDT();
  const me = useMe();
  const { message } = App.useApp();
  const [itemId, setItemId] = useState(meeting.items[0]?.itemId ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<{ row: Row; choice: Choice } | null>(null);
  const [bulk, setBulk] = useState(false);
  const [bulkRuns, setBulkRuns] = useState(0);
  const [form] = Form.useForm<{ reason: string }>();
  const item = meeting.items.find((candidate) => candidate.itemId === itemId) ?? meeting.items[0];
  const voting = meeting.status === 'voting';
  if (!item) return null;
  const rows = rowsOf(meeting, item);
  const disagreements = meeting.items.reduce((sum, candidate) => sum + candidate.paper.filter((entry) => entry.state === 'disagreed').length, 0);

  const mineOf = (row: Row) => row.readings.find((reading) => reading.tellerId === me.id && !reading.superseded) ?? null;
  const canEnter = (row: Row) => canWrite && voting && row.present && !row.recused && !row.portal;

  const enter = async (row: Row, choice: Choice, correctionReason: string | null) => {
    setBusy(row.member.residentId);
    try {
      await meetingsApi.enterBallot(meeting.id, { itemId: item.itemId, residentId: row.member.residentId, choice, correctionReason });
      onChanged();
      return true;
    } catch (error) {
      message.error(errorMessage(error));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const pick = (row: Row, choice: Choice) => {
    const mine = mineOf(row);
    if (mine) {
      if (mine.choice === choice) return;
      form.resetFields();
      setCorrecting({ row, choice });
      return;
    }
    void enter(row, choice, null);
  };

  // Every item: the ballots this teller has not read yet are entered as 同意 (the usual bulk of a paper count),
  // in one request (all checked first; nothing is saved if any reading is refused).
  const markRestYes = async () => {
    setBulk(true);
    try {
      const entries: PaperEntryInput[] = meeting.items.flatMap((candidate) =>
        rowsOf(meeting, candidate)
          .filter((row) => canEnter(row) && !row.readings.some((reading) => reading.tellerId === me.id && !reading.superseded))
          .map((row) => ({ itemId: candidate.itemId, residentId: row.member.residentId, choice: 'yes' as const })),
      );
      if (entries.length === 0) {
        message.info(t('ballots.bulkNone'));
        return;
      }
      const done = { count: 0, agreed: 0, pending: 0, disagreed: 0 };
      for (let start = 0; start < entries.length; start += PAPER_BATCH_MAX) {
        const result = await meetingsApi.enterBallots(meeting.id, entries.slice(start, start + PAPER_BATCH_MAX));
        done.count += result.count;
        done.agreed += result.agreed;
        done.pending += result.pending;
        done.disagreed += result.disagreed;
      }
      message.success(t('ballots.bulkDone', done));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBulk(false);
      setBulkRuns((runs) => runs + 1);
      onChanged();
    }
  };

  const status = (row: Row) => {
    if (row.recused) return <Tag color="orange">{t('ballots.recused')}</Tag>;
    if (!row.present) return <span className="gz-muted">{t('ballots.absent')}</span>;
    if (row.portal) return <Tag color="cyan">{t('ballots.portal')}</Tag>;
    if (row.state === 'disagreed')
      return (
        <Tag color="red" icon={<WarningFilled />} className="gz-result-tag" data-testid="ballot-disagree">
          {t('ballots.disagree')}
        </Tag>
      );
    if (row.state === 'agreed')
      return (
        <Tag color="green" className="gz-result-tag" data-testid="ballot-agree">
          {t('ballots.agree')}
        </Tag>
      );
    if (row.readings.length > 0) return <Tag color="gold">{t('ballots.pending')}</Tag>;
    return null;
  };

  const columns: TableColumnsType<Row> = [
    { title: t('roster.col.no'), key: 'no', width: 60, render: (_, row) => row.member.position },
    { title: t('ballots.col.member'), key: 'member', width: 140, render: (_, row) => <strong data-testid="ballot-member">{row.member.name}</strong> },
    {
      title: t('ballots.col.mine'),
      key: 'mine',
      render: (_, row) =>
        canEnter(row) ? (
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={mineOf(row)?.choice ?? undefined}
            disabled={busy === row.member.residentId || bulk}
            onChange={(event) => pick(row, event.target.value as Choice)}
            options={CHOICES.map((choice) => ({ value: choice, label: t(`choice.${choice}`) }))}
            data-testid="ballot-choice"
          />
        ) : null,
    },
    {
      title: t('ballots.col.tellers'),
      key: 'tellers',
      render: (_, row) => (
        <div className="gz-readings">
          {row.readings
            .filter((reading) => !reading.superseded)
            .map((reading) => (
              <div key={reading.id}>
                {reading.tellerName}
                {t('colon')}
                <ChoiceText choice={reading.choice} t={t} />
                {reading.correctionReason && <span className="gz-muted">（{t('ballots.correction')}：{reading.correctionReason}）</span>}
              </div>
            ))}
          {row.readings.some((reading) => reading.superseded) && (
            <details className="gz-muted">
              <summary>{t('ballots.history')}</summary>
              {row.readings
                .filter((reading) => reading.superseded)
                .map((reading) => (
                  <div key={reading.id} className="gz-superseded">
                    {reading.tellerName}
                    {t('colon')}
                    <ChoiceText choice={reading.choice} t={t} />
                  </div>
                ))}
            </details>
          )}
        </div>
      ),
    },
    { title: t('ballots.col.counted'), key: 'state', width: 150, render: (_, row) => status(row) },
  ];

  return (
    <div data-testid="meeting-ballots" data-bulk-runs={bulkRuns}>
      <Typography.Paragraph type="secondary">{t('ballots.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="blue" className="gz-result-tag" data-testid="ballots-teller">
          {t('ballots.me', { name: me.displayName })}
        </Tag>
        {disagreements > 0 ? (
          <Typography.Text type="danger" strong data-testid="ballots-disagreements">
            <WarningFilled /> {t('ballots.disagreements', { count: disagreements })}
          </Typography.Text>
        ) : (
          item.paper.length > 0 && <Typography.Text type="success">{t('ballots.allAgree')}</Typography.Text>
        )}
      </Space>
      {!voting && meeting.status !== 'closed' && <Alert type="info" showIcon title={t('ballots.notVoting')} style={{ marginBottom: 12 }} />}
      {meeting.items.length > 1 && (
        <Tabs
          activeKey={item.itemId}
          onChange={setItemId}
          items={meeting.items.map((candidate) => ({
            key: candidate.itemId,
            label: (
              <span data-testid="ballot-item-tab">
                {candidate.position}. {candidate.title}
                {candidate.paper.some((entry) => entry.state === 'disagreed') && <WarningFilled style={{ color: '#cf1322', marginInlineStart: 4 }} />}
              </span>
            ),
          }))}
        />
      )}
      {canWrite && voting && (
        <Button onClick={() => void markRestYes()} loading={bulk} style={{ marginBottom: 12 }} data-testid="ballots-rest-yes">
          {t('ballots.allYes')}
        </Button>
      )}
      <Table<Row>
        rowKey={(row) => row.member.residentId}
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 300 ? { pageSize: 100 } : false}
        rowClassName={(row) => (row.state === 'disagreed' ? 'gz-row-overdue' : '')}
        onRow={() => rowTestId('ballot-row')}
        scroll={{ x: 760 }}
      />
      {correcting && (
        <Modal
          open
          title={t('ballots.correction.title')}
          onCancel={() => setCorrecting(null)}
          onOk={() => form.submit()}
          okButtonProps={testIdButton('correction-submit')}
          okText={t('save')}
          cancelText={t('cancel')}
          destroyOnHidden
        >
          <Typography.Paragraph>
            {correcting.row.member.name}：<ChoiceText choice={mineOf(correcting.row)?.choice ?? null} t={t} /> → <ChoiceText choice={correcting.choice} t={t} />
          </Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={async (values: { reason: string }) => {
              if (await enter(correcting.row, correcting.choice, values.reason.trim())) setCorrecting(null);
            }}
          >
            <Form.Item name="reason" label={t('ballots.correction')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input maxLength={200} placeholder={t('ballots.correction.placeholder')} data-testid="correction-reason" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}
