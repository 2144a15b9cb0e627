import {
  ApartmentOutlined,
  ApiOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  FileSearchOutlined,
  SafetyOutlined,
  AuditOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  MessageOutlined,
  NotificationOutlined,
  PartitionOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../shared/api-types';
import type { ConsoleMessageKey } from '../messages';

export type NavKey =
  | 'dashboard'
  | 'org'
  | 'residents'
  | 'visits'
  | 'coverage'
  | 'registry-import'
  | 'matters'
  | 'procedures'
  | 'board'
  | 'demands'
  | 'demand-figures'
  | 'disputes'
  | 'screening'
  | 'interop'
  | 'calendar'
  | 'accounts'
  | 'audit'
  | 'outbox';

export type NavItem = {
  key: NavKey;
  path: string;
  /** null: every signed-in account */
  permission: Permission | null;
  label: ConsoleMessageKey;
  description: ConsoleMessageKey;
  icon: ReactNode;
};

/** Console navigation by permission (docs/api.md). */
export const navItems: readonly NavItem[] = [
  { key: 'dashboard', path: '/', permission: null, label: 'nav.dashboard', description: 'nav.dashboard.desc', icon: <DashboardOutlined /> },
  { key: 'org', path: '/org', permission: 'org.read', label: 'nav.org', description: 'nav.org.desc', icon: <ApartmentOutlined /> },
  { key: 'residents', path: '/residents', permission: 'resident.read', label: 'nav.residents', description: 'nav.residents.desc', icon: <TeamOutlined /> },
  { key: 'visits', path: '/visits', permission: 'visit.read', label: 'nav.visits', description: 'nav.visits.desc', icon: <HomeOutlined /> },
  { key: 'coverage', path: '/coverage', permission: 'coverage.read', label: 'nav.coverage', description: 'nav.coverage.desc', icon: <FundOutlined /> },
  { key: 'registry-import', path: '/registry-import', permission: 'registry.import', label: 'nav.registryImport', description: 'nav.registryImport.desc', icon: <CloudUploadOutlined /> },
  { key: 'matters', path: '/matters', permission: 'matter.read', label: 'nav.matters', description: 'nav.matters.desc', icon: <SolutionOutlined /> },
  { key: 'procedures', path: '/procedures', permission: 'matter.read', label: 'nav.procedures', description: 'nav.procedures.desc', icon: <PartitionOutlined /> },
  { key: 'board', path: '/board', permission: 'board.read', label: 'nav.board', description: 'nav.board.desc', icon: <NotificationOutlined /> },
  { key: 'demands', path: '/demands', permission: 'demand.read', label: 'nav.demands', description: 'nav.demands.desc', icon: <CustomerServiceOutlined /> },
  { key: 'demand-figures', path: '/demands/figures', permission: 'demand.read', label: 'nav.demandFigures', description: 'nav.demandFigures.desc', icon: <BarChartOutlined /> },
  { key: 'disputes', path: '/disputes', permission: 'dispute.read', label: 'nav.disputes', description: 'nav.disputes.desc', icon: <SafetyOutlined /> },
  { key: 'screening', path: '/disputes/screening', permission: 'dispute.read', label: 'nav.screening', description: 'nav.screening.desc', icon: <FileSearchOutlined /> },
  { key: 'interop', path: '/interop', permission: 'interop.manage', label: 'nav.interop', description: 'nav.interop.desc', icon: <ApiOutlined /> },
  { key: 'calendar', path: '/calendar', permission: 'calendar.manage', label: 'nav.calendar', description: 'nav.calendar.desc', icon: <CalendarOutlined /> },
  { key: 'accounts', path: '/accounts', permission: 'account.manage', label: 'nav.accounts', description: 'nav.accounts.desc', icon: <IdcardOutlined /> },
  { key: 'audit', path: '/audit', permission: 'audit.read', label: 'nav.audit', description: 'nav.audit.desc', icon: <AuditOutlined /> },
  { key: 'outbox', path: '/outbox', permission: 'outbox.read', label: 'nav.outbox', description: 'nav.outbox.desc', icon: <MessageOutlined /> },
];

export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return navItems.filter((item) => item.permission === null || permissions.includes(item.permission));
}
