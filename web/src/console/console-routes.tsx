import type { ReactNode } from 'react';
import type { Permission } from '../shared/api-types';
import { AccountsPage } from './accounts/accounts-page';
import { AuditPage } from './audit/audit-page';
import { DashboardPage } from './dashboard/dashboard-page';
import type { NavKey } from './layout/nav-items';
import { OrgPage } from './org/org-page';
import { OutboxPage } from './outbox/outbox-page';
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
  if (matchPath('/accounts', pathname)) return { navKey: 'accounts', permission: 'account.manage', element: <AccountsPage /> };
  if (matchPath('/audit', pathname)) return { navKey: 'audit', permission: 'audit.read', element: <AuditPage /> };
  if (matchPath('/outbox', pathname)) return { navKey: 'outbox', permission: 'outbox.read', element: <OutboxPage /> };
  return null;
}
