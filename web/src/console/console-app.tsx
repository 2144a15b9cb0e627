import { App, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { useLang } from '../shared/i18n';
import { usePrefersReducedMotion } from '../shared/reduced-motion';
import { AuthProvider, loginPath, useAuth } from './auth-context';
import { resolveRoute } from './console-routes';
import { navItems } from './layout/nav-items';
import { ConsoleLayout } from './layout/console-layout';
import { LoginPage } from './login/login-page';
import { useT } from './messages';
import { navigate, useLocation } from './router';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Spin fullscreen />;
}

function ConsoleRoutes() {
  const t = useT();
  const { status, me } = useAuth();
  const { pathname } = useLocation();
  const route = resolveRoute(pathname);

  useEffect(() => {
    const item = navItems.find((candidate) => candidate.key === route?.navKey);
    const page = pathname.startsWith('/login') ? t('login.title') : item ? t(item.label) : null;
    document.title = page ? `${page} · ${t('app.name')}` : t('app.name');
  }, [pathname, route?.navKey, t]);

  if (status === 'loading') return <Spin fullscreen />;
  if (pathname === '/login') return status === 'signed-in' ? <Redirect to="/" /> : <LoginPage />;
  if (status === 'anonymous' || !me) return <Redirect to={loginPath()} />;

  if (!route) {
    return (
      <ConsoleLayout activeKey={null}>
        <Result status="404" title="404" subTitle={t('error.pageNotFound')} extra={<Button onClick={() => navigate('/')}>{t('nav.dashboard')}</Button>} />
      </ConsoleLayout>
    );
  }
  const allowed = route.permission === null || me.permissions.includes(route.permission);
  return (
    <ConsoleLayout activeKey={route.navKey}>
      {allowed ? route.element : <Result status="403" title="403" subTitle={t('error.noPermission')} data-testid="forbidden-result" />}
    </ConsoleLayout>
  );
}

export function ConsoleApp() {
  const lang = useLang();
  const reducedMotion = usePrefersReducedMotion();
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  }, [lang]);

  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { borderRadius: 6, motion: !reducedMotion } }}>
      <App>
        <AuthProvider>
          <ConsoleRoutes />
        </AuthProvider>
      </App>
    </ConfigProvider>
  );
}
