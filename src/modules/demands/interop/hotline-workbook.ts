import ExcelJS from 'exceljs';
import { fail } from '../../../platform/errors.ts';
import { cellText } from '../../registry-io/registry-columns.ts';
import { TICKET_COLUMNS, type RawTicket, type TicketKey } from './hotline-tickets.ts';
import { HOTLINE_CATEGORY_ALIASES } from './hotline-categories.ts';
import './interop.errors.ts';

/** The 12345 transfer template (one sheet, the hotline's columns) and reading an uploaded file back. */
export const TICKET_SHEET = '12345工单';
export const MAX_TICKET_ROWS = 5000;

export async function ticketTemplate(exampleCommunity: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TICKET_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TICKET_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  TICKET_COLUMNS.forEach((c, i) => {
    head.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
  });
  for (const key of ['ticketNo', 'calledAt', 'callerPhone'] as const) sheet.getColumn(TICKET_COLUMNS.findIndex((c) => c.key === key) + 1).numFmt = '@';
  sheet.addRow(['(示例)GD20261123000001', '2026-11-23 09:30', '张先生', '13900000000', '幸福路 8 号楼下', '楼下垃圾堆放三天无人清运', '垃圾清运', '3', exampleCommunity]);
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: 18 }, { header: '说明', width: 80 }];
  const explain: Record<TicketKey, string> = {
    ticketNo: '必填。12345 平台的工单编号；同一编号只导入一次，再次导入报告为重复。',
    calledAt: '必填。来电时间（北京时间），如 2026-11-23 09:30。',
    callerName: '选填。来电人姓名（仅本平台工作人员可见，不对外公开）。',
    callerPhone: '选填。联系电话。',
    address: '选填。诉求地址。',
    content: '必填。诉求内容。',
    category: `必填。12345 的诉求分类，按对照表转为本平台分类，例如：${Object.values(HOTLINE_CATEGORY_ALIASES).map((a) => a[0]).join('、')}。`,
    limitWorkingDays: '选填。热线要求的办理时限（工作日）。',
    community: '选填。所属社区的名称；不填时按诉求地址中的社区名称或导入时选择的社区确定。',
  };
  for (const c of TICKET_COLUMNS) notes.addRow([c.header, explain[c.key]]);
  notes.addRow(['示例行', '第 2 行以「(示例)」开头，导入时自动跳过，可直接删除。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type TicketRow = { row: number; raw: RawTicket };

/** Reads the first sheet: row 1 is the header (columns found by name, any order); empty rows and the example are skipped. */
export async function readTicketFile(body: Buffer): Promise<TicketRow[]> {
  if (body.length < 4 || body[0] !== 0x50 || body[1] !== 0x4b) return fail('INTEROP_FILE_NOT_XLSX');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    return fail('INTEROP_FILE_NOT_XLSX');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail('INTEROP_FILE_NO_ROWS');
  const headerValues = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => cellText(v).replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')'));
  const columnOf = new Map<TicketKey, number>();
  for (const c of TICKET_COLUMNS) {
    const index = headerValues.indexOf(c.header);
    if (index >= 0) columnOf.set(c.key, index + 1);
  }
  const missing = TICKET_COLUMNS.filter((c) => c.required && !columnOf.has(c.key)).map((c) => c.header);
  if (missing.length > 0) return fail('INTEROP_FILE_NO_ROWS', { missing }, `文件第 1 行缺少列：${missing.join('、')}（请使用模板）`, `Row 1 lacks the columns: ${missing.join(', ')}`);
  const rows: TicketRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const raw: RawTicket = {};
    for (const [key, col] of columnOf) {
      const value = row.getCell(col).value;
      raw[key] = key === 'calledAt' && value instanceof Date ? wallClock(value) : cellText(value);
    }
    if (Object.values(raw).every((v) => !v)) return;
    if (raw.ticketNo?.startsWith('(示例)') || raw.ticketNo?.startsWith('（示例）')) return;
    rows.push({ row: rowNumber, raw });
  });
  if (rows.length === 0) return fail('INTEROP_FILE_NO_ROWS');
  if (rows.length > MAX_TICKET_ROWS) return fail('INTEROP_FILE_TOO_MANY_ROWS');
  return rows;
}

/** Excel stores wall-clock time; exceljs hands it back as that wall clock in UTC. */
function wallClock(value: Date): string {
  const iso = value.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
