import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A tiny path router for the portal (no router library in this bundle). The server answers the
 * portal's index.html for every `/portal/...` path, so a printed QR code can open any screen.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query, e.g. `/portal/votes/abc` or `/portal/login?next=…`. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation, currentLocation);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

export type Route =
  | { name: 'home' }
  | { name: 'login'; next: string }
  | { name: 'solicitations' }
  | { name: 'solicitation'; id: string }
  | { name: 'topics' }
  | { name: 'topic-new' }
  | { name: 'votes' }
  | { name: 'vote'; meetingId: string }
  | { name: 'board' }
  | { name: 'demands' }
  | { name: 'demand-new' }
  | { name: 'demand'; id: string }
  | { name: 'board-entry'; entryId: string }
  | { name: 'verify'; communityId: string }
  | { name: 'not-found' };

/** Screens that open without signing in (a printed notice's QR code leads to them). */
export const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set(['login', 'board-entry', 'verify', 'not-found']);

export function matchRoute(location: string): Route {
  const [rawPath = '', search = ''] = location.split('?');
  const path = rawPath.replace(/\/+$/, '');
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts[0] !== 'portal') return { name: 'not-found' };
  const [, first, second, third] = parts;
  if (first === undefined) return { name: 'home' };
  if (third !== undefined) return { name: 'not-found' };
  switch (first) {
    case 'login': {
      const next = new URLSearchParams(search).get('next') ?? '';
      return { name: 'login', next: next.startsWith('/portal') ? next : '/portal/' };
    }
    case 'solicitations':
      return second ? { name: 'solicitation', id: second } : { name: 'solicitations' };
    case 'topics':
      if (second === 'new') return { name: 'topic-new' };
      return second ? { name: 'not-found' } : { name: 'topics' };
    case 'votes':
      return second ? { name: 'vote', meetingId: second } : { name: 'votes' };
    case 'board':
      return second ? { name: 'board-entry', entryId: second } : { name: 'board' };
    case 'demands':
      if (second === 'new') return { name: 'demand-new' };
      return second ? { name: 'demand', id: second } : { name: 'demands' };
    case 'verify':
      return second ? { name: 'verify', communityId: second } : { name: 'not-found' };
    default:
      return { name: 'not-found' };
  }
}

/** An ordinary link that changes screen without reloading the page (ctrl/middle click still opens a tab). */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}
