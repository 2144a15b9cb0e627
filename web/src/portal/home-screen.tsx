import type { PortalMe } from '../shared/api-types';
import { LangToggle } from './lang-toggle';
import { usePortalT, type PortalT } from './messages';
import { ServiceIcon, type ServiceIconName } from './service-icon';

type Service = { key: ServiceIconName; title: Parameters<PortalT>[0]; description: Parameters<PortalT>[0] };

const services: readonly Service[] = [
  { key: 'board', title: 'home.board', description: 'home.board.desc' },
  { key: 'demands', title: 'home.demands', description: 'home.demands.desc' },
  { key: 'solicitations', title: 'home.solicitations', description: 'home.solicitations.desc' },
];

export function HomeScreen({ me, onLogout }: { me: PortalMe; onLogout: () => void }) {
  const t = usePortalT();
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
          <li key={service.key} className="p-card p-service" aria-disabled="true" data-testid={`portal-service-${service.key}`}>
            <span className="p-service-icon" aria-hidden="true">
              <ServiceIcon name={service.key} />
            </span>
            <span className="p-service-text">
              <strong>{t(service.title)}</strong>
              <span>{t(service.description)}</span>
            </span>
            <span className="p-soon">{t('home.soon')}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="p-button p-outline" data-testid="portal-logout" onClick={onLogout}>
        {t('home.logout')}
      </button>
    </main>
  );
}
