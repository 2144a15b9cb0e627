import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, checkIdNumber, idNumberCheckChar, isMobilePhone } from './id-number.ts';
import { makeIdNumber } from '../../modules/demo/demo-people.ts';

const today = new Date('2026-11-22T00:00:00Z');

describe('ID number rules (GB 11643)', () => {
  it('accepts a known valid number and derives birth date and gender', () => {
    // 11010519491231002X is the standard's worked example: born 1949-12-31, female (sequence 002).
    const result = checkIdNumber('11010519491231002X', today);
    expect(result).toEqual({ ok: true, facts: { birthDate: '1949-12-31', gender: 'female' } });
  });

  it('rejects a wrong check character and names the reason', () => {
    const result = checkIdNumber('110105194912310021', today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('校验位');
  });

  it('rejects impossible dates, future births and wrong lengths', () => {
    expect(checkIdNumber('110105194902301234', today).ok).toBe(false); // 30 Feb
    expect(checkIdNumber(`110105${'20271231'}0011`.padEnd(17, '0') + 'X', today).ok).toBe(false);
    expect(checkIdNumber('11010519491231002', today).ok).toBe(false);
    expect(checkIdNumber('1101051949123100AX', today).ok).toBe(false);
  });

  it('lower-case x is read as X', () => {
    expect(checkIdNumber('11010519491231002x', today).ok).toBe(true);
  });

  it('any generated number validates, with the gender and birth date it was made from (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-21T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('male' as const, 'female' as const),
        fc.integer({ min: 0, max: 499 }),
        (date, gender, serial) => {
          const birth = date.toISOString().slice(0, 10);
          const id = makeIdNumber('420102', birth, gender, serial);
          const result = checkIdNumber(id, today);
          expect(result).toEqual({ ok: true, facts: { birthDate: birth, gender } });
        },
      ),
    );
  });

  it('changing any single digit of the first 17 is caught by the check character (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const id = '11010519491231002X';
        const digits = id.split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        const changed = digits.slice(0, 17).join('');
        expect(idNumberCheckChar(changed)).not.toBe('X');
      }),
    );
  });

  it('computes age with the birthday boundary', () => {
    expect(ageOn('2000-11-22', today)).toBe(26);
    expect(ageOn('2000-11-23', today)).toBe(25);
  });

  it('validates mainland mobile numbers', () => {
    expect(isMobilePhone('13800000001')).toBe(true);
    expect(isMobilePhone('12800000001')).toBe(false);
    expect(isMobilePhone('1380000000')).toBe(false);
  });
});
