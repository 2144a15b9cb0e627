import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '../../platform/security/id-number.ts';
import { RESIDENT_RELATIONS } from '../grid/resident-rules.ts';
import { MAX_IMPORT_ROWS } from './read-registry-sheet.ts';
import { columnLetter, EXAMPLE_MARK, OPTIONAL_COLUMNS, TEMPLATE_COLUMNS, type CellKey } from './registry-columns.ts';
import type { BadRow } from './registry-import.repository.ts';

/** The template a community worker fills in, and the workbook of bad rows to fix and upload again. */
export const DATA_SHEET = '实有人口';

// exceljs keeps range validations in `dataValidations` but leaves it out of its typings.
type WithValidations = { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };

function dataSheet(workbook: ExcelJS.Workbook, extra: { header: string; width: number }[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [...TEMPLATE_COLUMNS.map((c) => ({ header: c.header, width: c.width })), ...extra.map((c) => ({ header: c.header, width: c.width }))];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  TEMPLATE_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).fill = c.required ? REQUIRED_FILL : HEADER_FILL;
  });
  // ID numbers and phones as text, or Excel turns 18 digits into 4.20102E+17 and loses the last ones.
  for (const key of ['idNumber', 'phone', 'movedInOn'] as const) sheet.getColumn(TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1).numFmt = '@';
  return sheet;
}

function addDropDowns(sheet: ExcelJS.Worksheet, lastRow: number): void {
  const col = (key: CellKey) => columnLetter(TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1);
  const validations = (sheet as unknown as WithValidations).dataValidations;
  validations.add(`${col('registration')}2:${col('registration')}${lastRow}`, {
    type: 'list', allowBlank: false, formulae: ['"户籍人口,流动人口,人户分离"'],
    showErrorMessage: true, errorTitle: '户籍类型', error: '请从下拉列表选择：户籍人口、流动人口、人户分离',
  });
  validations.add(`${col('relation')}2:${col('relation')}${lastRow}`, {
    type: 'list', allowBlank: true, formulae: [`"${RESIDENT_RELATIONS.join(',')}"`],
    showErrorMessage: true, errorTitle: '与户主关系', error: `请从下拉列表选择：${RESIDENT_RELATIONS.join('、')}`,
  });
}

export async function templateWorkbook(example: { community: string; grid: string; building: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治 Gongzhi';
  const sheet = dataSheet(workbook, []);
  const first17 = '42010219850312123';
  const row = sheet.addRow([example.community, example.grid, example.building, '1单元101室', `${EXAMPLE_MARK}张三`, `${first17}${idNumberCheckChar(first17)}`, '13800000000', '户主', '户籍人口', '湖北省武汉市江岸区', '2020-05-01']);
  row.font = { italic: true, color: { argb: 'FF808080' } };
  addDropDowns(sheet, MAX_IMPORT_ROWS + 1);

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '列名', width: 14 }, { header: '是否必填', width: 10 }, { header: '填写说明', width: 90 }];
  help.getRow(1).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', c.help]);
  help.addRow(['性别、出生日期', '可选列', '可以在最后一列之后加「性别」「出生日期」两列，填写时须与身份证号一致；不加也可以，系统按身份证号自动得出。']);
  help.addRow([]);
  const notes = [
    `第 2 行是示例（姓名以「${EXAMPLE_MARK}」开头），导入时自动跳过，可以保留或删除。请不要改动第 1 行的表头和列的顺序。`,
    `一个文件最多 ${MAX_IMPORT_ROWS} 行。粉色表头为必填列。`,
    '导入分两步：上传后系统逐行检查并列出每个有误的行和原因，此时不会写入任何数据；确认后只导入没有问题的行。',
    '有误的行可以下载「错误行」文件，按「错误原因」列修改后重新上传。',
    '同一身份证号在文件中出现两次，或者已在本区登记过，该行不会导入。',
  ];
  for (const note of notes) help.addRow(['', '', note]);
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The bad rows as they were typed, with a 错误原因 column: fix them here and upload this file again. */
export async function errorsWorkbook(rows: BadRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治 Gongzhi';
  const optional = OPTIONAL_COLUMNS.filter((c) => rows.some((r) => r.cells[c.key] !== undefined));
  const sheet = dataSheet(workbook, [...optional, { header: '错误原因', width: 60 }, { header: '原行号', width: 8 }]);
  const reasonCol = TEMPLATE_COLUMNS.length + optional.length + 1;
  sheet.getColumn(reasonCol).font = { color: { argb: 'FFC00000' } };
  sheet.getColumn(reasonCol).alignment = { wrapText: true };
  for (const r of rows) {
    sheet.addRow([...TEMPLATE_COLUMNS.map((c) => r.cells[c.key] ?? ''), ...optional.map((c) => r.cells[c.key] ?? ''), r.reason, r.row]);
  }
  addDropDowns(sheet, Math.max(rows.length + 1, 2));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
