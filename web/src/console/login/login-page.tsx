import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { Me, Meta } from '../../shared/api-types';
import { useAuth } from '../auth-context';
import { LangSwitch } from '../common/lang-switch';
import { useApi } from '../common/use-api';
import { useT } from '../messages';
import { navigate, useLocation } from '../router';

type Values = { username: string; password: string };

/** Only same-site console paths are accepted as `?next=`. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function LoginPage() {
  const t = useT();
  const { signedIn, notice } = useAuth();
  const location = useLocation();
  const meta = useApi((signal) => api.get<Meta>('/api/meta', { signal, skipAuthRedirect: true }), []);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await api.post<Me>('/api/auth/login', values, { skipAuthRedirect: true });
      signedIn(me);
      navigate(safeNext(location.search.get('next')), { replace: true });
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="gz-login">
      <div className="gz-login-lang">
        <LangSwitch type="default" />
      </div>
      <Card className="gz-login-card" variant="borderless">
        <div className="gz-login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{meta.data?.districtName ?? t('login.subtitle')}</Typography.Text>
          </div>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {!error && notice && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
        <Form<Values> layout="vertical" size="large" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.username.required') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.password.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="gz-login-hint">
          {t('login.hint')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" className="gz-login-hint">
          <a href="/portal/">{t('login.portalLink')}</a>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
