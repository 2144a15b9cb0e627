/** Masking of sensitive personal data for display (个人信息保护法: least exposure by default). Pure. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Replace the values of known sensitive keys in a record (used for audit before/after snapshots). */
export function maskSensitive(record: Record<string, unknown> | null): Record<string, unknown> | null {
  if (record === null) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' && /^(id_?number|idNumber)$/i.test(key)) out[key] = maskIdNumber(value);
    else if (typeof value === 'string' && /^(phone|recipient)$/i.test(key)) out[key] = maskPhone(value);
    else if (/password|code_hash|token/i.test(key)) out[key] = '[隐藏]';
    else out[key] = value;
  }
  return out;
}
