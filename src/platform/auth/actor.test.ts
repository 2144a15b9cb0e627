import { describe, expect, it } from 'vitest';
import { pathInScope, permissionsOf, scopePaths, type StaffActor } from './actor.ts';
import { childKindOf, STAFF_ROLES } from './roles.ts';

const actor = (bindings: StaffActor['bindings']): StaffActor => ({ kind: 'staff', id: 'a', districtId: 'd', username: 'u', displayName: 'U', mustChangePassword: false, bindings });

describe('scope rule', () => {
  const grid = { role: 'grid_worker' as const, nodeId: 'g', nodePath: '/d/s/c/g/', nodeName: '第一网格', nodeKind: 'grid' as const };
  const community = { role: 'secretary' as const, nodeId: 'c', nodePath: '/d/s/c/', nodeName: '社区', nodeKind: 'community' as const };

  it('a subtree is in scope, a sibling and the parent are not', () => {
    const paths = scopePaths(actor([grid]), 'resident.read');
    expect(pathInScope(paths, '/d/s/c/g/b/h/')).toBe(true);
    expect(pathInScope(paths, '/d/s/c/g2/')).toBe(false);
    expect(pathInScope(paths, '/d/s/c/')).toBe(false);
  });

  it('only bindings whose role grants the permission count, and nested paths collapse', () => {
    const a = actor([grid, community]);
    expect(scopePaths(a, 'resident.read')).toEqual(['/d/s/c/']);
    expect(scopePaths(a, 'audit.read')).toEqual(['/d/s/c/']);
    expect(scopePaths(actor([grid]), 'audit.read')).toEqual([]);
    expect(permissionsOf(actor([grid]))).not.toContain('account.manage');
  });

  it('every role is bound only to sensible node kinds and the tree has a fixed shape', () => {
    for (const spec of Object.values(STAFF_ROLES)) expect(spec.allowedNodeKinds).not.toContain('household');
    expect(childKindOf('community')).toBe('grid');
    expect(childKindOf('household')).toBeNull();
  });
});
