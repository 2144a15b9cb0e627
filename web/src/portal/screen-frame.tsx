import type { ReactNode } from 'react';
import { LangToggle } from './lang-toggle';
import { usePortalT } from './messages';
import { Link } from './router';

/** The frame of every inner screen: a big back link, the title, the language switch. */
export function ScreenFrame({ title, back, children, testId }: { title: string; back: string | null; children: ReactNode; testId: string }) {
  const t = usePortalT();
  return (
    <main className="p-screen" data-testid={testId}>
      <header className="p-topbar">
        {back ? (
          <Link to={back} className="p-back" data-testid="portal-back">
            <span aria-hidden="true">‹</span> {t('nav.back')}
          </Link>
        ) : (
          <Link to="/portal/" className="p-brand">
            <img src="/favicon.svg" alt="" width={32} height={32} />
            {t('app.name')}
          </Link>
        )}
        <LangToggle />
      </header>
      <h1 className="p-title">{title}</h1>
      {children}
    </main>
  );
}

export function Loading() {
  const t = usePortalT();
  return (
    <p className="p-muted p-center" role="status">
      {t('loading')}
    </p>
  );
}

export function Failure({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = usePortalT();
  return (
    <div className="p-error p-block" role="alert" data-testid="portal-failure">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="p-button p-outline p-small" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="p-card p-empty" data-testid="portal-empty">
      {children}
    </p>
  );
}
