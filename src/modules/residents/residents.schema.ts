import { z } from 'zod';

export const residentSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  address: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  genderLabel: z.string(),
  birthDate: z.string(),
  age: z.number(),
  idNumber: z.string().describe('身份证号（脱敏）'),
  phone: z.string().nullable().describe('手机号（脱敏）'),
  relation: z.string(),
  registration: z.enum(['registered', 'floating', 'separated']),
  registrationLabel: z.string(),
  portalRoles: z.array(z.string()),
});

export const listResidentsQuery = z.object({
  nodeId: z.uuid().optional().describe('组织节点'),
  q: z.string().trim().max(50).optional().describe('关键词'),
  page: z.coerce.number().int().min(1).max(100000).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
});

export const residentIdParams = z.object({ residentId: z.uuid().describe('居民编号') });

export const REGISTRATION_LABELS = {
  registered: { zh: '户籍人口', en: 'Registered' },
  floating: { zh: '流动人口', en: 'Floating' },
  separated: { zh: '人户分离', en: 'Registered elsewhere' },
} as const;
