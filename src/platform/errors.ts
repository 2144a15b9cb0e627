/**
 * One error shape for the whole platform: `{ code, message, details }`. A module throws a DomainError
 * with a stable code; the HTTP edge maps it to its status and the caller's language.
 */
export type ErrorSpec = { status: number; zh: string; en: string };

export const PLATFORM_ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误', en: 'The request is invalid' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'Malformed request' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '请求内容类型不受支持，请使用 JSON', en: 'Unsupported content type; send JSON' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'Request body too large' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '登录已超时，请重新登录', en: 'Your session has expired; please sign in again' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_ACCOUNT_LOCKED: { status: 423, zh: '登录失败次数过多，账号已临时锁定，请稍后再试或联系管理员解锁', en: 'Too many failed sign-ins; the account is locked for a while' },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用，请联系管理员', en: 'This account is disabled' },
  AUTH_RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; please wait and try again' },
  PASSWORD_TOO_WEAK: { status: 400, zh: '密码不符合要求', en: 'The password does not meet the rules' },
  PASSWORD_WRONG: { status: 400, zh: '「当前密码」不正确', en: 'The current password is wrong' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录或密码已重置，请先修改密码', en: 'Please change your password first' },
  FORBIDDEN: { status: 403, zh: '您的角色无权进行此操作', en: 'Your role does not allow this' },
  FORBIDDEN_SCOPE: { status: 403, zh: '无权访问您管辖范围以外的数据', en: 'This is outside your area of responsibility' },
  NOT_FOUND: { status: 404, zh: '要找的内容不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such API route' },
  CONFLICT: { status: 409, zh: '数据已被修改或存在冲突，请刷新后重试', en: 'Conflict; reload and try again' },
  INTERNAL_ERROR: { status: 500, zh: '系统内部错误，已记录，请稍后再试', en: 'Internal error; it has been logged' },
} as const satisfies Record<string, ErrorSpec>;

const registry = new Map<string, ErrorSpec>(Object.entries(PLATFORM_ERRORS));

/** A module registers its own codes once (`registerErrors(ORG_ERRORS)`), so every code has both languages. */
export function registerErrors<T extends Record<string, ErrorSpec>>(specs: T): T {
  for (const [code, spec] of Object.entries(specs)) registry.set(code, spec);
  return specs;
}

export function errorSpec(code: string): ErrorSpec {
  return registry.get(code) ?? PLATFORM_ERRORS.INTERNAL_ERROR;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
    /** A zh-CN message that says more than the catalogue's (for example naming the field or the record). */
    readonly zhMessage?: string,
    readonly enMessage?: string,
  ) {
    const spec = errorSpec(code);
    super(zhMessage ?? spec.zh);
    this.status = spec.status;
  }

  localized(lang: 'zh' | 'en'): string {
    const spec = errorSpec(this.code);
    return lang === 'en' ? (this.enMessage ?? spec.en) : (this.zhMessage ?? spec.zh);
  }
}

export function fail(code: string, details?: Record<string, unknown>, zhMessage?: string, enMessage?: string): never {
  throw new DomainError(code, details, zhMessage, enMessage);
}
