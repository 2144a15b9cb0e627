import { useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../shared/api';
import type { PortalCodeSent, PortalMe } from '../shared/api-types';
import { LangToggle } from './lang-toggle';
import { usePortalT } from './messages';
import { useCountdown } from './use-countdown';

const phonePattern = /^1\d{10}$/;

type Props = { demo: boolean; districtName: string | null; onSignedIn: (me: PortalMe) => void };

/** Phone number → one-time code by SMS → sign in. Shows the server's messages as they are. */
export function LoginScreen({ demo, districtName, onSignedIn }: Props) {
  const t = usePortalT();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const countdown = useCountdown();

  const requestCode = async () => {
    setError(null);
    setNotice(null);
    if (!phonePattern.test(phone)) {
      setError(t('login.phone.invalid'));
      return;
    }
    setSending(true);
    try {
      const sent = await api.post<PortalCodeSent>('/api/portal/login/code', { phone });
      countdown.start(sent.retryAfterSeconds);
      setNotice(t('login.sent', { minutes: Math.max(1, Math.round(sent.expiresInSeconds / 60)) }));
      document.getElementById('portal-code')?.focus();
    } catch (cause) {
      if (cause instanceof ApiError && cause.retryAfterSeconds !== null) countdown.start(cause.retryAfterSeconds);
      setError(errorMessage(cause));
    } finally {
      setSending(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!phonePattern.test(phone)) {
      setError(t('login.phone.invalid'));
      return;
    }
    if (!/^\d{4,8}$/.test(code)) {
      setError(t('login.code.invalid'));
      return;
    }
    setSubmitting(true);
    try {
      onSignedIn(await api.post<PortalMe>('/api/portal/login', { phone, code }));
    } catch (cause) {
      setError(errorMessage(cause));
      setSubmitting(false);
    }
  };

  const waiting = countdown.secondsLeft > 0;
  return (
    <main className="p-screen p-login">
      <header className="p-topbar">
        <span className="p-brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          {t('app.name')}
        </span>
        <LangToggle />
      </header>
      <section className="p-hero">
        <h1>{t('login.title')}</h1>
        <p>{districtName ? `${districtName} · ${t('app.tagline')}` : t('app.tagline')}</p>
      </section>
      <form className="p-card p-form" onSubmit={submit} noValidate>
        <label htmlFor="portal-phone">{t('login.phone')}</label>
        <input
          id="portal-phone"
          data-testid="portal-phone"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          maxLength={11}
          placeholder={t('login.phone.placeholder')}
          value={phone}
          onChange={(event) => setPhone(event.target.value.replace(/\D/g, '').slice(0, 11))}
        />
        <label htmlFor="portal-code">{t('login.code')}</label>
        <div className="p-row">
          <input
            id="portal-code"
            data-testid="portal-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            placeholder={t('login.code.placeholder')}
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
          />
          <button type="button" className="p-button p-secondary" data-testid="portal-get-code" disabled={waiting || sending} onClick={() => void requestCode()}>
            {sending ? t('login.sending') : waiting ? t('login.retryIn', { seconds: countdown.secondsLeft }) : t('login.getCode')}
          </button>
        </div>
        {notice && !error && (
          <p className="p-notice" role="status" data-testid="portal-notice">
            {notice}
          </p>
        )}
        {error && (
          <p className="p-error" role="alert" data-testid="portal-error">
            {error}
          </p>
        )}
        <button type="submit" className="p-button p-primary" data-testid="portal-login" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="p-hint">{t('login.note')}</p>
        {demo && <p className="p-hint p-demo">{t('login.demo')}</p>}
      </form>
      <footer className="p-footer">
        <a href="/login">{t('login.staff')}</a>
      </footer>
    </main>
  );
}
