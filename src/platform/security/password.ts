import { hash, verify } from '@node-rs/argon2';

/**
 * Password rules (等保 2.0 common defaults): at least 8 characters of at least three kinds
 * (upper case, lower case, digits, symbols), not containing the login name. Pure; returns the problems.
 */
export function passwordProblems(password: string, username = ''): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('至少 8 个字符');
  if (password.length > 128) problems.push('不能超过 128 个字符');
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 3) problems.push('需包含大写字母、小写字母、数字、符号中的至少三类');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push('不能包含用户名');
  return problems;
}

export const PASSWORD_RULE_TEXT = '至少 8 位，含大写字母、小写字母、数字、符号中的至少三类，且不含用户名';

export function hashPassword(password: string): Promise<string> {
  return hash(password); // argon2id with the library's defaults
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which names exist. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('not-a-real-password-Aa1!');
  return dummyHash;
}
