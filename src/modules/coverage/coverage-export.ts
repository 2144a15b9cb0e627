import ExcelJS from 'exceljs';
import { FIGURE_DEFINITIONS } from './coverage.definitions.ts';
import type { NodeCoverage, NodeFigures } from './compute-coverage.ts';

/**
 * The figures table as an Excel workbook, zh-CN: sheet 「覆盖率」 with one row per child and a 合计 row
 * for the node (numerator, denominator and percentage per figure), and sheet 「指标说明」 with every
 * figure's definition in both languages.
 */
export async function coverageWorkbook(coverage: NodeCoverage): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '共治 Gongzhi';
  book.created = new Date(`${coverage.asOf}T00:00:00+08:00`);
  const sheet = book.addWorksheet('覆盖率', { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  const width = 2 + FIGURE_DEFINITIONS.length * 3;

  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.value = `${coverage.node.name}（${coverage.node.kindLabel}）五个百分百覆盖率　统计日期：${coverage.asOf}`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };

  sheet.getCell(2, 1).value = '名称';
  sheet.getCell(2, 2).value = '类型';
  sheet.mergeCells(2, 1, 3, 1);
  sheet.mergeCells(2, 2, 3, 2);
  FIGURE_DEFINITIONS.forEach((d, i) => {
    const col = 3 + i * 3;
    sheet.mergeCells(2, col, 2, col + 2);
    sheet.getCell(2, col).value = d.name;
    sheet.getCell(3, col).value = d.numerator;
    sheet.getCell(3, col + 1).value = d.denominator;
    sheet.getCell(3, col + 2).value = '比例';
  });
  for (const r of [2, 3]) {
    const row = sheet.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  sheet.getRow(3).height = 32;

  const addRow = (n: NodeFigures, label: string) => {
    const values: (string | number)[] = [label, n.kindLabel];
    for (const d of FIGURE_DEFINITIONS) {
      const f = n.figures[d.code];
      values.push(f.numerator, f.denominator, f.percent === null ? f.display : f.percent / 100);
    }
    const row = sheet.addRow(values);
    FIGURE_DEFINITIONS.forEach((_, i) => {
      const cell = row.getCell(5 + i * 3);
      cell.numFmt = '0.0%';
      cell.alignment = { horizontal: 'right' };
    });
    return row;
  };
  for (const child of coverage.children) addRow(child, child.name);
  addRow(coverage.node, coverage.children.length > 0 ? `合计：${coverage.node.name}` : coverage.node.name).font = { bold: true };
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 8;
  for (let c = 3; c <= width; c++) sheet.getColumn(c).width = 12;

  const help = book.addWorksheet('指标说明');
  help.columns = [
    { header: '指标', key: 'name', width: 16 },
    { header: '英文名称', key: 'nameEn', width: 28 },
    { header: '分子', key: 'numerator', width: 24 },
    { header: '分母', key: 'denominator', width: 30 },
    { header: '口径说明', key: 'help', width: 70 },
    { header: 'Definition', key: 'helpEn', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const d of FIGURE_DEFINITIONS) {
    const row = help.addRow({ name: d.name, nameEn: d.nameEn, numerator: d.numerator, denominator: d.denominator, help: d.help, helpEn: d.helpEn });
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow({});
  help.addRow({ name: '说明', help: '比例保留一位小数；尚有遗漏时最高显示 99.9%，分母为 0 时显示「无」。' });

  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987), with an ASCII fallback. */
export function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
