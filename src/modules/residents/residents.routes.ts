import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { appendAudit, registerAuditActions } from '../../platform/audit/audit.ts';
import { inParams, inQuery, staffOf } from '../../platform/http/authorize.ts';
import { clientIp, pageWindow } from '../../platform/http/request-context.ts';
import { fail } from '../../platform/errors.ts';
import { ageOn } from '../../platform/security/id-number.ts';
import { maskIdNumber, maskPhone } from '../../platform/security/masking.ts';
import type { ResidentRow } from '../../platform/db/schema.ts';
import { findNode } from '../org/org.repository.ts';
import { addressesOf, findResident, listResidents, portalRolesOf } from './residents.repository.ts';
import { listResidentsQuery, REGISTRATION_LABELS, residentIdParams, residentSchema } from './residents.schema.ts';

const tags = ['实有人口'];

registerAuditActions({ 'resident.sensitive.view': { zh: '查看敏感信息', en: 'View sensitive data' } });

export function registerResidentRoutes(app: App, deps: AppDeps): void {
  const present = async (districtId: string, rows: ResidentRow[], lang: 'zh' | 'en') => {
    const addresses = await addressesOf(deps.db, districtId, [...new Set(rows.map((r) => r.node_path))]);
    const roles = await portalRolesOf(deps.db, districtId, rows.map((r) => r.id));
    const today = deps.clock();
    return rows.map((r) => ({
      id: r.id,
      householdId: r.household_id,
      address: addresses.get(r.node_path) ?? '',
      name: r.name,
      gender: r.gender,
      genderLabel: r.gender === 'male' ? (lang === 'en' ? 'Male' : '男') : lang === 'en' ? 'Female' : '女',
      birthDate: r.birth_date,
      age: ageOn(r.birth_date, today),
      idNumber: maskIdNumber(r.id_number),
      phone: maskPhone(r.phone),
      relation: r.relation,
      registration: r.registration,
      registrationLabel: REGISTRATION_LABELS[r.registration][lang],
      portalRoles: ['resident', ...(roles.get(r.id) ?? [])],
    }));
  };

  app.get('/api/residents', {
    config: { access: { kind: 'staff', permission: 'resident.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '居民列表（管辖范围内，敏感信息脱敏）', querystring: listResidentsQuery, response: { 200: z.object({ items: z.array(residentSchema), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => {
    const actor = staffOf(req);
    const { nodeId, q, page, pageSize } = req.query;
    const under = nodeId ? await findNode(deps.db, actor.districtId, nodeId) : null;
    const { rows, total } = await listResidents(deps.db, { districtId: actor.districtId, scope: scopePaths(actor, 'resident.read'), underPath: under?.path ?? null, q, ...pageWindow(page, pageSize) });
    return { items: await present(actor.districtId, rows, req.lang), total, page, pageSize };
  });

  app.get('/api/residents/:residentId', {
    config: { access: { kind: 'staff', permission: 'resident.read', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '居民详情（脱敏）', params: residentIdParams, response: { 200: residentSchema } },
  }, async (req) => {
    const actor = staffOf(req);
    const row = await findResident(deps.db, actor.districtId, req.params.residentId);
    if (!row) return fail('NOT_FOUND');
    const [one] = await present(actor.districtId, [row], req.lang);
    return one;
  });

  app.post('/api/residents/:residentId/reveal', {
    config: { access: { kind: 'staff', permission: 'resident.sensitive.read', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '查看完整身份证号和手机号（记入审计日志）', params: residentIdParams, response: { 200: z.object({ idNumber: z.string(), phone: z.string().nullable() }) } },
  }, async (req) => {
    const actor = staffOf(req);
    return deps.db.transaction().execute(async (tx) => {
      const row = await findResident(tx, actor.districtId, req.params.residentId);
      if (!row) return fail('NOT_FOUND');
      await appendAudit(tx, {
        districtId: actor.districtId, actor, ip: clientIp(req), at: deps.clock(),
        action: 'resident.sensitive.view', entityType: 'resident', entityId: row.id, nodePath: row.node_path,
        summary: `查看居民「${row.name}」的完整身份证号和手机号`,
      });
      return { idNumber: row.id_number, phone: row.phone };
    });
  });
}
