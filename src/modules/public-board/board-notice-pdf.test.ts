import { describe, expect, it } from 'vitest';
import { noticeUrl, publicBaseUrl, renderNoticePdf } from './board-notice-pdf.ts';

describe('the printed notice (公示单)', () => {
  it('its QR code opens the entry on the configured public address, else on the address the request came to', () => {
    expect(noticeUrl(publicBaseUrl('https://gongzhi.example.cn/', { protocol: 'http', host: 'localhost:3000' }), 'e1')).toBe('https://gongzhi.example.cn/portal/board/e1');
    expect(noticeUrl(publicBaseUrl(undefined, { protocol: 'http', host: '192.168.1.20:3000' }), 'e1')).toBe('http://192.168.1.20:3000/portal/board/e1');
    expect(publicBaseUrl('not a url', { protocol: 'https', host: 'a.cn' })).toBe('https://a.cn');
  });
  it('renders an A4 PDF with the personal table and the link of the QR code', async () => {
    const url = 'https://gongzhi.example.cn/portal/board/8b7f0c1e-0000-4000-8000-000000000001';
    const pdf = await renderNoticePdf({
      entryId: 'x', seq: 12, hash: 'a'.repeat(64), communityName: '百步亭花园社区', columnName: '居务公开', title: '最低生活保障初审公示', body: '以下家庭拟上报审批。\n公示期内如有异议请反映。',
      personal: [{ name: '王五', householdSize: 3, amount: '1,260.50' }], startsOn: '2026-11-23', endsOn: '2026-11-30', publishedAt: '2026-11-23T02:00:00.000Z', publishedByName: '社区书记 王秀英', corrects: { seq: 3, title: '原公示' }, url,
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(url);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1); // one A4 sheet
  });
});
