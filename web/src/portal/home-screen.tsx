import { useEffect, useState } from 'react';
import { api } from '../shared/api';
import type { PortalMe } from '../shared/api-types';
import type { Solicitation, VoteMeeting } from './decisions-types';
import { LangToggle } from './lang-toggle';
import { usePortalT, type PortalT } from './messages';
import { Link } from './router';
import { ServiceIcon, type ServiceIconName } from './service-icon';

type Key = Parameters<PortalT>[0];
type Service = { key: ServiceIconName; to: string | null; title: Key; description: Key; badge?: string | null };

/** Roles that a meeting may call to vote (居民代表, 党员, 业主). */
const VOTER_ROLES = new Set(['representative', 'party_member', 'owner']);

/** Open solicitations not yet answered, ballots still to cast, and demands done but not yet rated, for the badges. */
function useCounts(): { solicitations: number | null; votes: number | null; demands: number | null } {
  const [counts, setCounts] = useState<{ solicitations: number | null; votes: number | null; demands: number | null }>({ solicitations: null, votes: null, demands: null });
  useEffect(() => {
    let live = true;
    api.get<{ items: Solicitation[] }>('/api/portal/solicitations', { skipAuthRedirect: true }).then(
      (r) => live && setCounts((c) => ({ ...c, solicitations: r.items.filter((s) => !s.answered).length })),
      () => undefined,
    );
    api.get<{ items: VoteMeeting[] }>('/api/portal/votes', { skipAuthRedirect: true }).then(
      (r) => live && setCounts((c) => ({ ...c, votes: r.items.flatMap((m) => (m.canVote ? m.items : [])).filter((i) => i.myChoice === null && !i.recused).length })),
      () => undefined,
    );
    api.get<{ items: { status: string }[] }>('/api/portal/demands', { skipAuthRedirect: true }).then(
      (r) => live && setCounts((c) => ({ ...c, demands: r.items.filter((d) => d.status === 'done').length })),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return counts;
}

export function HomeScreen({ me, onLogout }: { me: PortalMe; onLogout: () => void }) {
  const t = usePortalT();
  const counts = useCounts();
  const voter = me.roles.some((r) => VOTER_ROLES.has(r)) || (counts.votes ?? 0) > 0;
  const services: Service[] = [
    { key: 'report', to: '/portal/demands/new', title: 'home.report', description: 'home.report.desc' },
    { key: 'demands', to: '/portal/demands', title: 'home.demands', description: 'home.demands.desc', badge: counts.demands ? t('home.demands.toRate', { count: counts.demands }) : null },
    { key: 'solicitations', to: '/portal/solicitations', title: 'home.solicitations', description: 'home.solicitations.desc', badge: counts.solicitations ? t('home.solicitations.open', { count: counts.solicitations }) : null },
    { key: 'board', to: '/portal/board', title: 'home.board', description: 'home.board.desc' },
    { key: 'topics', to: '/portal/topics', title: 'home.topics', description: 'home.topics.desc' },
    ...(voter ? [{ key: 'votes', to: '/portal/votes', title: 'home.votes', description: 'home.votes.desc', badge: counts.votes ? t('home.votes.open', { count: counts.votes }) : null } as const] : []),
  ];
  return (
    <main className="p-screen" data-testid="portal-home">
      <header className="p-topbar">
        <span className="p-brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          {t('app.name')}
        </span>
        <LangToggle />
      </header>
      <section className="p-card p-profile">
        <h1 data-testid="portal-name">{t('home.hello', { name: me.name })}</h1>
        <dl>
          <dt>{t('home.community')}</dt>
          <dd data-testid="portal-community">{me.communityName}</dd>
          <dt>{t('home.address')}</dt>
          <dd data-testid="portal-address">{me.address}</dd>
          {me.roleLabels.length > 0 && (
            <>
              <dt>{t('home.roles')}</dt>
              <dd className="p-chips" data-testid="portal-roles">
                {me.roleLabels.map((label) => (
                  <span key={label} className="p-chip">
                    {label}
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
      </section>
      <h2 className="p-section-title">{t('home.services')}</h2>
      <ul className="p-services">
        {services.map((service) => (
          <li key={service.key}>
            <ServiceCard service={service} t={t} />
          </li>
        ))}
      </ul>
      <button type="button" className="p-button p-outline" data-testid="portal-logout" onClick={onLogout}>
        {t('home.logout')}
      </button>
    </main>
  );
}

function ServiceCard({ service, t }: { service: Service; t: PortalT }) {
  const body = (
    <>
      <span className="p-service-icon" aria-hidden="true">
        <ServiceIcon name={service.key} />
      </span>
      <span className="p-service-text">
        <strong>{t(service.title)}</strong>
        <span>{t(service.description)}</span>
      </span>
      {service.to === null ? (
        <span className="p-soon">{t('home.soon')}</span>
      ) : service.badge ? (
        <span className="p-badge" data-testid={`portal-badge-${service.key}`}>
          {service.badge}
        </span>
      ) : (
        <span className="p-chevron" aria-hidden="true">
          ›
        </span>
      )}
    </>
  );
  if (service.to === null)
    return (
      <div className="p-card p-service" aria-disabled="true" data-testid={`portal-service-${service.key}`}>
        {body}
      </div>
    );
  return (
    <Link to={service.to} className="p-card p-service p-service-link" data-testid={`portal-service-${service.key}`}>
      {body}
    </Link>
  );
}
