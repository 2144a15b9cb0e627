import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { requireCjkFont } from './cjk-font.ts';

/**
 * An A4 page set up for Chinese printouts: the CJK font registered as 'cjk' and 'cjk-bold', 2 cm
 * margins, document info filled in. Write on `doc`, then `await finish()` for the PDF bytes.
 */
export type A4Document = { doc: PDFKit.PDFDocument; finish: () => Promise<Buffer>; contentWidth: number };

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MM = 72 / 25.4;

/** Font files read once per process (a CJK collection is ~20 MB; only the glyphs used are embedded). */
const fontBytes = new Map<string, Buffer>();
function readFont(file: string): Buffer {
  let bytes = fontBytes.get(file);
  if (!bytes) {
    bytes = fs.readFileSync(file);
    fontBytes.set(file, bytes);
  }
  return bytes;
}

export function createA4Document(info: { title: string; subject?: string; author?: string; margin?: number }): A4Document {
  const font = requireCjkFont();
  const margin = info.margin ?? 20 * MM;
  const doc = new PDFDocument({ size: 'A4', margin, info: { Title: info.title, Subject: info.subject ?? '', Author: info.author ?? '共治 Gongzhi', Creator: '共治 Gongzhi' }, autoFirstPage: true });
  doc.registerFont('cjk', readFont(font.path), font.family || undefined);
  doc.registerFont('cjk-bold', readFont(font.boldPath), font.boldFamily || undefined);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    contentWidth: A4.width - 2 * margin,
    finish: async () => {
      doc.end();
      return done;
    },
  };
}
