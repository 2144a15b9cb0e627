import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Result, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import type { ImportReport, ImportRowError } from '../../shared/api-types';
import { downloadFile } from '../grid/download-file';
import { localDateTime } from '../grid/grid-format';
import { rowTestId, useIsPhone } from '../grid/grid-ui';
import { useT } from '../messages';
import { navigate } from '../router';
import { commitImport, discardImport, errorsWorkbookPath } from './registry-import-api';

function ErrorsTable({ errors, testId }: { errors: ImportRowError[]; testId: string }) {
  const t = useT();
  const isPhone = useIsPhone();
  const columns: TableColumnsType<ImportRowError> = [
    { title: t('import.row'), dataIndex: 'row', width: 80, render: (row: number) => <strong>{row}</strong> },
    { title: t('import.field'), dataIndex: 'label', width: 120 },
    { title: t('import.reason'), dataIndex: 'message' },
  ];
  return (
    <Table<ImportRowError>
      data-testid={testId}
      rowKey={(error, index) => `${error.row}:${error.field}:${index ?? 0}`}
      size="middle"
      columns={columns}
      dataSource={errors}
      onRow={() => rowTestId('import-error-row')}
      scroll={isPhone ? { x: 480 } : undefined}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
    />
  );
}

/** The check report of one upload and its two ways out: import the good rows, or drop the batch. */
export function ImportReportView({ report, onChange, onRestart }: { report: ImportReport; onChange: (report: ImportReport) => void; onRestart: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'commit' | 'discard' | 'errors' | null>(null);

  const run = async (what: 'commit' | 'discard') => {
    setBusy(what);
    try {
      onChange(what === 'commit' ? await commitImport(report.id) : await discardImport(report.id));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };
  const downloadErrors = async () => {
    setBusy('errors');
    try {
      await downloadFile(errorsWorkbookPath(report.id), { fallbackName: 'import-errors.xlsx' });
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  if (report.status === 'committed') {
    return (
      <div data-testid="import-report">
        <Result
          status="success"
          data-testid="import-done"
          title={t('import.done.title', { count: report.imported ?? 0 })}
          subTitle={report.bad > 0 ? t('import.done.subtitle', { bad: report.bad, total: report.total }) : t('import.done.subtitleAll', { total: report.total })}
          extra={
            <Space wrap>
              <Button type="primary" onClick={() => navigate('/residents')} data-testid="import-to-residents">
                {t('import.done.toResidents')}
              </Button>
              <Button onClick={onRestart}>{t('import.again')}</Button>
            </Space>
          }
        />
        {report.skipped.length > 0 && (
          <>
            <Alert type="warning" showIcon title={t('import.skipped', { count: report.skipped.length })} style={{ marginBottom: 12 }} />
            <ErrorsTable errors={report.skipped} testId="import-skipped-table" />
          </>
        )}
      </div>
    );
  }

  if (report.status === 'discarded') {
    return (
      <div data-testid="import-report">
        <Result status="info" data-testid="import-discarded" title={t('import.discarded')} extra={<Button onClick={onRestart}>{t('import.again')}</Button>} />
      </div>
    );
  }

  return (
    <div data-testid="import-report">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('import.report.title', { name: report.fileName ?? '' })}
      </Typography.Title>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('import.total')} value={report.total} data-testid="import-total" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('import.good')} value={report.good} prefix={<CheckCircleFilled style={{ color: '#389e0d' }} />} data-testid="import-good" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('import.bad')} value={report.bad} prefix={report.bad > 0 ? <CloseCircleFilled style={{ color: '#cf1322' }} /> : undefined} data-testid="import-bad" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('import.newHouseholds')} value={report.newHouseholds} />
        </Col>
      </Row>

      {report.expired ? (
        <Alert type="error" showIcon title={t('import.expired')} action={<Button onClick={onRestart}>{t('import.again')}</Button>} />
      ) : (
        <>
          <Alert type="warning" showIcon title={t('import.notYet')} description={t('import.expires', { at: localDateTime(report.expiresAt) })} style={{ marginBottom: 16 }} />
          {report.bad > 0 && (
            <>
              <Alert type="error" showIcon title={t('import.badRows', { bad: report.bad, good: report.good })} style={{ marginBottom: 12 }} />
              <Space wrap style={{ marginBottom: 12 }}>
                <Button icon={<DownloadOutlined />} loading={busy === 'errors'} onClick={() => void downloadErrors()} data-testid="import-errors-download">
                  {t('import.errorsDownload')}
                </Button>
                {report.errorsTruncated && <Typography.Text type="secondary">{t('import.errorsTruncated', { shown: report.errors.length, total: report.errorCount })}</Typography.Text>}
              </Space>
              <ErrorsTable errors={report.errors} testId="import-errors-table" />
            </>
          )}
          <Space wrap style={{ marginTop: 16 }}>
            <Button type="primary" size="large" disabled={report.good === 0} loading={busy === 'commit'} onClick={() => void run('commit')} data-testid="import-commit">
              {t('import.commit', { count: report.good })}
            </Button>
            <Button size="large" loading={busy === 'discard'} onClick={() => void run('discard')} data-testid="import-discard">
              {t('import.discard')}
            </Button>
          </Space>
          {report.good === 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('import.nothingGood')}</Typography.Paragraph>}
        </>
      )}
    </div>
  );
}
