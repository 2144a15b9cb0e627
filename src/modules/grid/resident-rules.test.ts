import { describe, expect, it } from 'vitest';
import { checkResident } from './resident-rules.ts';

const today = new Date('2026-11-22T00:00:00Z');
const base = { name: '张三', idNumber: '11010519491231002X', registration: 'registered' as const };

describe('resident record rules', () => {
  it('derives gender and birth date from the ID number', () => {
    const r = checkResident(base, today);
    expect(r).toMatchObject({ ok: true, value: { gender: 'female', birthDate: '1949-12-31', relation: '户主' } });
  });
  it('refuses a gender or birth date that contradicts the ID number, naming both', () => {
    const r = checkResident({ ...base, gender: 'male', birthDate: '1950-01-01' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.label)).toEqual(['性别', '出生日期']);
      expect(r.problems[0]?.message).toContain('身份证号显示为女');
    }
  });
  it('reports every problem of a row at once', () => {
    const r = checkResident({ name: '', idNumber: '123', phone: '555', relation: '邻居', registration: 'floating', movedInOn: '2030-01-01' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(['name', 'idNumber', 'phone', 'relation', 'movedInOn']);
  });
});
