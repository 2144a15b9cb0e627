import { App, Button, Empty, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { formatDateTime } from '../common/format';
import { boardApi } from './board-api';
import { useBoardT } from './board-messages';
import type { EntryDetail, Objection } from './board-types';

/** 居民异议: each objection raised during the publication period, and the answer (every one needs one). */
export function ObjectionsSection({ entry, onChanged }: { entry: EntryDetail; onChanged: () => void }) {
  const t = useBoardT();
  if (entry.objections.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span>{t('objection.none')}{entry.acceptsObjections ? ` ${t('objection.open')}` : ''}</span>} />;
  return (
    <List
      data-testid="board-objections"
      dataSource={entry.objections}
      renderItem={(o) => (
        <List.Item key={o.id} data-testid="board-objection">
          <ObjectionItem entry={entry} objection={o} onChanged={onChanged} />
        </List.Item>
      )}
    />
  );
}

function ObjectionItem({ entry, objection: o, onChanged }: { entry: EntryDetail; objection: Objection; onChanged: () => void }) {
  const t = useBoardT();
  const { message } = App.useApp();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      await boardApi.answer(entry.id, o.id, answer.trim());
      message.success(t('objection.sent'));
      onChanged();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ width: '100%' }}>
      <Space wrap>
        {!o.answer && <Tag color="error">{t('objection.waiting')}</Tag>}
        <span className="gz-muted">{t('objection.from', { name: o.residentName, time: formatDateTime(o.createdAt) })}</span>
      </Space>
      <div className="gz-board-objection-text">{o.text}</div>
      {o.answer ? (
        <div className="gz-board-answer">
          <div className="gz-muted">{t('objection.answered', { name: o.answeredByName ?? '', time: formatDateTime(o.answeredAt) })}</div>
          <div>{o.answer}</div>
        </div>
      ) : (
        entry.canWrite && (
          <Space.Compact style={{ width: '100%', marginTop: 8 }} direction="vertical">
            <Input.TextArea rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={t('objection.answerPlaceholder')} maxLength={2000} data-testid="board-answer-text" />
            <Button type="primary" onClick={() => void send()} loading={busy} disabled={answer.trim().length === 0} style={{ marginTop: 8, alignSelf: 'flex-start' }} data-testid="board-answer-send">
              {t('objection.send')}
            </Button>
          </Space.Compact>
        )
      )}
    </div>
  );
}
