import { CopyOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { LargeType, useIsPhone } from '../grid/grid-ui';
import { navigate, useLocation, withQuery } from '../router';
import { templatesApi, type TemplateRecord } from './decisions-api';
import { stageName, type Unit } from './decisions-format';
import { useDT } from './decisions-messages';
import { ProcedureView } from './procedure-view';
import { TemplateEditor } from './template-editor';
import './decisions.css';

/** `/procedures?id=`: the shipped and community templates; view one in words, copy and adjust it. */
export function ProceduresPage() {
  const t = useDT();
  const can = useCan();
  const isPhone = useIsPhone();
  const location = useLocation();
  const selectedId = location.search.get('id');
  const [unit, setUnit] = useState<Unit>('community');
  const [editing, setEditing] = useState<{ record: TemplateRecord; mode: 'copy' | 'edit' } | null>(null);
  const list = useApi((signal) => templatesApi.list(signal), []);
  const items = list.data?.items ?? [];
  const selected = items.find((item) => item.id === selectedId) ?? items[0];
  const canManage = can('procedure.manage');

  const saved = (id: string) => {
    setEditing(null);
    list.reload();
    navigate(withQuery('/procedures', { id }), { replace: true });
  };

  const header = (record: TemplateRecord) => {
    const locked = !record.shipped && record.inUse > 0;
    return (
      <Space wrap>
        {canManage && (
          <Button type="primary" icon={<CopyOutlined />} onClick={() => setEditing({ record, mode: 'copy' })} data-testid="procedure-copy">
            {t('proc.copy')}
          </Button>
        )}
        {canManage && !record.shipped && (
          <Button icon={locked ? <LockOutlined /> : <EditOutlined />} disabled={locked} onClick={() => setEditing({ record, mode: 'edit' })} data-testid="procedure-edit">
            {t('proc.edit')}
          </Button>
        )}
      </Space>
    );
  };

  return (
    <LargeType>
      <div className="gz-page gz-grid-page gz-decisions" data-testid="procedures-page">
        <Card title={t('proc.title')} variant="borderless">
          {list.error !== undefined && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
          {list.loading && !list.data ? (
            <Spin size="large" style={{ display: 'block', margin: '48px auto' }} />
          ) : items.length === 0 ? (
            <Empty description={t('proc.empty')} />
          ) : (
            <div className={isPhone ? 'gz-proc-layout gz-proc-layout-phone' : 'gz-proc-layout'}>
              <List<TemplateRecord>
                className="gz-proc-list"
                data-testid="procedure-list"
                dataSource={items}
                renderItem={(item) => (
                  <List.Item
                    className={item.id === selected?.id ? 'gz-proc-item gz-proc-item-active' : 'gz-proc-item'}
                    onClick={() => navigate(withQuery('/procedures', { id: item.id }), { replace: true })}
                    data-testid="procedure-item"
                  >
                    <div>
                      <div className="gz-proc-name">{stageName(item.body.name, unit)}</div>
                      <Space size={[4, 4]} wrap>
                        <Tag color={item.shipped ? 'blue' : 'green'}>{item.shipped ? t('proc.shipped') : item.communityName ?? t('proc.community')}</Tag>
                        <Tag>{t('proc.version', { version: item.version })}</Tag>
                        <Tag>{t('proc.stages', { count: item.body.stages.length })}</Tag>
                        {item.inUse > 0 && <Tag color="orange">{t('proc.inUse', { count: item.inUse })}</Tag>}
                      </Space>
                    </div>
                  </List.Item>
                )}
              />
              {selected && (
                <div className="gz-proc-detail" data-testid="procedure-detail">
                  <div className="gz-proc-detail-head">
                    <Typography.Title level={4} style={{ margin: 0 }} data-testid="procedure-title">
                      {stageName(selected.body.name, unit)}
                    </Typography.Title>
                    {header(selected)}
                  </div>
                  {selected.shipped ? (
                    <Alert type="info" showIcon title={t('proc.readOnly')} style={{ marginBottom: 12 }} data-testid="procedure-readonly" />
                  ) : selected.inUse > 0 ? (
                    <Alert type="warning" showIcon icon={<LockOutlined />} title={t('proc.inUseLocked', { count: selected.inUse })} style={{ marginBottom: 12 }} data-testid="procedure-locked" />
                  ) : null}
                  {selected.body.unit === 'both' && (
                    <Space style={{ marginBottom: 12 }} wrap>
                      <span>{t('proc.showAs')}</span>
                      <Segmented<Unit>
                        value={unit}
                        onChange={setUnit}
                        options={[
                          { value: 'community', label: t('proc.unit.community') },
                          { value: 'village', label: t('proc.unit.village') },
                        ]}
                        data-testid="procedure-unit"
                      />
                    </Space>
                  )}
                  <ProcedureView template={selected.body} unit={selected.body.unit === 'village' ? 'village' : unit} />
                </div>
              )}
            </div>
          )}
        </Card>
        {editing && <TemplateEditor record={editing.record} mode={editing.mode} onClose={() => setEditing(null)} onSaved={saved} />}
      </div>
    </LargeType>
  );
}
