import { PrinterOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Divider, Drawer, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { ApiErrorResult } from '../common/api-error-result';
import { formatDateTime } from '../common/format';
import { useApi } from '../common/use-api';
import { LargeType, useIsPhone } from '../grid/grid-ui';
import { boardApi } from './board-api';
import { useBoardT } from './board-messages';
import type { EntryDetail } from './board-types';
import { ObjectionsSection } from './objections-section';
import { PostingsSection } from './postings-section';

/** One entry: its content, the print button, physical postings with photos, objections with answers, and its tamper-check code. */
export function EntryDrawer({ entryId, version, onClose, onChanged, onCorrect }: { entryId: string; version: number; onClose: () => void; onChanged: () => void; onCorrect: (entry: EntryDetail) => void }) {
  const t = useBoardT();
  const isPhone = useIsPhone();
  const [own, setOwn] = useState(0);
  const detail = useApi((signal) => boardApi.entry(entryId, signal), [entryId, version, own]);
  const changed = () => {
    setOwn((v) => v + 1);
    onChanged();
  };
  const e = detail.data && detail.data.id === entryId ? detail.data : undefined;

  return (
    <Drawer open onClose={onClose} size={isPhone ? '100%' : 760} destroyOnHidden title={e ? `${t('entry.seq', { seq: e.seq })}　${e.title}` : t('drawer.content')} data-testid="board-entry-drawer">
      <LargeType>
        {detail.error ? <ApiErrorResult error={detail.error} onRetry={detail.reload} /> : null}
        {!e && !detail.error && <Spin size="large" />}
        {e && <EntryBody e={e} onChanged={changed} onCorrect={() => onCorrect(e)} />}
      </LargeType>
    </Drawer>
  );
}

function EntryBody({ e, onChanged, onCorrect }: { e: EntryDetail; onChanged: () => void; onCorrect: () => void }) {
  const t = useBoardT();
  const { message } = App.useApp();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const withdrawn = e.state === 'withdrawn';

  const withdraw = async () => {
    setBusy(true);
    try {
      await boardApi.withdraw(e.id, reason.trim());
      message.success(t('drawer.withdrawn.done'));
      setWithdrawing(false);
      onChanged();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gz-board-drawer">
      <Space wrap style={{ marginBottom: 16 }}>
        {!withdrawn && (
          <Button type="primary" size="large" icon={<PrinterOutlined />} href={boardApi.noticeUrl(e.id)} target="_blank" data-testid="board-print">
            {t('drawer.print')}
          </Button>
        )}
        {e.canWrite && !withdrawn && (
          <Button icon={<RollbackOutlined />} onClick={onCorrect} data-testid="board-correct">
            {t('drawer.correct')}
          </Button>
        )}
        {e.canWrite && !withdrawn && (
          <Button danger icon={<StopOutlined />} onClick={() => setWithdrawing(true)} data-testid="board-withdraw">
            {t('drawer.withdraw')}
          </Button>
        )}
      </Space>
      {withdrawn && <Alert type="error" showIcon title={t('drawer.withdrawn', { reason: e.withdrawnReason ?? '' })} style={{ marginBottom: 16 }} />}
      {e.corrects && <Alert type="info" showIcon title={t('drawer.corrects', { seq: e.corrects.seq, title: e.corrects.title })} style={{ marginBottom: 16 }} />}
      {e.correctedByIds.length > 0 && <Alert type="warning" showIcon title={t('drawer.correctedBy')} style={{ marginBottom: 16 }} />}

      <Descriptions column={1} size="middle" bordered className="gz-board-descriptions">
        <Descriptions.Item label={t('publish.column')}>{e.columnName}</Descriptions.Item>
        <Descriptions.Item label={t('drawer.period')}>
          <Space wrap>
            <span>
              {e.startsOn} — {e.endsOn}
            </span>
            <Tag color={e.state === 'in_period' ? 'processing' : e.state === 'withdrawn' ? 'error' : 'default'}>{e.stateLabel}</Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('drawer.publishedBy')}>
          {e.publishedByName}　{formatDateTime(e.publishedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('drawer.chain')}>
          <Typography.Text code copyable={{ text: e.hash }} data-testid="board-entry-hash">
            {e.hash.slice(0, 16)}
          </Typography.Text>
          <div className="gz-muted">{t('drawer.chainHint')}</div>
        </Descriptions.Item>
      </Descriptions>

      <div className="gz-board-notice" data-testid="board-entry-body">
        <h3>{e.title}</h3>
        {e.body.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
        {e.personal && e.personal.length > 0 && (
          <Table
            size="middle"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={e.personal}
            columns={[
              { title: t('publish.personal.name'), dataIndex: 'name' },
              { title: t('publish.personal.size'), dataIndex: 'householdSize', render: (n: number) => `${n} 人` },
              { title: t('publish.personal.amount'), dataIndex: 'amount', align: 'right' },
            ]}
          />
        )}
      </div>

      <Divider titlePlacement="start">{t('posting.title')}</Divider>
      <PostingsSection entry={e} onChanged={onChanged} />

      <Divider titlePlacement="start">{t('objection.title')}</Divider>
      <ObjectionsSection entry={e} onChanged={onChanged} />

      <Modal open={withdrawing} title={t('drawer.withdraw')} onCancel={() => setWithdrawing(false)} onOk={() => void withdraw()} okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy }} okText={t('drawer.withdraw')} cancelText={t('cancel')}>
        <p>{t('drawer.withdrawConfirm')}</p>
        <Input.TextArea rows={3} value={reason} onChange={(ev) => setReason(ev.target.value)} placeholder={t('drawer.withdrawReason')} maxLength={500} data-testid="board-withdraw-reason" />
      </Modal>
    </div>
  );
}
