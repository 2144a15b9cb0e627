import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout } from 'antd';
import { useState, type ReactNode } from 'react';
import { useMe } from '../auth-context';
import { ChangePasswordModal } from '../account-self/change-password-modal';
import { RoleBindingTag } from '../common/role-binding-tag';
import { LangSwitch } from '../common/lang-switch';
import { useT } from '../messages';
import { Link } from '../router';
import { NavMenu } from './nav-menu';
import type { NavKey } from './nav-items';
import { UserMenu } from './user-menu';

const siderCollapsedKey = 'gz.sider.collapsed';

function Brand({ compact }: { compact: boolean }) {
  const t = useT();
  return (
    <Link to="/" className="gz-brand" aria-label={t('app.name')}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!compact && <span>{t('app.name')}</span>}
    </Link>
  );
}

/** Sider on wide screens (collapsible), a drawer on phones; the header holds roles, language and the user menu. */
export function ConsoleLayout({ activeKey, children }: { activeKey: NavKey | null; children: ReactNode }) {
  const t = useT();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [collapsed, setCollapsed] = useState(() => window.localStorage.getItem(siderCollapsedKey) === '1');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const toggleSider = () => {
    const next = !collapsed;
    setCollapsed(next);
    window.localStorage.setItem(siderCollapsedKey, next ? '1' : '0');
  };

  return (
    <Layout className="gz-shell">
      {!isPhone && (
        <Layout.Sider collapsible collapsed={collapsed} trigger={null} width={208} className="gz-sider" data-testid="sider">
          <Brand compact={collapsed} />
          <NavMenu activeKey={activeKey} />
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          className="gz-nav-drawer"
          styles={{ body: { padding: 0 } }}
        >
          <Brand compact={false} />
          <NavMenu activeKey={activeKey} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="gz-header">
          <Button
            type="text"
            aria-label={t('layout.toggleMenu')}
            data-testid="menu-toggle"
            icon={isPhone ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={isPhone ? () => setDrawerOpen(true) : toggleSider}
          />
          {isPhone && <Brand compact={false} />}
          <div className="gz-header-spacer" />
          {screens.lg && (
            <div className="gz-header-roles" data-testid="header-roles">
              {me.roles.slice(0, 2).map((binding) => (
                <RoleBindingTag key={`${binding.role}-${binding.nodeId}`} binding={binding} />
              ))}
              {me.roles.length > 2 && <span className="gz-muted">+{me.roles.length - 2}</span>}
            </div>
          )}
          <LangSwitch />
          <UserMenu compact={isPhone} onChangePassword={() => setPasswordOpen(true)} />
        </Layout.Header>
        <Layout.Content className="gz-content">{children}</Layout.Content>
      </Layout>
      {(passwordOpen || me.mustChangePassword) && (
        <ChangePasswordModal open forced={me.mustChangePassword} onClose={() => setPasswordOpen(false)} />
      )}
    </Layout>
  );
}
