import { PERMISSIONS, roleGrants, type Permission, type PortalRole, type StaffRole } from './roles.ts';
import type { NodeKind } from '../db/schema.ts';

/** Who is acting: a staff account with its role bindings, or a signed-in resident. */
export type RoleBinding = {
  role: StaffRole;
  nodeId: string;
  nodePath: string;
  nodeName: string;
  nodeKind: NodeKind;
};

export type StaffActor = {
  kind: 'staff';
  id: string;
  districtId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  bindings: RoleBinding[];
};

export type ResidentActor = {
  kind: 'resident';
  id: string;
  districtId: string;
  displayName: string;
  nodePath: string;
  roles: PortalRole[];
};

export type Actor = StaffActor | ResidentActor;

export function permissionsOf(actor: StaffActor): Permission[] {
  const all = new Set<Permission>();
  for (const b of actor.bindings) for (const p of permissionList) if (roleGrants(b.role, p)) all.add(p);
  return [...all];
}

const permissionList = Object.keys(PERMISSIONS) as Permission[];

/**
 * The subtrees in which the actor holds a permission, as path prefixes. Pure; repositories use these
 * in their WHERE clauses so that a list can never leak rows from outside the scope.
 */
export function scopePaths(actor: StaffActor, permission: Permission): string[] {
  const paths = actor.bindings.filter((b) => roleGrants(b.role, permission)).map((b) => b.nodePath);
  // Drop paths already covered by a shorter one.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

export function pathInScope(paths: readonly string[], nodePath: string): boolean {
  return paths.some((p) => nodePath.startsWith(p));
}

/** How an actor is named in the audit log. gz_demand_intake_as (migration 20261123T0100) builds the staff form in SQL; demands.db.test.ts checks both agree. */
export function actorLabel(actor: Actor | null): string {
  if (!actor) return '系统';
  return actor.kind === 'staff' ? `${actor.displayName}（${actor.username}）` : `居民 ${actor.displayName}`;
}
