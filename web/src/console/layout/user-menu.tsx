import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Space, type MenuProps } from 'antd';
import { useAuth, useMe } from '../auth-context';
import { useT } from '../messages';
import { bindingText } from '../common/role-binding-tag';

export function UserMenu({ compact, onChangePassword }: { compact: boolean; onChangePassword: () => void }) {
  const t = useT();
  const me = useMe();
  const { logout } = useAuth();

  const items: MenuProps['items'] = [
    {
      key: 'roles',
      type: 'group',
      label: t('user.roles'),
      children: me.roles.map((binding, index) => ({
        key: `role-${index}`,
        label: bindingText(binding),
        disabled: true,
      })),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('user.changePassword')}</span> },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('user.logout')}</span>, danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') onChangePassword();
    if (key === 'logout') void logout();
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <a data-testid="user-menu" className="gz-user-menu" onClick={(event) => event.preventDefault()} href="#user">
        <Space size={6}>
          <Avatar size="small" icon={<UserOutlined />} />
          {!compact && <span className="gz-user-name">{me.displayName}</span>}
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </a>
    </Dropdown>
  );
}
