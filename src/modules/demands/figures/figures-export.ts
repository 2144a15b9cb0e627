import ExcelJS from 'exceljs';
import { DEMAND_FIGURES } from '../rules/figures.ts';
import type { DemandFiguresResult, FigureRow } from './demand-figures.ts';

const KIND_NAMES: Record<string, string> = { district: '区', street: '街道', community: '社区', grid: '网格', building: '楼栋', household: '住户', unplaced: '社区' };

/**
 * The figures table as an Excel workbook, zh-CN: sheet 「诉求指标」 with one row per child node and a 合计
 * row for the node (received, then numerator, denominator and rate of each figure, then backlog and
 * overdue), and sheet 「指标说明」 with every figure's definition in both languages.
 */
export async function demandFiguresWorkbook(result: DemandFiguresResult): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '共治 Gongzhi';
  book.created = new Date(result.asOf);
  const sheet = book.addWorksheet('诉求指标', { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  const width = 3 + DEMAND_FIGURES.length * 3 + 2;

  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.value = `${result.node.name}（${KIND_NAMES[result.node.kind] ?? ''}）民情诉求办理指标　统计期间：${result.window.from} 至 ${result.window.to}　积压、超期截至 ${new Date(new Date(result.asOf).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };

  const head = (col: number, text: string) => {
    sheet.getCell(2, col).value = text;
    sheet.mergeCells(2, col, 3, col);
  };
  head(1, '名称');
  head(2, '类型');
  head(3, '本期登记');
  DEMAND_FIGURES.forEach((d, i) => {
    const col = 4 + i * 3;
    sheet.mergeCells(2, col, 2, col + 2);
    sheet.getCell(2, col).value = d.name.zh;
    sheet.getCell(3, col).value = '分子';
    sheet.getCell(3, col + 1).value = '分母';
    sheet.getCell(3, col + 2).value = '比例';
  });
  head(width - 1, '积压（未办结）');
  head(width, '超期未办结');
  for (const r of [2, 3]) {
    const row = sheet.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }

  const addRow = (n: FigureRow, label: string) => {
    const values: (string | number)[] = [label, KIND_NAMES[n.node.kind] ?? n.node.kind, n.received];
    for (const d of DEMAND_FIGURES) {
      const f = n.figures[d.code];
      values.push(f.numerator, f.denominator, f.rate === null ? f.display : f.rate);
    }
    values.push(n.backlog, n.overdue);
    const row = sheet.addRow(values);
    DEMAND_FIGURES.forEach((_, i) => {
      const cell = row.getCell(6 + i * 3);
      cell.numFmt = '0.0%';
      cell.alignment = { horizontal: 'right' };
    });
    return row;
  };
  for (const child of result.children) addRow(child, child.node.name);
  addRow(result, result.children.length > 0 ? `合计：${result.node.name}` : result.node.name).font = { bold: true };
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 8;
  for (let c = 3; c <= width; c++) sheet.getColumn(c).width = 11;

  const help = book.addWorksheet('指标说明');
  help.columns = [
    { header: '指标', key: 'name', width: 16 },
    { header: '英文名称', key: 'nameEn', width: 26 },
    { header: '目标', key: 'target', width: 8 },
    { header: '口径说明', key: 'help', width: 80 },
    { header: 'Definition', key: 'helpEn', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const d of DEMAND_FIGURES) {
    const target = 'target' in d ? d.target : null;
    const row = help.addRow({ name: d.name.zh, nameEn: d.name.en, target: target === null ? '' : `${Math.round(target * 100)}%`, help: d.help.zh, helpEn: d.help.en });
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow({});
  help.addRow({ name: '本期登记', help: '统计期间（北京时间，含首尾两天）内登记的诉求数，被合并的重复诉求不计。', helpEn: 'Demands received in the period (China dates, both ends included), merged duplicates left out.' });
  help.addRow({ name: '积压', help: '导出时尚未办结的诉求数（不按统计期间）。', helpEn: 'Demands not yet done when exported (not limited to the period).' });
  help.addRow({ name: '超期未办结', help: '导出时尚未办结且已超过办结时限的诉求数（不按统计期间）。', helpEn: 'Open demands past their finish deadline when exported.' });
  help.addRow({ name: '说明', help: '比例保留一位小数；分母为 0 时显示「—」。', helpEn: 'Rates to one decimal; “—” when the denominator is 0.' });
  for (let r = 7; r <= help.rowCount; r++) help.getRow(r).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987), with an ASCII fallback. */
export function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
