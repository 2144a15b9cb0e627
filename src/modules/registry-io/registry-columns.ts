import type { Registration } from '../../platform/db/schema.ts';
import { RESIDENT_RELATIONS } from '../grid/resident-rules.ts';

/**
 * The columns of the registry workbook (template, import, errors workbook and export), in order. Pure.
 * The first eleven are the template; 性别 and 出生日期 may follow (files exported from other systems often
 * carry them) and are then cross-checked against the ID number; any other extra column is ignored.
 */
export const TEMPLATE_COLUMNS = [
  { key: 'community', header: '社区', required: true, width: 18, help: '社区名称，须与系统中的名称完全一致，例如「百步亭花园社区」。' },
  { key: 'grid', header: '网格', required: true, width: 12, help: '网格名称，例如「第一网格」。' },
  { key: 'building', header: '楼栋', required: true, width: 10, help: '楼栋名称，例如「3栋」。社区、网格、楼栋须已在组织架构中建好，且在您的管辖范围内。' },
  { key: 'household', header: '房号', required: true, width: 14, help: '房号，写法与系统一致，例如「2单元301室」。系统中还没有的房号会在导入时新建。' },
  { key: 'name', header: '姓名', required: true, width: 12, help: '姓名，不超过 50 个字。' },
  { key: 'idNumber', header: '身份证号', required: true, width: 22, help: '18 位居民身份证号，末位可为 X。出生日期和性别由身份证号自动得出。请保持本列为「文本」格式，否则 Excel 会把号码变成科学计数法并丢掉后几位。' },
  { key: 'phone', header: '手机号', required: false, width: 14, help: '11 位手机号码，可不填。' },
  { key: 'relation', header: '与户主关系', required: false, width: 12, help: `从下拉列表选择：${RESIDENT_RELATIONS.join('、')}。不填视为「户主」。` },
  { key: 'registration', header: '户籍类型', required: true, width: 12, help: '从下拉列表选择：户籍人口、流动人口、人户分离。' },
  { key: 'registeredPlace', header: '户籍地', required: false, width: 24, help: '户籍所在地，例如「湖北省武汉市江岸区」，可不填。' },
  { key: 'movedInOn', header: '迁入日期', required: false, width: 12, help: '迁入本址的日期，格式 YYYY-MM-DD（如 2020-05-01），可不填，不能晚于今天。' },
] as const;

export const OPTIONAL_COLUMNS = [
  { key: 'gender', header: '性别', width: 8 },
  { key: 'birthDate', header: '出生日期', width: 12 },
] as const;

export type TemplateKey = (typeof TEMPLATE_COLUMNS)[number]['key'];
export type OptionalKey = (typeof OPTIONAL_COLUMNS)[number]['key'];
export type CellKey = TemplateKey | OptionalKey;
export type Cells = Partial<Record<CellKey, string>>;

/** Labels of the address columns for error reports (the resident fields take theirs from resident-rules). */
export const ADDRESS_LABELS = { community: '社区', grid: '网格', building: '楼栋', household: '房号' } as const;

export const REGISTRATION_BY_LABEL: Record<string, Registration> = { 户籍人口: 'registered', 流动人口: 'floating', 人户分离: 'separated' };
export const REGISTRATION_LABEL: Record<Registration, string> = { registered: '户籍人口', floating: '流动人口', separated: '人户分离' };

/** Rows whose 姓名 starts with this are the template's example and are skipped on import. */
export const EXAMPLE_MARK = '（示例）';

/** A header cell as people type it: 「户籍类型（户籍人口/流动人口/人户分离）」 and 「*姓名」 both count. */
export function normalizeHeader(text: string): string {
  return text.replace(/[（(].*$/s, '').replace(/[*＊\s]/g, '');
}

export type HeaderCheck = { ok: true; positions: Map<CellKey, number> } | { ok: false; column: number; expected: string; found: string };

/** The first eleven header cells must be the template's, in order; 性别 / 出生日期 are found anywhere after. */
export function checkHeader(header: string[]): HeaderCheck {
  const positions = new Map<CellKey, number>();
  for (const [i, column] of TEMPLATE_COLUMNS.entries()) {
    const found = normalizeHeader(header[i] ?? '');
    if (found !== column.header) return { ok: false, column: i + 1, expected: column.header, found: header[i] ?? '' };
    positions.set(column.key, i);
  }
  for (let i = TEMPLATE_COLUMNS.length; i < header.length; i++) {
    const optional = OPTIONAL_COLUMNS.find((c) => c.header === normalizeHeader(header[i] ?? ''));
    if (optional && !positions.has(optional.key)) positions.set(optional.key, i);
  }
  return { ok: true, positions };
}

/** Column letters for data validation ranges: 1 → A, 27 → AA. */
export function columnLetter(index1: number): string {
  let n = index1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** An Excel date serial (what a date cell holds when styles are not read) → 'YYYY-MM-DD'. */
export function excelSerialToDate(serial: number): string {
  return new Date(EXCEL_EPOCH + Math.round(serial * 86400) * 1000).toISOString().slice(0, 10);
}

/** '2020-5-1', '2020/05/01', '2020.5.1', '2020年5月1日' → '2020-05-01'; anything else is returned trimmed, for the rules to refuse. */
export function normalizeDateText(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return text.trim();
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

/**
 * The text of a cell as the streaming reader hands it over: strings, numbers, dates, rich text, formula
 * results, hyperlinks. `asDate` turns a date serial into 'YYYY-MM-DD'.
 */
export function cellText(value: unknown, asDate = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return asDate ? normalizeDateText(value) : value.trim();
  if (typeof value === 'number') {
    if (asDate && value > 0 && value < 2958466) return excelSerialToDate(value);
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: unknown }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => (typeof r.text === 'string' ? r.text : '')).join('').trim();
    if ('result' in v) return cellText(v.result, asDate);
    if (typeof v.text === 'string') return v.text.trim();
  }
  return '';
}

/** An RFC 6266 / 5987 attachment header: an ASCII fallback and the UTF-8 name (Chinese file names survive every browser). */
export function attachmentHeader(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
