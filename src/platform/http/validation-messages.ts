import { z } from 'zod';

/**
 * Turns zod issues into messages that name the field in the caller's language. A field's label is the
 * `.describe('用户名')` on its schema (which the OpenAPI document shows too); a field without one is named
 * by its key.
 */
export type FieldProblem = { field: string; label: string; message: string };

type Issue = { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> };

type AnySchema = z.ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let current: AnySchema = schema;
  for (let i = 0; i < 10; i++) {
    const def = (current as unknown as { _zod: { def: { innerType?: AnySchema; in?: AnySchema } } })._zod.def;
    const inner = def.innerType ?? def.in;
    if (!inner) return current;
    if (current.description) return current;
    current = inner;
  }
  return current;
}

function child(schema: AnySchema, key: string): AnySchema | undefined {
  const base = unwrap(schema);
  const def = (base as unknown as { _zod: { def: { type: string; shape?: Record<string, AnySchema>; element?: AnySchema } } })._zod.def;
  if (def.type === 'object' && def.shape) return def.shape[key];
  if (def.type === 'array' && def.element) return def.element;
  return undefined;
}

function describeOf(schema: AnySchema | undefined): string | undefined {
  let current = schema;
  for (let i = 0; current && i < 10; i++) {
    if (current.description) return current.description;
    const def = (current as unknown as { _zod: { def: { innerType?: AnySchema } } })._zod.def;
    current = def.innerType;
  }
  return undefined;
}

export function labelFor(schema: AnySchema | undefined, path: string[]): string {
  let current = schema;
  for (const key of path) current = current ? child(current, key) : undefined;
  const label = describeOf(current);
  if (label) return label;
  const last = [...path].reverse().find((p) => !/^\d+$/.test(p));
  return last ?? '请求';
}

function count(value: unknown): string {
  return typeof value === 'bigint' ? value.toString() : String(value);
}

function zhMessage(issue: Issue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'invalid_type':
      return p.input === undefined ? '不能为空' : `类型不正确，应为${typeName(String(p.expected), 'zh')}`;
    case 'too_small':
      if (p.origin === 'string') return Number(p.minimum) <= 1 ? '不能为空' : `至少需要 ${count(p.minimum)} 个字符`;
      if (p.origin === 'array') return `至少需要 ${count(p.minimum)} 项`;
      return `不能小于 ${count(p.minimum)}`;
    case 'too_big':
      if (p.origin === 'string') return `不能超过 ${count(p.maximum)} 个字符`;
      if (p.origin === 'array') return `不能超过 ${count(p.maximum)} 项`;
      return `不能大于 ${count(p.maximum)}`;
    case 'invalid_format':
      if (p.format === 'uuid' || p.format === 'guid') return '编号格式不正确';
      if (p.format === 'date') return '日期格式不正确，应为 YYYY-MM-DD';
      if (p.format === 'datetime') return '时间格式不正确';
      return '格式不正确';
    case 'invalid_value':
      return Array.isArray(p.values) ? `取值不正确，应为 ${p.values.join(' / ')} 之一` : '取值不正确';
    case 'unrecognized_keys':
      return `包含不认识的字段：${Array.isArray(p.keys) ? p.keys.join('、') : ''}`;
    case 'custom':
      return issue.message ?? '取值不正确';
    default:
      return '取值不正确';
  }
}

function enMessage(issue: Issue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'invalid_type':
      return p.input === undefined ? 'is required' : `must be a ${typeName(String(p.expected), 'en')}`;
    case 'too_small':
      if (p.origin === 'string') return Number(p.minimum) <= 1 ? 'is required' : `needs at least ${count(p.minimum)} characters`;
      return `must be at least ${count(p.minimum)}`;
    case 'too_big':
      if (p.origin === 'string') return `must be at most ${count(p.maximum)} characters`;
      return `must be at most ${count(p.maximum)}`;
    case 'invalid_format':
      return 'has the wrong format';
    case 'invalid_value':
      return Array.isArray(p.values) ? `must be one of ${p.values.join(' / ')}` : 'has a wrong value';
    case 'unrecognized_keys':
      return `has unknown fields: ${Array.isArray(p.keys) ? p.keys.join(', ') : ''}`;
    default:
      return issue.message ?? 'is invalid';
  }
}

function typeName(expected: string, lang: 'zh' | 'en'): string {
  const zh: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: '是/否', array: '列表', object: '对象' };
  return lang === 'zh' ? (zh[expected] ?? expected) : expected;
}

export function describeIssues(
  issues: Issue[],
  schema: AnySchema | undefined,
  lang: 'zh' | 'en',
): { message: string; fields: FieldProblem[] } {
  const fields = issues.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const label = labelFor(schema, path);
    return { field: path.join('.') || '(body)', label, message: lang === 'en' ? enMessage(issue) : zhMessage(issue) };
  });
  const message = fields
    .map((f) => (lang === 'en' ? `${f.label} ${f.message}` : `「${f.label}」${f.message}`))
    .join(lang === 'en' ? '; ' : '；');
  return { message, fields };
}
