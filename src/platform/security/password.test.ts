import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { maskIdNumber, maskPhone, maskSensitive } from './masking.ts';

describe('password rules (等保 2.0 defaults)', () => {
  it('accepts 8+ characters of three kinds', () => {
    expect(passwordProblems('Gongzhi@2026', 'admin')).toEqual([]);
    expect(passwordProblems('abcd1234!', 'admin')).toEqual([]);
  });
  it('refuses short, two-kind and username-containing passwords, saying why', () => {
    expect(passwordProblems('Ab1!', 'x')).toContain('至少 8 个字符');
    expect(passwordProblems('abcdefgh12', 'x')).toContain('需包含大写字母、小写字母、数字、符号中的至少三类');
    expect(passwordProblems('Wangge@2026', 'wangge')).toContain('不能包含用户名');
  });
  it('hashes with argon2 and verifies only the right password', async () => {
    const hash = await hashPassword('Gongzhi@2026');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'Gongzhi@2026')).toBe(true);
    expect(await verifyPassword(hash, 'Gongzhi@2025')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the first six and last four of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('keeps the first three and last four of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(null)).toBeNull();
  });
  it('masks sensitive keys in audit snapshots and hides secrets', () => {
    expect(maskSensitive({ idNumber: '11010519491231002X', phone: '13812345678', password: 'x', name: '张三' })).toEqual({
      idNumber: '110105********002X',
      phone: '138****5678',
      password: '[隐藏]',
      name: '张三',
    });
  });
});
