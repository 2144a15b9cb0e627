import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../platform/security/id-number.ts';
import { checkRows } from './check-rows.ts';
import { attachmentHeader, cellText, checkHeader, columnLetter, normalizeDateText, TEMPLATE_COLUMNS } from './registry-columns.ts';

const HEADER = TEMPLATE_COLUMNS.map((c) => c.header);
const id = (first17: string) => first17 + idNumberCheckChar(first17);

describe('registry workbook columns', () => {
  it('accepts the template header, with notes in brackets, required marks and optional columns after it', () => {
    expect(checkHeader(HEADER).ok).toBe(true);
    const noted = checkHeader([...HEADER.slice(0, 8), '户籍类型（户籍人口/流动人口/人户分离）', ...HEADER.slice(9), '错误原因', '*性别']);
    expect(noted.ok && noted.positions.get('gender')).toBe(12);
    expect(checkHeader(['社区', '网格', '房号'])).toEqual({ ok: false, column: 3, expected: '楼栋', found: '房号' });
  });

  it('reads cells as text: dates from serials and typed forms, rich text, formula results', () => {
    expect(cellText(43952, true)).toBe('2020-05-01');
    expect(normalizeDateText('2020/5/1')).toBe('2020-05-01');
    expect(normalizeDateText('2020年5月1日')).toBe('2020-05-01');
    expect(cellText({ richText: [{ text: '百步亭' }, { text: '花园社区' }] })).toBe('百步亭花园社区');
    expect(cellText({ formula: 'A1', result: 13800000001 })).toBe('13800000001');
    expect(columnLetter(28)).toBe('AB');
  });

  it('names Chinese attachments the RFC 5987 way', () => {
    expect(attachmentHeader('实有人口(1).xlsx')).toBe(`attachment; filename="____(1).xlsx"; filename*=UTF-8''${encodeURIComponent('实有人口')}%281%29.xlsx`);
  });

  it('checks rows with the form rules and refuses both rows of a duplicate ID number', () => {
    const cells = (idNumber: string, extra: Record<string, string> = {}) => ({ community: '幸福里社区', grid: '第一网格', building: '1栋', household: '1单元101室', name: '张三', idNumber, registration: '户籍人口', ...extra });
    const a = id('11010519800101101');
    const rows = [
      { row: 2, cells: cells(a), idWasNumber: false },
      { row: 3, cells: cells(a), idWasNumber: false },
      { row: 4, cells: cells(id('11010519800101102'), { gender: '男', registration: '外来' }), idWasNumber: false },
      { row: 5, cells: cells('4.20102E+17'), idWasNumber: true },
      { row: 6, cells: cells(id('11010519800101111')), idWasNumber: false },
    ];
    const checked = checkRows(rows, { today: new Date('2026-11-22T00:00:00Z'), defaultCommunity: null });
    expect(checked.map((c) => c.problems.map((p) => p.field))).toEqual([['idNumber'], ['idNumber'], ['registration', 'gender'], ['idNumber'], []]);
    expect(checked[0]?.problems[0]?.message).toContain('与第 3 行');
    expect(checked[3]?.problems[0]?.message).toContain('文本格式');
    expect(checked[4]?.person).toMatchObject({ gender: 'male', birthDate: '1980-01-01', relation: '户主', registration: 'registered' });
  });
});
