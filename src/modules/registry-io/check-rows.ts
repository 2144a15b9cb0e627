import type { Gender, Registration } from '../../platform/db/schema.ts';
import { checkResident, RESIDENT_FIELD_LABELS, type FieldProblem } from '../grid/resident-rules.ts';
import { ADDRESS_LABELS, REGISTRATION_BY_LABEL } from './registry-columns.ts';
import type { SheetRow } from './read-registry-sheet.ts';

/**
 * The checks on an uploaded file that need no database: every row through `checkResident` (the same
 * rules as the form), the address columns present, the registration type one of the three, and the
 * same ID number twice in the file. Pure; every problem of every row is kept, with its field label.
 */
export type Address = { community: string; grid: string; building: string; household: string };
export type Person = {
  name: string; idNumber: string; gender: Gender; birthDate: string; phone: string | null; relation: string;
  registration: Registration; registeredPlace: string | null; movedInOn: string | null;
};
export type CheckedRow = { row: number; address: Address | null; person: Person | null; problems: FieldProblem[] };
export type RowError = { row: number } & FieldProblem;

const GENDER_BY_LABEL: Record<string, Gender> = { 男: 'male', 女: 'female' };

export function checkRows(rows: readonly SheetRow[], input: { today: Date; defaultCommunity: string | null }): CheckedRow[] {
  const checked = rows.map((r) => checkRow(r, input));
  markDuplicates(rows, checked);
  return checked;
}

function checkRow(sheetRow: SheetRow, input: { today: Date; defaultCommunity: string | null }): CheckedRow {
  const { cells } = sheetRow;
  const problems: FieldProblem[] = [];
  const address = {
    community: cells.community ?? input.defaultCommunity ?? '',
    grid: cells.grid ?? '',
    building: cells.building ?? '',
    household: cells.household ?? '',
  };
  for (const key of ['community', 'grid', 'building', 'household'] as const) {
    if (!address[key]) problems.push({ field: key, label: ADDRESS_LABELS[key], message: '不能为空' });
    else if (address[key].length > 100) problems.push({ field: key, label: ADDRESS_LABELS[key], message: '不能超过 100 个字符' });
  }
  const registrationText = cells.registration ?? '';
  const registration = REGISTRATION_BY_LABEL[registrationText];
  if (!registration) {
    problems.push({ field: 'registration', label: RESIDENT_FIELD_LABELS.registration, message: registrationText ? `「${registrationText}」无效，应为 户籍人口、流动人口、人户分离 之一` : '不能为空' });
  }
  const genderText = cells.gender ?? '';
  const gender = GENDER_BY_LABEL[genderText] ?? null;
  if (genderText && !gender) problems.push({ field: 'gender', label: RESIDENT_FIELD_LABELS.gender, message: '应为 男 或 女' });
  if (sheetRow.idWasNumber) {
    problems.push({ field: 'idNumber', label: RESIDENT_FIELD_LABELS.idNumber, message: '被 Excel 存成了数字，末几位已丢失。请把「身份证号」列设为文本格式后重新填写' });
  }
  const result = checkResident(
    {
      name: cells.name ?? '',
      idNumber: sheetRow.idWasNumber ? '' : (cells.idNumber ?? ''),
      gender,
      birthDate: cells.birthDate ?? null,
      phone: cells.phone ?? null,
      relation: cells.relation ?? null,
      registration: registration ?? 'registered',
      registeredPlace: cells.registeredPlace ?? null,
      movedInOn: cells.movedInOn ?? null,
    },
    input.today,
  );
  if (result.ok) {
    return { row: sheetRow.row, address: problems.some((p) => p.field in ADDRESS_LABELS) ? null : address, person: problems.length === 0 ? result.value : null, problems };
  }
  // An ID number that Excel turned into a number is reported once, not also as "should be 18 digits".
  const own = sheetRow.idWasNumber ? result.problems.filter((p) => p.field !== 'idNumber') : result.problems;
  return { row: sheetRow.row, address: problems.some((p) => p.field in ADDRESS_LABELS) ? null : address, person: null, problems: [...problems, ...own] };
}

/** The same ID number on two rows: both are refused (which one is right cannot be told), each naming the other. */
function markDuplicates(rows: readonly SheetRow[], checked: CheckedRow[]): void {
  const byId = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const id = (r.cells.idNumber ?? '').trim().toUpperCase();
    if (!id || r.idWasNumber) return;
    const list = byId.get(id);
    if (list) list.push(i);
    else byId.set(id, [i]);
  });
  for (const indexes of byId.values()) {
    if (indexes.length < 2) continue;
    for (const i of indexes) {
      const item = checked[i];
      if (!item) continue;
      const others = indexes.filter((j) => j !== i).map((j) => rows[j]?.row ?? 0);
      const shown = others.slice(0, 5).join('、') + (others.length > 5 ? ` 等 ${others.length} 行` : '');
      item.problems.push({ field: 'idNumber', label: RESIDENT_FIELD_LABELS.idNumber, message: `与第 ${shown} 行的身份证号重复（同一人只能登记一次）` });
      item.person = null;
    }
  }
}

/** Every problem as a report line, ordered by row (the order within a row is the order of the columns). */
const FIELD_ORDER: string[] = ['community', 'grid', 'building', 'household', 'name', 'idNumber', 'gender', 'birthDate', 'phone', 'relation', 'registration', 'registeredPlace', 'movedInOn'];

export function rowErrors(checked: readonly CheckedRow[]): RowError[] {
  const out: RowError[] = [];
  for (const c of checked) {
    const sorted = [...c.problems].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
    for (const p of sorted) out.push({ row: c.row, ...p });
  }
  return out;
}
