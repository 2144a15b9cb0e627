import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from './registry-columns.ts';
import { readRegistrySheet } from './read-registry-sheet.ts';

async function registryWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实有人口');
  ws.addRow(TEMPLATE_COLUMNS.map((c) => c.header));
  ws.addRow(['百步亭花园社区', '第一网格', '1栋', '1单元101室', '李四', '110105195001011011', '13912345678', '户主', '户籍人口', '湖北省武汉市', '2021-03-01']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same file with its zip entries in the given order (names not listed keep their place after). */
async function reordered(file: Buffer, first: string[], last: string[]): Promise<Buffer> {
  const source = await JSZip.loadAsync(file);
  const names = Object.keys(source.files).filter((n) => !source.files[n]?.dir);
  const middle = names.filter((n) => !first.includes(n) && !last.includes(n));
  const out = new JSZip();
  for (const name of [...first, ...middle, ...last]) out.file(name, await source.file(name)!.async('uint8array'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('reading the registry sheet', () => {
  it('reads a file whose workbook.xml comes after the worksheets (exceljs itself writes such files at times)', async () => {
    const file = await reordered(await registryWorkbook(), ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'], ['xl/workbook.xml']);
    const entries = Object.keys((await JSZip.loadAsync(file)).files);
    expect(entries.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(entries.indexOf('xl/workbook.xml'));
    const sheet = await readRegistrySheet(file);
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]).toMatchObject({ row: 2, cells: { name: '李四', idNumber: '110105195001011011' } });
  });

  it('reads the worksheets whatever the order of the other entries', async () => {
    const file = await reordered(await registryWorkbook(), ['xl/worksheets/sheet1.xml'], ['xl/sharedStrings.xml', 'xl/_rels/workbook.xml.rels']);
    expect((await readRegistrySheet(file)).rows[0]?.cells.name).toBe('李四');
  });
});
