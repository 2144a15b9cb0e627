import { describe, expect, it } from 'vitest';
import { sessionColumnsShared, type SessionRow } from './sessions.ts';

const staff = (name: string): SessionRow => ({
  subject_kind: 'staff', last_seen_at: '2026-11-24T01:00:00Z', expires_at: '2026-11-25T01:00:00Z', account_id: `id-${name}`, a_district_id: 'd1',
  username: name, display_name: name, disabled: false, must_change_password: false, bindings: [], r_id: null, r_district_id: null, r_name: null, r_node_path: null, r_roles: null,
});
const blank = (): SessionRow => ({
  subject_kind: null as unknown as 'staff', last_seen_at: null as unknown as string, expires_at: null as unknown as string, account_id: null, a_district_id: null,
  username: null, display_name: null, disabled: null, must_change_password: null, bindings: null, r_id: null, r_district_id: null, r_name: null, r_node_path: null, r_roles: null,
});

describe('a batch statement sends each session once', () => {
  it('gives every row the columns of the first row of its own session, and leaves missing rows missing', () => {
    const items = [
      { t: 'a', r: ['shuji'] },
      { t: 'b', r: ['shuji'] },
      { t: 'a', r: ['shuji'] },
      { t: 'c', r: ['shuji'] }, // session not found: no row
      { t: 'b', r: ['shuji'] },
      { t: 'a', r: ['wangge'] }, // same token, other roles: its own first row
    ];
    const rows = [{ ...staff('a'), id: 1 }, { ...staff('b'), id: 2 }, { ...blank(), id: 3 }, undefined, { ...blank(), id: 5 }, { ...staff('a2'), id: 6 }];
    const shared = sessionColumnsShared(items, rows);
    expect(shared.map((r) => r?.username ?? null)).toEqual(['a', 'b', 'a', null, 'b', 'a2']);
    expect(shared.map((r) => r?.id ?? null)).toEqual([1, 2, 3, null, 5, 6]);
    expect(shared[2]).toMatchObject({ subject_kind: 'staff', account_id: 'id-a', disabled: false, expires_at: '2026-11-25T01:00:00Z' });
  });
});
