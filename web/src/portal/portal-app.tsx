import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../shared/api';
import type { Meta, PortalMe } from '../shared/api-types';
import { subscribeLang } from '../shared/i18n';
import { HomeScreen } from './home-screen';
import { LoginScreen } from './login-screen';
import { usePortalT } from './messages';
import { Link, matchRoute, navigate, PUBLIC_ROUTES, useLocation, type Route } from './router';
import { Loading, ScreenFrame } from './screen-frame';

// Everything past the home screen loads on demand, to keep the first load small.
const SolicitationList = lazy(() => import('./solicitations-screen').then((m) => ({ default: m.SolicitationList })));
const SolicitationScreen = lazy(() => import('./solicitations-screen').then((m) => ({ default: m.SolicitationScreen })));
const TopicList = lazy(() => import('./topics-screen').then((m) => ({ default: m.TopicList })));
const TopicNewScreen = lazy(() => import('./topics-screen').then((m) => ({ default: m.TopicNewScreen })));
const VoteList = lazy(() => import('./votes-screen').then((m) => ({ default: m.VoteList })));
const VoteScreen = lazy(() => import('./votes-screen').then((m) => ({ default: m.VoteScreen })));
const BoardScreen = lazy(() => import('./board-screen').then((m) => ({ default: m.BoardScreen })));
const BoardEntryScreen = lazy(() => import('./board-entry-screen').then((m) => ({ default: m.BoardEntryScreen })));
const MyDemandsScreen = lazy(() => import('./demands/my-demands-screen').then((m) => ({ default: m.MyDemandsScreen })));
const MyDemandScreen = lazy(() => import('./demands/my-demands-screen').then((m) => ({ default: m.MyDemandScreen })));
const DemandNewScreen = lazy(() => import('./demands/demand-new-screen').then((m) => ({ default: m.DemandNewScreen })));
const VerifyScreen = lazy(() => import('./verify-screen').then((m) => ({ default: m.VerifyScreen })));

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; me: PortalMe };

export function PortalApp() {
  const t = usePortalT();
  const location = useLocation();
  const route = matchRoute(location);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [meta, setMeta] = useState<Meta | null>(null);

  const loadMe = useCallback(async () => {
    try {
      setState({ status: 'signed-in', me: await api.get<PortalMe>('/api/portal/me', { skipAuthRedirect: true }) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'anonymous' });
      else setState((current) => (current.status === 'loading' ? { status: 'anonymous' } : current));
    }
  }, []);

  useEffect(() => {
    void loadMe();
    api.get<Meta>('/api/meta').then(setMeta, () => setMeta(null));
  }, [loadMe]);

  // Role labels come localised from the server.
  useEffect(
    () =>
      subscribeLang(() => {
        if (state.status === 'signed-in') void loadMe();
      }),
    [loadMe, state.status],
  );

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  const logout = async () => {
    try {
      await api.post<void>('/api/portal/logout');
    } finally {
      setState({ status: 'anonymous' });
      navigate('/portal/');
    }
  };

  if (state.status === 'loading') return <p className="p-loading">{t('loading')}</p>;
  const me = state.status === 'signed-in' ? state.me : null;

  const login = (next: string | null) => (
    <LoginScreen
      demo={meta?.demo ?? false}
      districtName={meta?.districtName ?? null}
      onSignedIn={(signedIn) => {
        setState({ status: 'signed-in', me: signedIn });
        if (next) navigate(next, { replace: true });
      }}
    />
  );

  if (route.name === 'login') return me ? <Redirect to={route.next} /> : login(route.next);
  // A screen that needs a resident shows the sign-in form in place; the address stays, so it opens after.
  if (!me && !PUBLIC_ROUTES.has(route.name)) return login(null);
  return <Suspense fallback={<p className="p-loading">{t('loading')}</p>}>{screen(route, me, () => void logout())}</Suspense>;
}

function screen(route: Route, me: PortalMe | null, onLogout: () => void): ReactNode {
  switch (route.name) {
    case 'home':
      return me && <HomeScreen me={me} onLogout={onLogout} />;
    case 'solicitations':
      return <SolicitationList />;
    case 'solicitation':
      return <SolicitationScreen id={route.id} />;
    case 'topics':
      return <TopicList />;
    case 'topic-new':
      return <TopicNewScreen />;
    case 'votes':
      return <VoteList />;
    case 'vote':
      return <VoteScreen meetingId={route.meetingId} />;
    case 'board':
      return <BoardScreen />;
    case 'board-entry':
      return <BoardEntryScreen entryId={route.entryId} signedIn={me !== null} />;
    case 'demands':
      return <MyDemandsScreen />;
    case 'demand-new':
      return <DemandNewScreen />;
    case 'demand':
      return <MyDemandScreen id={route.id} />;
    case 'verify':
      return <VerifyScreen communityId={route.communityId} signedIn={me !== null} />;
    case 'login':
    case 'not-found':
      return <NotFound />;
  }
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function NotFound() {
  const t = usePortalT();
  return (
    <ScreenFrame title={t('notFound.title')} back={null} testId="portal-not-found">
      <p className="p-card">{t('notFound.body')}</p>
      <Link to="/portal/" className="p-button p-primary p-link-block">
        {t('notFound.home')}
      </Link>
    </ScreenFrame>
  );
}
