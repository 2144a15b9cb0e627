import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { createA4Document } from './a4-document.ts';
import { lookUpCjkFont, requireCjkFont } from './cjk-font.ts';
import { qrMatrix, qrPng } from './qr-image.ts';

describe('print helpers', () => {
  it('finds Debian\u2019s Noto Sans CJK, and says in zh-CN what to install when no CJK font is there', () => {
    const font = lookUpCjkFont();
    expect(font?.path).toMatch(/CJK|wqy/i);
    expect(lookUpCjkFont({ candidates: [{ path: '/nonexistent/font.ttc', family: 'X' }] })).toBeNull();
    try {
      requireCjkFont(null);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toContain('apt-get install fonts-noto-cjk');
    }
  });
  it('an A4 document with Chinese text is a PDF', async () => {
    const { doc, finish } = createA4Document({ title: '测试' });
    doc.text('调解协议书 公示 百步亭花园社区');
    const pdf = await finish();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
  });
  it('QR codes: a PNG, and the same payload gives the same modules', async () => {
    const png = await qrPng('https://example.cn/portal/board/1');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const a = qrMatrix('https://example.cn/portal/board/1');
    const b = qrMatrix('https://example.cn/portal/board/1');
    expect(a.size).toBeGreaterThan(20);
    expect(Array.from({ length: a.size }, (_, i) => a.dark(i, i))).toEqual(Array.from({ length: b.size }, (_, i) => b.dark(i, i)));
  });
});
