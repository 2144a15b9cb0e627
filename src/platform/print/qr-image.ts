import QRCode from 'qrcode';

/** A QR code as a PNG (medium error correction, survives a crease or a smudge on a posted notice). */
export async function qrPng(text: string, pixels = 360): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: pixels });
}

/** The modules of the QR code (for tests and for drawing as vectors): size × size booleans. */
export function qrMatrix(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  return { size, dark: (x, y) => Boolean(qr.modules.get(y, x)) };
}
