import { Card, Col, Row, Table, Typography } from 'antd';
import type { RoleBinding } from '../../shared/api-types';
import { useMe } from '../auth-context';
import { kindLabel, useT } from '../messages';
import { visibleNavItems } from '../layout/nav-items';
import { Link } from '../router';

export function DashboardPage() {
  const t = useT();
  const me = useMe();
  const links = visibleNavItems(me.permissions).filter((item) => item.key !== 'dashboard');

  return (
    <div className="gz-page" data-testid="dashboard">
      <Card className="gz-welcome" variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('dashboard.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('dashboard.intro')}</Typography.Text>
      </Card>

      <Card title={t('dashboard.roles')} variant="borderless" style={{ marginTop: 16 }}>
        <Table<RoleBinding>
          size="small"
          pagination={false}
          rowKey={(binding) => `${binding.role}@${binding.nodeId}`}
          dataSource={me.roles}
          data-testid="dashboard-roles"
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('dashboard.role'), dataIndex: 'roleLabel' },
            {
              title: t('dashboard.scope'),
              key: 'scope',
              render: (_, binding) => (me.permissions.includes('org.read') ? <Link to={`/org/${binding.nodeId}`}>{binding.nodeName}</Link> : binding.nodeName),
            },
            { title: t('dashboard.nodeKind'), key: 'kind', render: (_, binding) => kindLabel(t, binding.nodeKind) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('dashboard.scopeNote')}
        </Typography.Paragraph>
      </Card>

      {links.length > 0 && (
        <Card title={t('dashboard.quickLinks')} variant="borderless" style={{ marginTop: 16 }}>
          <Row gutter={[16, 16]}>
            {links.map((item) => (
              <Col key={item.key} xs={24} sm={12} lg={8}>
                <Link to={item.path} className="gz-quick-link" data-testid={`quick-${item.key}`}>
                  <span className="gz-quick-icon">{item.icon}</span>
                  <span>
                    <strong>{t(item.label)}</strong>
                    <br />
                    <span className="gz-muted">{t(item.description)}</span>
                  </span>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </div>
  );
}
