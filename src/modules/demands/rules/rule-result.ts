/**
 * Pure transitions return a result instead of throwing (style.md habit 5). The error carries a stable
 * code and zh-CN / en messages; the route layer registers the catalogue with registerErrors and turns
 * a failed result into a DomainError (HTTP status from the catalogue).
 */
export type ErrorCatalogue = Record<string, { status: number; zh: string; en: string }>;

export type RuleError = { code: string; zh: string; en: string; details: Record<string, unknown> };
export type RuleResult<T> = { ok: true; value: T } | { ok: false; error: RuleError };

export function ok<T>(value: T): RuleResult<T> {
  return { ok: true, value };
}

/** A failed result with the catalogue's message, or a more precise one naming the field or the record. */
export function refuse<C extends ErrorCatalogue>(catalogue: C, code: keyof C & string, details: Record<string, unknown> = {}, message?: { zh: string; en: string }): { ok: false; error: RuleError } {
  const spec = catalogue[code];
  return { ok: false, error: { code, zh: message?.zh ?? spec?.zh ?? code, en: message?.en ?? spec?.en ?? code, details } };
}
