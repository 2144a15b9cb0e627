import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError, fail } from '../../platform/errors.ts';
import { cellText, checkHeader, EXAMPLE_MARK, OPTIONAL_COLUMNS, TEMPLATE_COLUMNS, type CellKey, type Cells, type HeaderCheck } from './registry-columns.ts';
import './registry-io.errors.ts';

/** One data row of the uploaded sheet, as text, with its Excel row number. */
export type SheetRow = { row: number; cells: Cells; idWasNumber: boolean };
export type RegistrySheet = { rows: SheetRow[]; optional: CellKey[] };

export const MAX_IMPORT_ROWS = 100_000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads the registry sheet with exceljs's streaming reader (one pass, no workbook model in memory):
 * the first worksheet whose first non-empty row is the template header. Empty rows and the template's
 * example row are skipped. Refuses a body that is not an .xlsx file, a wrong header and an empty sheet.
 */
export async function readRegistrySheet(body: Buffer, maxRows = MAX_IMPORT_ROWS): Promise<RegistrySheet> {
  if (body.length < 4 || !body.subarray(0, 4).equals(ZIP_MAGIC)) fail('IMPORT_NOT_XLSX');
  let pass = await readPass(body, maxRows);
  // exceljs 4.4's streaming reader has, rarely and only under load, read no row at all from a valid file
  // (seen once in CI, never reproduced alone). A file that looks empty is read once more before it is refused.
  if (!pass.sawAnyRow) pass = await readPass(body, maxRows);
  const { result, sawAnyRow, firstMismatch: m } = pass;
  if (!result) {
    if (!sawAnyRow) fail('IMPORT_EMPTY_SHEET');
    const expected = TEMPLATE_COLUMNS.map((c) => c.header);
    return fail('IMPORT_HEADER_MISMATCH', { column: m?.column ?? 1, expected, found: m?.found ?? '' }, m
      ? `表头与模板不一致：第 ${m.column} 列应为「${m.expected}」，实际为「${m.found || '空'}」。请下载最新模板，按模板的列顺序填写`
      : undefined);
  }
  if (result.rows.length === 0) fail('IMPORT_EMPTY_SHEET');
  return result;
}

type Pass = { result: RegistrySheet | null; sawAnyRow: boolean; firstMismatch: Extract<HeaderCheck, { ok: false }> | null };

/** One pass of the streaming reader over the file. */
async function readPass(body: Buffer, maxRows: number): Promise<Pass> {
  let firstMismatch: Pass['firstMismatch'] = null;
  let result: RegistrySheet | null = null;
  let sawAnyRow = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
    tolerateWorkbookAfterSheets(reader);
    for await (const sheet of reader) {
      let positions: Map<CellKey, number> | null = null;
      let headerSeen = false;
      const rows: SheetRow[] = [];
      for await (const row of sheet) {
        // The reader must see every row of every sheet to move on, so a sheet that is not ours is read through.
        if (result) continue;
        const values = row.values as unknown[];
        if (!headerSeen) {
          const header = values.slice(1).map((v) => cellText(v));
          if (header.every((h) => h === '')) continue;
          headerSeen = true;
          sawAnyRow = true;
          const check = checkHeader(header);
          if (check.ok) positions = check.positions;
          else firstMismatch ??= check;
          continue;
        }
        if (!positions) continue;
        const parsed = rowOf(row.number, values, positions);
        if (!parsed) continue;
        if (rows.length >= maxRows) fail('IMPORT_TOO_MANY_ROWS', { max: maxRows }, `一次最多导入 ${maxRows} 行，请把文件拆开分批导入`);
        rows.push(parsed);
      }
      if (positions && !result) result = { rows, optional: OPTIONAL_COLUMNS.map((c) => c.key).filter((k) => positions?.has(k)) };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    fail('IMPORT_NOT_XLSX', { reason: error instanceof Error ? error.message.slice(0, 200) : 'unreadable' });
  }
  return { result, sawAnyRow, firstMismatch };
}

/**
 * exceljs's streaming reader assumes `xl/workbook.xml` comes before the worksheets in the zip. Nothing in
 * the format says so, and exceljs's own writer sometimes puts it after them (its zip is written
 * concurrently), so a file it wrote failed at random with "reading 'sheets'". We pick the sheet by its
 * header, not its name, so an empty workbook model until `workbook.xml` arrives is all the reader needs.
 */
function tolerateWorkbookAfterSheets(reader: object): void {
  Object.assign(reader, { model: { sheets: [] }, properties: { model: {} } });
}

function rowOf(rowNumber: number, values: unknown[], positions: Map<CellKey, number>): SheetRow | null {
  const cells: Cells = {};
  let any = false;
  let idWasNumber = false;
  for (const [key, index] of positions) {
    const raw = values[index + 1];
    if (key === 'idNumber' && typeof raw === 'number') idWasNumber = true;
    const text = cellText(raw, key === 'movedInOn' || key === 'birthDate');
    if (text !== '') {
      cells[key] = text;
      any = true;
    }
  }
  if (!any) return null;
  if (cells.name?.startsWith(EXAMPLE_MARK) || cells.name?.startsWith('(示例)')) return null;
  return { row: rowNumber, cells, idWasNumber };
}
