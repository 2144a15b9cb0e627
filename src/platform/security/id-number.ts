/**
 * Chinese resident ID numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd = male, even = female) and a check character computed by ISO 7064 MOD 11-2. Pure.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export type IdNumberFacts = { birthDate: string; gender: 'male' | 'female' };

export type IdNumberCheck = { ok: true; facts: IdNumberFacts } | { ok: false; reason: string };

export function checkIdNumber(raw: string, today = new Date()): IdNumberCheck {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: '应为 18 位，前 17 位为数字，末位为数字或 X' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1880) {
    return { ok: false, reason: '出生日期部分不是有效日期' };
  }
  if (date.getTime() > today.getTime()) return { ok: false, reason: '出生日期晚于今天' };
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, reason: '校验位不正确，请核对号码' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return { ok: true, facts: { birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export function isMobilePhone(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw.trim());
}

export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age--;
  return age;
}
