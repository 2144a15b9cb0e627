import { checkIdNumber, isMobilePhone } from '../../platform/security/id-number.ts';
import type { Gender, Registration } from '../../platform/db/schema.ts';

/**
 * Validation of one person's registry record, shared by the form and the Excel import. Pure: returns
 * every problem with the field it concerns (zh-CN), so an import can report each bad row in full.
 * The ID number decides birth date and gender; when those are given too, they must agree with it.
 */
export type ResidentInput = {
  name: string;
  idNumber: string;
  gender?: Gender | null;
  birthDate?: string | null;
  phone?: string | null;
  relation?: string | null;
  registration: Registration;
  registeredPlace?: string | null;
  movedInOn?: string | null;
};

export type FieldProblem = { field: string; label: string; message: string };
export type CheckedResident = { ok: true; value: Required<Pick<ResidentInput, 'name' | 'idNumber' | 'registration'>> & { gender: Gender; birthDate: string; phone: string | null; relation: string; registeredPlace: string | null; movedInOn: string | null } } | { ok: false; problems: FieldProblem[] };

export const RESIDENT_FIELD_LABELS = {
  name: '姓名',
  idNumber: '身份证号',
  gender: '性别',
  birthDate: '出生日期',
  phone: '手机号',
  relation: '与户主关系',
  registration: '户籍类型',
  registeredPlace: '户籍地',
  movedInOn: '迁入日期',
} as const;

const RELATIONS = ['户主', '配偶', '子', '女', '父亲', '母亲', '孙子', '孙女', '兄弟姐妹', '租户', '其他'];

export function checkResident(input: ResidentInput, today: Date): CheckedResident {
  const problems: FieldProblem[] = [];
  const add = (field: keyof typeof RESIDENT_FIELD_LABELS, message: string) => problems.push({ field, label: RESIDENT_FIELD_LABELS[field], message });
  const name = input.name.trim();
  if (!name) add('name', '不能为空');
  else if (name.length > 50) add('name', '不能超过 50 个字符');
  const idNumber = input.idNumber.trim().toUpperCase();
  const id = checkIdNumber(idNumber, today);
  if (!id.ok) add('idNumber', id.reason);
  if (id.ok && input.gender && input.gender !== id.facts.gender) add('gender', `与身份证号不符（身份证号显示为${id.facts.gender === 'male' ? '男' : '女'}）`);
  if (id.ok && input.birthDate && input.birthDate !== id.facts.birthDate) add('birthDate', `与身份证号不符（身份证号显示为 ${id.facts.birthDate}）`);
  const phone = input.phone?.trim() || null;
  if (phone && !isMobilePhone(phone)) add('phone', '应为 11 位手机号码');
  const relation = input.relation?.trim() || '户主';
  if (!RELATIONS.includes(relation)) add('relation', `应为 ${RELATIONS.join('、')} 之一`);
  const movedInOn = input.movedInOn?.trim() || null;
  if (movedInOn && (!/^\d{4}-\d{2}-\d{2}$/.test(movedInOn) || Number.isNaN(Date.parse(movedInOn)))) add('movedInOn', '日期格式不正确，应为 YYYY-MM-DD');
  else if (movedInOn && Date.parse(movedInOn) > today.getTime()) add('movedInOn', '不能晚于今天');
  if (problems.length > 0 || !id.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { name, idNumber, registration: input.registration, gender: id.facts.gender, birthDate: id.facts.birthDate, phone, relation, registeredPlace: input.registeredPlace?.trim() || null, movedInOn },
  };
}

export const RESIDENT_RELATIONS = RELATIONS;
