import { PlusOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { ApiErrorResult } from '../common/api-error-result';
import { useApi } from '../common/use-api';
import { LargeType } from '../grid/grid-ui';
import { navigate, useLocation, withQuery } from '../router';
import { boardApi } from './board-api';
import { useBoardT } from './board-messages';
import type { BoardEntry } from './board-types';
import { ColumnCard } from './column-card';
import { ColumnModal } from './column-modal';
import { EntryDrawer } from './entry-drawer';
import { PublishModal, type PublishTarget } from './publish-modal';
import './board.css';

/** `/board?community=…&entry=…`: 公开栏 — columns with their freshness warnings, entries, publishing, postings, objections. */
export function BoardPage() {
  const t = useBoardT();
  const location = useLocation();
  const communities = useApi((signal) => boardApi.communities(signal), []);
  const items = communities.data?.items ?? [];
  const communityId = location.search.get('community') ?? items[0]?.id ?? null;
  const entryId = location.search.get('entry');
  const [version, setVersion] = useState(0);
  const board = useApi((signal) => (communityId ? boardApi.board(communityId, signal) : Promise.resolve(undefined)), [communityId, version]);
  const [publishing, setPublishing] = useState<PublishTarget | null>(null);
  const [addingColumn, setAddingColumn] = useState(false);

  const go = (changes: { community?: string; entry?: string | null }) =>
    navigate(withQuery('/board', { community: changes.community ?? communityId, entry: changes.entry === undefined ? entryId : changes.entry }), { replace: changes.entry === undefined });
  const changed = () => {
    setVersion((v) => v + 1);
    communities.reload();
  };

  if (communities.error) return <ApiErrorResult error={communities.error} onRetry={communities.reload} />;
  const data = board.data;
  const canWrite = data?.canWrite ?? false;
  const columns = data?.columns.filter((c) => !c.archived) ?? [];
  const overdue = columns.filter((c) => c.status.status === 'overdue');

  const openEntry = (entry: BoardEntry) => go({ entry: entry.id });

  return (
    <LargeType>
      <div className="gz-page gz-board-page" data-testid="board-page">
        <Card
          variant="borderless"
          title={
            <Space wrap size="middle">
              <span>{t('title')}</span>
              {items.length > 1 && (
                <Select
                  value={communityId ?? undefined}
                  onChange={(value: string) => navigate(withQuery('/board', { community: value }))}
                  style={{ minWidth: 220 }}
                  placeholder={t('community.pick')}
                  data-testid="board-community"
                  options={items.map((c) => ({ value: c.id, label: c.overdueColumns > 0 ? `${c.name}（${t('community.warnings', { n: c.overdueColumns })}）` : c.name }))}
                />
              )}
              {items.length === 1 && <Typography.Text type="secondary">{items[0]?.name}</Typography.Text>}
            </Space>
          }
          extra={
            canWrite && (
              <Space wrap>
                <Button onClick={() => setAddingColumn(true)} data-testid="board-add-column">
                  {t('column.add')}
                </Button>
                <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setPublishing({ column: overdue[0]?.code ?? columns[0]?.code ?? 'residents' })} data-testid="board-publish">
                  {t('publish.button')}
                </Button>
              </Space>
            )
          }
        >
          {!communities.loading && items.length === 0 && <Empty description={t('community.none')} />}
          {board.error ? <ApiErrorResult error={board.error} onRetry={board.reload} /> : null}
          {!data && board.loading && communityId && <Spin size="large" />}
          {data && (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              {data.chain.ok ? (
                <Alert type="success" showIcon icon={<SafetyCertificateOutlined />} data-testid="board-chain" title={<span className="gz-board-alert-title">{t('chain.ok')}</span>} description={`${data.chain.message}。${t('chain.public')}`} />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  data-testid="board-chain"
                  title={<span className="gz-board-alert-title">{t('chain.broken')}</span>}
                  description={`${t('chain.brokenHint')}${data.chain.firstBroken?.message ?? data.chain.message}`}
                />
              )}
              {overdue.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  icon={<WarningOutlined />}
                  data-testid="board-overdue"
                  title={<span className="gz-board-alert-title">{t('overdue.title', { n: overdue.length, names: overdue.map((c) => c.name).join('、') })}</span>}
                  description={overdue.map((c) => `${c.name}：${c.status.message}`).join('；')}
                />
              )}
              <div className="gz-board-columns">
                {columns.map((column) => (
                  <ColumnCard key={column.code} column={column} canWrite={canWrite} onOpen={openEntry} onPublish={() => setPublishing({ column: column.code })} />
                ))}
              </div>
            </Space>
          )}
        </Card>
        {publishing && communityId && data && (
          <PublishModal
            communityId={communityId}
            columns={columns}
            target={publishing}
            onClose={() => setPublishing(null)}
            onDone={(id) => {
              setPublishing(null);
              changed();
              go({ entry: id });
            }}
          />
        )}
        {addingColumn && communityId && (
          <ColumnModal
            communityId={communityId}
            onClose={() => setAddingColumn(false)}
            onDone={() => {
              setAddingColumn(false);
              changed();
            }}
          />
        )}
        {entryId && (
          <EntryDrawer
            entryId={entryId}
            version={version}
            onClose={() => go({ entry: null })}
            onChanged={changed}
            onCorrect={(entry) => setPublishing({ column: entry.column, corrects: { id: entry.id, seq: entry.seq, title: entry.title } })}
          />
        )}
      </div>
    </LargeType>
  );
}
