import { CloudDownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { downloadFile } from '../grid/download-file';
import { Link } from '../router';
import { importTicketFile, previewTickets, type ImportResult, type PreviewReport, type TicketVerdict } from './interop-api';
import { useInteropT } from './interop-messages';

const STATUS_COLOR = { ok: 'green', duplicate: 'blue', bad: 'red', created: 'green', rejected: 'red' } as const;

/** 导入 12345 工单: template → choose where → upload and check every row → import the good rows. */
export function HotlineImportTab() {
  const t = useInteropT();
  const { message } = App.useApp();
  const [target, setTarget] = useState<OrgPick | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<PreviewReport | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | 'template' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async (chosen: File) => {
    if (!target) {
      setError(t('import.pickFirst'));
      return;
    }
    setBusy('check');
    setError(null);
    setResult(null);
    try {
      setReport(await previewTickets(chosen, target.id));
      setFile(chosen);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!file || !target) return;
    setBusy('import');
    try {
      setResult(await importTicketFile(file, target.id));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const restart = () => {
    setReport(null);
    setResult(null);
    setFile(null);
    setError(null);
  };

  const template = async () => {
    setBusy('template');
    try {
      await downloadFile('/api/interop/12345/template.xlsx', { fallbackName: '12345-template.xlsx' });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const rows: (TicketVerdict & { result?: string })[] = report
    ? report.rows.map((r) => {
        const done = result?.results.find((x) => x.row === r.row);
        return done ? { ...r, result: done.result, demandId: done.demandId, reasons: done.reasons } : r;
      })
    : [];

  return (
    <div data-testid="interop-import">
      <Alert type="info" showIcon title={t('import.intro')} style={{ marginBottom: 20 }} />
      <div className="gz-step">
        <div className="gz-step-title">{t('import.step1')}</div>
        <Button size="large" icon={<CloudDownloadOutlined />} loading={busy === 'template'} onClick={() => void template()} data-testid="hotline-template">{t('import.template')}</Button>
      </div>

      <div className="gz-step">
        <div className="gz-step-title">{t('import.step2')}</div>
        <Space wrap align="center" style={{ marginBottom: 12 }}>
          <span>{t('import.target')}</span>
          <OrgTreeSelect value={target} onChange={(v) => { setTarget(v); restart(); }} allowedKinds={['district', 'street', 'community']} placeholder={t('import.targetPlaceholder')} style={{ width: 300, maxWidth: '100%' }} testId="hotline-target" />
        </Space>
        {!report && (
          <div data-testid="hotline-upload">
            <Upload.Dragger accept=".xlsx" multiple={false} showUploadList={false} disabled={busy === 'check'}
              beforeUpload={(chosen) => { void check(chosen); return Upload.LIST_IGNORE; }}>
              {busy === 'check' ? <Spin description={t('import.checking')} /> : (
                <>
                  <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                  <p className="ant-upload-text">{t('import.drop')}</p>
                  <p className="ant-upload-hint">{t('import.dropHint')}</p>
                </>
              )}
            </Upload.Dragger>
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="hotline-error" />}
      </div>

      {report && (
        <div className="gz-step">
          <div className="gz-step-title">{t('import.step3')}</div>
          <Typography.Paragraph style={{ fontSize: 18 }} data-testid="hotline-summary">
            {result
              ? t('import.done', { created: result.created, dup: result.duplicates, bad: result.rejected })
              : t('import.summary', { total: report.rows.length, ok: report.ok, dup: report.duplicates, bad: report.bad })}
          </Typography.Paragraph>
          {!result && report.ok === 0 && <Alert type="warning" showIcon title={t('import.nothing')} style={{ marginBottom: 12 }} />}
          <Space style={{ marginBottom: 16 }}>
            {!result && report.ok > 0 && (
              <Button type="primary" size="large" loading={busy === 'import'} onClick={() => void commit()} data-testid="hotline-commit">{t('import.commit', { n: report.ok })}</Button>
            )}
            <Button size="large" onClick={restart} data-testid="hotline-restart">{t('import.again')}</Button>
          </Space>
          <Table
            rowKey="row"
            size="middle"
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50 } : false}
            rowClassName={(r) => (r.status === 'bad' ? 'gz-row-bad' : '')}
            columns={[
              { title: t('col.row'), dataIndex: 'row', width: 70 },
              { title: t('col.ticketNo'), dataIndex: 'ticketNo', width: 190, render: (v: string | null) => <span style={{ wordBreak: 'break-all' }}>{v ?? '—'}</span> },
              {
                title: t('col.status'), key: 'status', width: 110,
                render: (_, r) => {
                  const shown = (r.result ?? r.status) as keyof typeof STATUS_COLOR;
                  const label = r.result === 'duplicate' ? t('status.duplicate') : t(`status.${shown}` as 'status.ok');
                  return <Tag color={STATUS_COLOR[shown]} style={{ fontSize: 15 }}>{label}</Tag>;
                },
              },
              { title: t('col.category'), dataIndex: 'categoryName', width: 130, render: (v: string | null) => v ?? '—' },
              { title: t('col.community'), dataIndex: 'communityName', width: 150, render: (v: string | null) => v ?? '—' },
              {
                title: t('col.reasons'), key: 'reasons',
                render: (_, r) => (
                  <Space orientation="vertical" size={2}>
                    {r.reasons.map((reason) => <span key={reason} style={{ color: r.status === 'bad' ? '#cf1322' : undefined }}>{reason}</span>)}
                    {r.demandId && <Link to={`/demands/${r.demandId}`}>{t('import.open')}</Link>}
                  </Space>
                ),
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
