import { CheckCircleFilled, ClockCircleFilled, ExclamationCircleFilled, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useBoardT } from './board-messages';
import type { BoardColumn, BoardEntry, EntryState, FreshnessStatus } from './board-types';

const STATUS_COLOR: Record<FreshnessStatus, string> = { overdue: 'error', due_soon: 'warning', ok: 'success', no_rule: 'default' };
const STATE_COLOR: Record<EntryState, string> = { in_period: 'processing', scheduled: 'purple', ended: 'default', withdrawn: 'error' };

function StatusIcon({ status }: { status: FreshnessStatus }) {
  if (status === 'overdue') return <ExclamationCircleFilled style={{ color: '#cf1322' }} />;
  if (status === 'due_soon') return <ClockCircleFilled style={{ color: '#d46b08' }} />;
  return <CheckCircleFilled style={{ color: status === 'ok' ? '#389e0d' : '#8c8c8c' }} />;
}

/** One column of the board: its rule and whether it is overdue, and its entries (newest first). */
export function ColumnCard({ column, canWrite, onOpen, onPublish }: { column: BoardColumn; canWrite: boolean; onOpen: (entry: BoardEntry) => void; onPublish: () => void }) {
  const t = useBoardT();
  const status = column.status.status;
  return (
    <Card
      className={`gz-board-column gz-board-column-${status}`}
      data-testid={`board-column-${column.code}`}
      title={
        <Space size="small" wrap>
          <StatusIcon status={status} />
          <span className="gz-board-column-name">{column.name}</span>
          <Tag color={STATUS_COLOR[status]} className="gz-board-status-tag" data-testid={`board-column-status-${column.code}`}>
            {t(`status.${status}`)}
          </Tag>
        </Space>
      }
      extra={canWrite && <Button icon={<PlusOutlined />} onClick={onPublish} aria-label={`${t('publish.button')}：${column.name}`} />}
    >
      <div className={`gz-board-freshness gz-board-freshness-${status}`} data-testid={`board-column-message-${column.code}`}>
        {column.status.message}
      </div>
      <div className="gz-muted gz-board-rule">
        {t('column.rule', { rule: column.freshnessLabel })} · {column.status.lastPublishedOn ? t('column.last', { date: column.status.lastPublishedOn }) : t('column.neverPublished')}
      </div>
      {column.entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('column.empty')} />
      ) : (
        <List
          dataSource={column.entries}
          renderItem={(entry) => (
            <List.Item
              key={entry.id}
              className={`gz-board-entry gz-board-entry-${entry.state}`}
              onClick={() => onOpen(entry)}
              data-testid="board-entry"
              actions={[
                <Button key="open" type="link" onClick={() => onOpen(entry)}>
                  {t('entry.open')}
                </Button>,
              ]}
            >
              <div className="gz-board-entry-body">
                <div className="gz-board-entry-title">
                  <span className="gz-muted">{t('entry.seq', { seq: entry.seq })}</span> {entry.title}
                </div>
                <Space size={[6, 4]} wrap>
                  <Tag color={STATE_COLOR[entry.state]}>{entry.stateLabel}</Tag>
                  <Typography.Text type="secondary">{t('entry.period', { start: entry.startsOn, end: entry.endsOn })}</Typography.Text>
                  {entry.correctsEntryId && <Tag color="gold">{t('entry.correction')}</Tag>}
                  {entry.correctedByIds.length > 0 && <Tag>{t('entry.corrected')}</Tag>}
                  {(entry.unansweredObjections ?? 0) > 0 && <Badge status="error" text={<span className="gz-board-objection-count">{t('entry.objections', { n: entry.unansweredObjections ?? 0 })}</span>} />}
                </Space>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
