import { CloudDownloadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Space, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import type { ImportReport } from '../../shared/api-types';
import { useCan } from '../auth-context';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { downloadFile } from '../grid/download-file';
import { LargeType } from '../grid/grid-ui';
import { useT } from '../messages';
import { ImportReportView } from './import-report';
import { uploadWorkbook } from './registry-import-api';

/**
 * 人口导入: download the template, upload a filled workbook, read the report of every bad row, then
 * import the good rows or drop the batch — nothing is written before that choice. And 导出.
 */
export function RegistryImportPage() {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const [target, setTarget] = useState<OrgPick | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<'template' | 'export' | null>(null);
  const [exportNode, setExportNode] = useState<OrgPick | null>(null);
  const [unmasked, setUnmasked] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    setUploadError(null);
    setReport(null);
    try {
      setReport(await uploadWorkbook(file, { nodeId: target?.id ?? null }));
    } catch (error) {
      setUploadError(errorMessage(error));
    } finally {
      setUploading(false);
    }
  };

  const download = async (what: 'template' | 'export') => {
    setDownloading(what);
    try {
      if (what === 'template') await downloadFile('/api/registry/template.xlsx', { fallbackName: 'registry-template.xlsx' });
      else await downloadFile('/api/registry/export.xlsx', { query: { nodeId: exportNode?.id, unmasked: unmasked ? '1' : undefined }, fallbackName: 'registry-export.xlsx' });
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDownloading(null);
    }
  };

  const restart = () => {
    setReport(null);
    setUploadError(null);
  };

  return (
    <LargeType>
      <div className="gz-page gz-grid-page" data-testid="registry-import-page">
        <Card title={t('nav.registryImport')} variant="borderless">
          <Alert type="info" showIcon title={t('import.intro.title')} description={t('import.intro')} style={{ marginBottom: 20 }} />

          <div className="gz-step">
            <div className="gz-step-title">{t('import.step1')}</div>
            <Typography.Paragraph type="secondary">{t('import.step1.hint')}</Typography.Paragraph>
            <Button icon={<CloudDownloadOutlined />} loading={downloading === 'template'} onClick={() => void download('template')} data-testid="import-template">
              {t('import.template')}
            </Button>
          </div>

          <div className="gz-step">
            <div className="gz-step-title">{t('import.step2')}</div>
            {report ? (
              <Typography.Paragraph>
                {t('import.uploaded', { name: report.fileName ?? '' })}
              </Typography.Paragraph>
            ) : (
              <Space wrap align="center" style={{ marginBottom: 12 }}>
                <span>{t('import.target')}</span>
                <OrgTreeSelect
                  value={target}
                  onChange={setTarget}
                  allowedKinds={['district', 'street', 'community', 'grid']}
                  allowClear
                  placeholder={t('import.target.default')}
                  style={{ width: 280, maxWidth: '100%' }}
                  testId="import-target"
                />
              </Space>
            )}
            {!report && (
              <div data-testid="import-upload">
                <Upload.Dragger
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  multiple={false}
                  showUploadList={false}
                  disabled={uploading}
                  beforeUpload={(file) => {
                    void upload(file);
                    return Upload.LIST_IGNORE;
                  }}
                >
                  {uploading ? (
                    <Spin description={t('import.checking')} />
                  ) : (
                    <>
                      <p className="ant-upload-drag-icon">
                        <InboxOutlined />
                      </p>
                      <p className="ant-upload-text">{t('import.drop')}</p>
                      <p className="ant-upload-hint">{t('import.drop.hint')}</p>
                    </>
                  )}
                </Upload.Dragger>
              </div>
            )}
            {uploadError && <Alert type="error" showIcon title={uploadError} style={{ marginTop: 12 }} data-testid="import-upload-error" />}
          </div>

          {report && (
            <div className="gz-step">
              <div className="gz-step-title">{t('import.step3')}</div>
              <ImportReportView report={report} onChange={setReport} onRestart={restart} />
            </div>
          )}
        </Card>

        <Card title={t('export.title')} variant="borderless" style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t('export.hint')}</Typography.Paragraph>
          <Space wrap align="center">
            <OrgTreeSelect value={exportNode} onChange={setExportNode} allowClear placeholder={t('export.scope.default')} style={{ width: 280, maxWidth: '100%' }} testId="export-node" />
            {can('resident.sensitive.read') && (
              <Checkbox checked={unmasked} onChange={(event) => setUnmasked(event.target.checked)} data-testid="export-unmasked">
                {t('export.unmasked')}
              </Checkbox>
            )}
            <Button type="primary" icon={<DownloadOutlined />} loading={downloading === 'export'} onClick={() => void download('export')} data-testid="import-export">
              {t('export.button')}
            </Button>
          </Space>
        </Card>
      </div>
    </LargeType>
  );
}
