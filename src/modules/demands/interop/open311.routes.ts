import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { DomainError, fail } from '../../../platform/errors.ts';
import { clientIp } from '../../../platform/http/request-context.ts';
import { localDate } from '../../coverage/index.ts';
import { CATEGORIES, categoryRule } from '../demand-store.ts';
import { fileExternalDemand } from './file-external-demand.ts';
import { keyHolder } from './interop-keys.ts';
import { errorBody, requestOf, serviceNotice, serviceOf, xmlDocument, xmlList, type Format, type Record311 } from './open311-format.ts';
import { jurisdiction, requestFacts } from './open311.repository.ts';
import { placeRequest } from './place.ts';
import './interop.errors.ts';

const tags = ['Open311 GeoReport v2'];
const BASE = '/api/open311/v2';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = 86_400_000;

/** `.json` / `.xml` decides; without an extension the Accept header does. */
export function formatOf(req: FastifyRequest): Format {
  const path = (req.url.split('?')[0] ?? '').toLowerCase();
  if (path.endsWith('.xml')) return 'xml';
  if (path.endsWith('.json')) return 'json';
  return /xml/i.test(String(req.headers.accept ?? '')) ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Format, status: number, json: unknown, xml: () => string) {
  if (format === 'xml') return reply.status(status).type('text/xml; charset=utf-8').send(xml());
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(json));
}

/** `name.json` / `name.xml` / `name` → the name and format (codes hold dots, so split at the last one). */
function splitFile(file: string, req: FastifyRequest): { name: string; format: Format } {
  const m = /^(.*)\.(json|xml)$/i.exec(file);
  if (m?.[1]) return { name: m[1], format: (m[2] ?? 'json').toLowerCase() as Format };
  return { name: file, format: formatOf(req) };
}

const text = (max: number, label: string) => z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().max(max).optional()).describe(label);
const coordinate = (min: number, max: number, label: string) =>
  z.preprocess((v) => (v === '' || v === null || v === undefined ? undefined : Number(v)), z.number().min(min).max(max).optional()).describe(label);

const formatParams = z.object({ format: z.string().describe('格式（json 或 xml）') });
const fileParams = z.object({ file: z.string().describe('代码加格式后缀，如 environment.garbage.json') });
const jurisdictionQuery = z.object({ jurisdiction_id: text(64, '辖区代码（jurisdiction_id）') });
const requestsQuery = z.object({
  jurisdiction_id: text(64, '辖区代码（jurisdiction_id）'),
  service_request_id: text(20_000, '诉求编号（service_request_id，逗号分隔）'),
  service_code: text(80, '服务代码（service_code）'),
  start_date: text(40, '开始时间（start_date）'),
  end_date: text(40, '结束时间（end_date）'),
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['open', 'closed']).optional()).describe('状态（status：open 或 closed）'),
});
export const postRequestBody = z.object({
  api_key: text(200, '接口密钥（api_key）'),
  jurisdiction_id: text(64, '辖区代码（jurisdiction_id）'),
  service_code: z.string().trim().min(1).max(80).describe('服务代码（service_code）'),
  lat: coordinate(-90, 90, '纬度（lat）'),
  long: coordinate(-180, 180, '经度（long）'),
  address_string: text(200, '地址（address_string）'),
  address_id: text(100, '地址编号（address_id）'),
  email: text(100, '电子邮箱（email）'),
  device_id: text(100, '设备编号（device_id）'),
  account_id: text(100, '账户编号（account_id）'),
  first_name: text(25, '名（first_name）'),
  last_name: text(25, '姓（last_name）'),
  phone: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().regex(/^[0-9+\- ]{5,20}$/).optional()).describe('电话（phone）'),
  description: text(1800, '诉求描述（description）'),
  media_url: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.url({ protocol: /^https?$/ }).max(500).optional()).describe('照片链接（media_url）'),
}).loose();

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): services, service definitions, posting a
 * request (api_key required) and reading requests. Errors take the spec's shape — a JSON array of
 * { code, description } or <errors><error> — with the zh-CN description. Reads are open (the spec allows
 * it) and carry only public fields; a write needs a key and files only inside the key's node.
 */
export function registerOpen311Routes(app: App, deps: AppDeps): void {
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The spec's POST is form-encoded; JSON is accepted as well (Fastify's default parser).
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.setErrorHandler(async (error: Error, req, reply) => {
      const format = formatOf(req);
      const lang = req.lang ?? 'zh';
      if (error instanceof DomainError) return send(reply, format, error.status, errorBody('json', [{ code: error.status, description: error.localized(lang) }]), () => errorBody('xml', [{ code: error.status, description: error.localized(lang) }]) as string);
      if (hasZodFastifySchemaValidationErrors(error)) {
        const part = (error as unknown as { validationContext?: string }).validationContext ?? 'body';
        const schema = part === 'querystring' ? requestsQuery.shape : part === 'body' ? postRequestBody.shape : {};
        const errors = error.validation.map((issue) => {
          const field = issue.instancePath.split('/').filter(Boolean)[0] ?? '';
          const label = (schema as Record<string, z.ZodType>)[field]?.description ?? field;
          return { code: 400, description: `「${label}」${lang === 'en' ? 'is invalid' : '格式不正确或缺失'}` };
        });
        return send(reply, format, 400, errors, () => errorBody('xml', errors) as string);
      }
      const code = (error as { statusCode?: unknown }).statusCode;
      const status = typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
      if (status === 500) req.log.error({ err: error }, 'open311 error');
      const errors = [{ code: status, description: status === 500 ? '服务器内部错误' : '请求有误' }];
      return send(reply, format, status, errors, () => errorBody('xml', errors) as string);
    });

    const open = { access: { kind: 'public' as const } };
    const pickFormat = (value: string): Format => (value === 'json' || value === 'xml' ? value : fail('ROUTE_NOT_FOUND'));
    /** The district asked for; without jurisdiction_id, the only one there is. */
    const district = async (code: string | undefined) => {
      if (code) return (await jurisdiction(deps.db, code)) ?? fail('INTEROP_JURISDICTION_UNKNOWN', { jurisdiction_id: code });
      const all = await deps.db.selectFrom('district').select(['district_id', 'code']).limit(2).execute();
      if (all.length === 1 && all[0]) return { districtId: all[0].district_id, code: all[0].code ?? '' };
      return fail('INTEROP_JURISDICTION_UNKNOWN', { field: 'jurisdiction_id' }, '请提供「jurisdiction_id」（辖区代码）', 'Give jurisdiction_id');
    };

    const services = () => CATEGORIES.map((c) => serviceOf(c, categoryRule(c.code), CATEGORIES));

    scope.get(`${BASE}/services.:format`, {
      config: open,
      schema: { tags, summary: '服务列表（诉求分类、首办层级与时限）', params: formatParams, querystring: jurisdictionQuery },
    }, async (req, reply) => {
      const format = pickFormat(req.params.format);
      await district(req.query.jurisdiction_id);
      const list = services();
      return send(reply, format, 200, list, () => xmlList('services', 'service', list));
    });

    scope.get(`${BASE}/services/:file`, {
      config: open,
      schema: { tags, summary: '服务定义（本平台的分类没有附加属性：attributes 为空）', params: fileParams, querystring: jurisdictionQuery },
    }, async (req, reply) => {
      const { name, format } = splitFile(req.params.file, req);
      await district(req.query.jurisdiction_id);
      if (!CATEGORIES.some((c) => c.code === name)) return fail('INTEROP_SERVICE_UNKNOWN', { service_code: name });
      const definition = { service_code: name, attributes: [] as Record311[] };
      return send(reply, format, 200, definition, () => xmlDocument('service_definition', definition));
    });

    scope.post(`${BASE}/requests.:format`, {
      config: open,
      schema: { tags, summary: '提交诉求（须 api_key；表单编码或 JSON）：位置在网格内则归该网格，否则归密钥所属社区', params: formatParams, body: postRequestBody },
    }, async (req, reply) => {
      const format = pickFormat(req.params.format);
      const b = req.body;
      const now = deps.clock();
      const holder = await keyHolder(deps.db, b.api_key ?? (req.headers['x-api-key'] as string | undefined));
      if (b.jurisdiction_id) {
        const asked = await jurisdiction(deps.db, b.jurisdiction_id);
        if (!asked) return fail('INTEROP_JURISDICTION_UNKNOWN', { jurisdiction_id: b.jurisdiction_id });
        if (asked.districtId !== holder.key.districtId) return fail('INTEROP_OUTSIDE_KEY_AREA', { field: 'jurisdiction_id' });
      }
      if (!CATEGORIES.some((c) => c.code === b.service_code)) return fail('INTEROP_SERVICE_UNKNOWN', { service_code: b.service_code });
      if ((b.lat === undefined) !== (b.long === undefined)) return fail('INTEROP_LOCATION_REQUIRED', { field: b.lat === undefined ? 'lat' : 'long' });
      const point = b.lat !== undefined && b.long !== undefined ? { lat: b.lat, lng: b.long } : null;
      if (!point && !b.address_string) return fail('INTEROP_LOCATION_REQUIRED');
      const area = { districtId: holder.key.districtId, nodeId: holder.key.nodeId, nodePath: holder.key.nodePath, nodeKind: holder.key.nodeKind };
      const placed = await placeRequest(deps.db, area, { point, address: b.address_string ?? null }, localDate(now));
      const rule = categoryRule(b.service_code);
      const firstLine = (b.description ?? '').split(/\r?\n/)[0]?.trim() ?? '';
      const head = firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
      const name = [b.last_name, b.first_name].filter(Boolean).join('') || null;
      const description = [b.description, b.address_string ? `地址：${b.address_string}` : null, b.email ? `联系邮箱：${b.email}` : null, b.media_url ? `照片：${b.media_url}` : null].filter(Boolean).join('\n');
      const filed = await fileExternalDemand(deps.db, { actor: holder.actor, ip: clientIp(req), now, key: holder.key }, {
        source: 'open311', externalId: null, channel: holder.key.channel, nodeId: placed.nodeId, category: rule.code, title: `${head || rule.name.zh}`,
        description, point, contactName: name, contactPhone: b.phone ?? null, limitWorkingDays: null, calledAt: null,
        address: b.address_string ?? null, mediaUrl: b.media_url ?? null,
      });
      const answer = [{ service_request_id: filed.demandId, service_notice: serviceNotice(rule), account_id: null }];
      return send(reply, format, 200, answer, () => xmlList('service_requests', 'request', answer));
    });

    scope.get(`${BASE}/requests.:format`, {
      config: open,
      schema: { tags, summary: '诉求列表（经接口提交或转办的诉求；默认近 90 天，最多 1000 条；不含任何个人信息）', params: formatParams, querystring: requestsQuery },
    }, async (req, reply) => {
      const format = pickFormat(req.params.format);
      const q = req.query;
      const { districtId } = await district(q.jurisdiction_id);
      const date = (value: string | undefined, field: string) => {
        if (!value) return undefined;
        const d = new Date(value);
        return Number.isNaN(d.getTime()) ? fail('INTEROP_BAD_PARAMETER', { field }, `「${field}」不是有效的时间（W3C 格式，如 2026-11-23T09:00:00+08:00）`, `${field} is not a valid W3C date`) : d;
      };
      const ids = q.service_request_id ? q.service_request_id.split(',').map((s) => s.trim()).filter((s) => UUID.test(s)) : undefined;
      const start = date(q.start_date, 'start_date');
      const end = date(q.end_date, 'end_date');
      const facts = await requestFacts(deps.db, districtId, ids
        ? { ids, limit: 1000 }
        : { serviceCode: q.service_code, status: q.status, start: start ?? new Date((end ?? deps.clock()).getTime() - 90 * DAY), end, limit: 1000 });
      const list = facts.map(requestOf);
      return send(reply, format, 200, list, () => xmlList('service_requests', 'request', list));
    });

    scope.get(`${BASE}/requests/:file`, {
      config: open,
      schema: { tags, summary: '一条诉求的状态（open / closed 与办理说明）', params: fileParams, querystring: jurisdictionQuery },
    }, async (req, reply) => {
      const { name, format } = splitFile(req.params.file, req);
      const { districtId } = await district(req.query.jurisdiction_id);
      const facts = UUID.test(name) ? await requestFacts(deps.db, districtId, { ids: [name], limit: 1 }) : [];
      if (facts.length === 0) return fail('INTEROP_REQUEST_NOT_FOUND', { service_request_id: name });
      const list = facts.map(requestOf);
      return send(reply, format, 200, list, () => xmlList('service_requests', 'request', list));
    });
  });
}
