import type { CategoryRule, DemandCategory, DemandStatus, HandlingLevel } from '../rules/index.ts';
import { LEVEL_NAMES, OPEN_STATUSES } from '../rules/index.ts';
import type { TimeLimit } from '../../calendar/index.ts';
import { HOTLINE_CATEGORY_ALIASES } from './hotline-categories.ts';

/**
 * Open311 GeoReport v2 shapes (https://wiki.open311.org/GeoReport_v2), pure: services from our category
 * tree, a demand as a service request (open/closed + status notes from our richer state), and the two
 * encodings — JSON arrays and XML with the spec's element names. No personal data is ever shaped here.
 */
export type Format = 'json' | 'xml';
type Scalar = string | number | boolean | null;
export type Record311 = Record<string, Scalar>;

export function chinaTime(date: Date | string | null): string | null {
  if (date === null) return null;
  const d = new Date(new Date(date).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 19)}+08:00`;
}
const chinaDay = (date: Date | string): string => (chinaTime(date) ?? '').slice(0, 10);

export function limitText(limit: TimeLimit): string {
  return limit.unit === 'natural_hours' ? `${limit.amount} 小时` : `${limit.amount} 个工作日`;
}

export function serviceOf(category: DemandCategory, rule: CategoryRule, all: readonly DemandCategory[]): Record311 {
  const parent = category.parent ? all.find((c) => c.code === category.parent) : category;
  const keywords = [category.name.zh, ...(HOTLINE_CATEGORY_ALIASES[category.code] ?? [])];
  return {
    service_code: category.code,
    service_name: category.name.zh,
    description: `${category.name.zh}：由${LEVEL_NAMES[rule.firstLevel].zh}首办；响应时限 ${limitText(rule.respond)}，办结时限 ${limitText(rule.finish)}`,
    metadata: false,
    type: 'realtime',
    keywords: [...new Set(keywords)].join(','),
    group: parent?.name.zh ?? category.name.zh,
  };
}

export function serviceNotice(rule: CategoryRule): string {
  return `响应时限 ${limitText(rule.respond)}，办结时限 ${limitText(rule.finish)}（工作日按国家法定节假日安排计算）`;
}

export const isOpen = (status: DemandStatus): boolean => OPEN_STATUSES.includes(status);

export type RequestFacts = {
  id: string;
  status: DemandStatus;
  categoryCode: string;
  categoryName: string;
  level: HandlingLevel | null;
  bodyName: string | null;
  /** Names of the community and grid the demand lies in (never a building or household). */
  areaName: string;
  finishBy: Date | null;
  createdAt: Date;
  updatedAt: Date;
  doneAt: Date | null;
  outcomeName: string | null;
  notice: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  mediaUrl: string | null;
};

/** Our state as the status note a hotline or civic app shows (e.g. 「已受理，由第一网格工作站办理；办结时限 2026-11-30」). */
export function statusNotes(f: RequestFacts): string {
  const handler = f.bodyName ? `由${f.areaName ? `${f.areaName} ` : ''}${f.bodyName}办理` : null;
  const due = f.finishBy ? `办结时限 ${chinaDay(f.finishBy)}` : null;
  switch (f.status) {
    case 'received': return ['已登记，正在派单', due].filter(Boolean).join('；');
    case 'routed': return [`已派单${f.level ? `至${LEVEL_NAMES[f.level].zh}` : ''}${handler ? `，${handler}` : ''}`, due].filter(Boolean).join('；');
    case 'accepted': return [`已受理${handler ? `，${handler}` : ''}`, due].filter(Boolean).join('；');
    case 'suspended': return `已挂起（计时暂停）${handler ? `，${handler}` : ''}`;
    case 'done': return `已办结${f.doneAt ? `（${chinaDay(f.doneAt)}）` : ''}${f.outcomeName ? `：${f.outcomeName}` : ''}，待评价`;
    case 'closed': return `已办结归档${f.outcomeName ? `：${f.outcomeName}` : ''}`;
    case 'merged': return '已与相同诉求合并办理';
  }
}

export function requestOf(f: RequestFacts): Record311 {
  return {
    service_request_id: f.id,
    status: isOpen(f.status) ? 'open' : 'closed',
    status_notes: statusNotes(f),
    service_name: f.categoryName,
    service_code: f.categoryCode,
    agency_responsible: f.bodyName ? `${f.areaName ? `${f.areaName} ` : ''}${f.bodyName}` : f.areaName,
    service_notice: f.notice,
    requested_datetime: chinaTime(f.createdAt),
    updated_datetime: chinaTime(f.updatedAt),
    expected_datetime: isOpen(f.status) ? chinaTime(f.finishBy) : null,
    address: f.address,
    lat: f.lat,
    long: f.lng,
    media_url: f.mediaUrl,
  };
}

// ---- encodings ----

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // Characters XML 1.0 does not allow at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

function element(name: string, value: Scalar | Scalar[] | Record311 | Record311[]): string {
  if (value === null || value === '') return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => (typeof v === 'object' && v !== null ? element(name.replace(/s$/, ''), v) : element('item', v))).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

/** A list under its root (services/service, service_requests/request, errors/error). */
export function xmlList(root: string, item: string, records: readonly (Record311 | Record<string, unknown>)[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${records.map((r) => elementOf(item, r)).join('')}</${root}>`;
}
export function xmlDocument(root: string, record: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${elementOf(root, record)}`;
}
function elementOf(name: string, record: Record<string, unknown>): string {
  const inner = Object.entries(record)
    .map(([k, v]) => {
      if (Array.isArray(v)) return `<${k}>${v.map((x) => elementOf(k.replace(/s$/, ''), x as Record<string, unknown>)).join('')}</${k}>`;
      if (v !== null && typeof v === 'object') return elementOf(k, v as Record<string, unknown>);
      return element(k, v as Scalar);
    })
    .join('');
  return `<${name}>${inner}</${name}>`;
}

export type Open311Error = { code: number; description: string };
export function errorBody(format: Format, errors: Open311Error[]): string | Open311Error[] {
  return format === 'json' ? errors : xmlList('errors', 'error', errors);
}
