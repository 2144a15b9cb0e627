import { chinaDate } from '../../platform/china-time.ts';
import { createA4Document, MM } from '../../platform/print/a4-document.ts';
import { qrPng } from '../../platform/print/qr-image.ts';
import { shortHash } from './board-chain.ts';

/**
 * The A4 notice (公示单) of a board entry, to post on the physical board: community and column, title,
 * body, personal lines (name, household size, amount only), the publication period, and a QR code that
 * opens the entry online, where anyone can read the original and check that it was not changed.
 */

/** Where the QR code points: the portal page of the entry, on the public address. Pure. */
export function noticeUrl(baseUrl: string, entryId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/portal/board/${entryId}`;
}

/** The public address: PUBLIC_URL when configured (http/https), otherwise the address the request came to. */
export function publicBaseUrl(configured: string | undefined, request: { protocol: string; host: string }): string {
  const value = configured?.trim();
  if (value && /^https?:\/\/[^\s/]+/i.test(value)) return value.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

export type NoticeContent = {
  entryId: string;
  seq: number;
  hash: string;
  communityName: string;
  columnName: string;
  title: string;
  body: string;
  personal: { name: string; householdSize: number; amount: string }[] | null;
  startsOn: string;
  endsOn: string;
  publishedAt: string;
  publishedByName: string;
  corrects: { seq: number; title: string } | null;
  url: string;
};

function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export async function renderNoticePdf(n: NoticeContent): Promise<Buffer> {
  const { doc, finish, contentWidth } = createA4Document({ title: `${n.communityName}${n.columnName}：${n.title}`, subject: '公示 / Public notice' });
  const left = doc.page.margins.left;

  doc.font('cjk').fontSize(12).fillColor('#555').text(`${n.communityName} · ${n.columnName}`, { align: 'center' });
  doc.moveDown(0.6);
  doc.font('cjk-bold').fontSize(22).fillColor('#000').text(n.title, { align: 'center' });
  doc.moveDown(0.4);
  doc.font('cjk').fontSize(11).fillColor('#333').text(`公示期：${chineseDate(n.startsOn)} 至 ${chineseDate(n.endsOn)}　　第 ${n.seq} 号`, { align: 'center' });
  if (n.corrects) {
    doc.moveDown(0.3);
    doc.fillColor('#a8071a').text(`本公示更正第 ${n.corrects.seq} 号「${n.corrects.title}」，以本公示为准。`, { align: 'center' });
  }
  doc.moveDown(0.8);
  doc.moveTo(left, doc.y).lineTo(left + contentWidth, doc.y).lineWidth(0.8).strokeColor('#999').stroke();
  doc.moveDown(0.8);

  doc.font('cjk').fontSize(14).fillColor('#000').text(n.body || '', { align: 'left', lineGap: 6, paragraphGap: 6 });

  if (n.personal && n.personal.length > 0) {
    doc.moveDown(0.8);
    const cols = [{ label: '序号', w: 0.12 }, { label: '姓名', w: 0.36 }, { label: '家庭人口', w: 0.2 }, { label: '金额（元/月）', w: 0.32 }];
    const rowH = 24;
    const drawRow = (cells: string[], bold: boolean) => {
      if (doc.y + rowH > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      let x = left;
      for (const [i, c] of cols.entries()) {
        const w = c.w * contentWidth;
        doc.rect(x, y, w, rowH).lineWidth(0.6).strokeColor('#666').stroke();
        doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(12).fillColor('#000').text(cells[i] ?? '', x + 4, y + 6, { width: w - 8, align: 'center', lineBreak: false });
        x += w;
      }
      doc.x = left;
      doc.y = y + rowH;
    };
    drawRow(cols.map((c) => c.label), true);
    for (const [i, p] of n.personal.entries()) drawRow([String(i + 1), p.name, `${p.householdSize} 人`, p.amount], false);
    doc.moveDown(0.5);
    doc.font('cjk').fontSize(10).fillColor('#555').text('依照《最低生活保障审核确认办法》，公示内容仅含姓名、家庭人口和金额。', left, doc.y, { width: contentWidth });
  }

  // The QR block: kept together at the foot of the text (a new page when it does not fit).
  const qrSize = 34 * MM;
  const blockH = qrSize + 8 * MM;
  doc.moveDown(1.5);
  if (doc.y + blockH > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = Math.max(doc.y, doc.page.height - doc.page.margins.bottom - blockH);
  doc.moveTo(left, top).lineTo(left + contentWidth, top).lineWidth(0.5).strokeColor('#bbb').stroke();
  const qrTop = top + 4 * MM;
  doc.image(await qrPng(n.url), left, qrTop, { width: qrSize, height: qrSize });
  doc.link(left, qrTop, qrSize, qrSize, n.url);
  const textX = left + qrSize + 6 * MM;
  const textW = contentWidth - qrSize - 6 * MM;
  doc.font('cjk-bold').fontSize(13).fillColor('#000').text('扫码查看网上原文、提出异议、核验是否被改动', textX, qrTop, { width: textW });
  doc.font('cjk').fontSize(10).fillColor('#333').moveDown(0.4);
  doc.text(`如有异议，请在公示期内（${chineseDate(n.endsOn)}前）扫码提出，或向社区居委会反映。`, { width: textW });
  doc.moveDown(0.4);
  doc.text(`发布：${n.publishedByName}　${chinaDate(new Date(n.publishedAt))}`, { width: textW });
  doc.text(`校验码：${shortHash(n.hash)}（与网上公开栏第 ${n.seq} 号一致即未被改动）`, { width: textW });
  doc.fontSize(8).fillColor('#666').text(n.url, { width: textW, link: n.url });
  return finish();
}
