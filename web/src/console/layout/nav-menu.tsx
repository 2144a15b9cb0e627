import { Menu } from 'antd';
import { useMe } from '../auth-context';
import { useT } from '../messages';
import { navigate } from '../router';
import { visibleNavItems, type NavKey } from './nav-items';

export function NavMenu({ activeKey, onNavigate }: { activeKey: NavKey | null; onNavigate?: () => void }) {
  const t = useT();
  const me = useMe();
  const items = visibleNavItems(me.permissions).map((item) => ({
    key: item.key,
    icon: item.icon,
    label: <span data-testid={`nav-${item.key}`}>{t(item.label)}</span>,
    title: t(item.label),
  }));
  return (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={activeKey ? [activeKey] : []}
      items={items}
      onClick={({ key }) => {
        const target = visibleNavItems(me.permissions).find((item) => item.key === key);
        if (target) navigate(target.path);
        onNavigate?.();
      }}
    />
  );
}
