import type { ReactNode } from 'react';
import type { Permission } from '../shared/api-types';
import { AccountsPage } from './accounts/accounts-page';
import { AuditPage } from './audit/audit-page';
import { CalendarPage } from './calendar/calendar-page';
import { MatterPage } from './decisions/matter-page';
import { MattersPage } from './decisions/matters-page';
import { MeetingPage } from './decisions/meeting-page';
import { ProceduresPage } from './decisions/procedures-page';
import { BoardPage } from './public-board/board-page';
import { LazyCoveragePage } from './coverage/lazy-coverage-page';
import { DashboardPage } from './dashboard/dashboard-page';
import { VisitsPage } from './grid/visits-page';
import type { NavKey } from './layout/nav-items';
import { OrgPage } from './org/org-page';
import { OutboxPage } from './outbox/outbox-page';
import { RegistryImportPage } from './registry-import/registry-import-page';
import { ResidentsPage } from './residents/residents-page';
import { matchPath } from './router';

export type ConsoleRoute = { navKey: NavKey | null; permission: Permission | null; element: ReactNode };

/** Paths of the console (the server answers index.html for each of them). */
export function resolveRoute(pathname: string): ConsoleRoute | null {
  if (matchPath('/', pathname)) return { navKey: 'dashboard', permission: null, element: <DashboardPage /> };
  if (matchPath('/org', pathname)) return { navKey: 'org', permission: 'org.read', element: <OrgPage nodeId={null} /> };
  const org = matchPath('/org/:nodeId', pathname);
  if (org) return { navKey: 'org', permission: 'org.read', element: <OrgPage nodeId={org['nodeId'] ?? null} /> };
  if (matchPath('/residents', pathname)) return { navKey: 'residents', permission: 'resident.read', element: <ResidentsPage /> };
  if (matchPath('/visits', pathname)) return { navKey: 'visits', permission: 'visit.read', element: <VisitsPage /> };
  if (matchPath('/coverage', pathname)) return { navKey: 'coverage', permission: 'coverage.read', element: <LazyCoveragePage /> };
  if (matchPath('/registry-import', pathname)) return { navKey: 'registry-import', permission: 'registry.import', element: <RegistryImportPage /> };
  if (matchPath('/matters', pathname)) return { navKey: 'matters', permission: 'matter.read', element: <MattersPage /> };
  const matter = matchPath('/matters/:matterId', pathname);
  if (matter) return { navKey: 'matters', permission: 'matter.read', element: <MatterPage matterId={matter['matterId'] ?? ''} /> };
  const meeting = matchPath('/meetings/:meetingId', pathname);
  if (meeting) return { navKey: 'matters', permission: 'matter.read', element: <MeetingPage meetingId={meeting['meetingId'] ?? ''} /> };
  if (matchPath('/procedures', pathname)) return { navKey: 'procedures', permission: 'matter.read', element: <ProceduresPage /> };
  if (matchPath('/board', pathname)) return { navKey: 'board', permission: 'board.read', element: <BoardPage /> };
  if (matchPath('/calendar', pathname)) return { navKey: 'calendar', permission: 'calendar.manage', element: <CalendarPage /> };
  if (matchPath('/accounts', pathname)) return { navKey: 'accounts', permission: 'account.manage', element: <AccountsPage /> };
  if (matchPath('/audit', pathname)) return { navKey: 'audit', permission: 'audit.read', element: <AuditPage /> };
  if (matchPath('/outbox', pathname)) return { navKey: 'outbox', permission: 'outbox.read', element: <OutboxPage /> };
  return null;
}
