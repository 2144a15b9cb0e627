/** The longest side of a photo after downscaling, and the JPEG quality used. */
export const PHOTO_MAX_SIDE = 1280;
const JPEG_QUALITY = 0.82;
/** The server refuses data URLs longer than this (about 1 MB of image) for a visit's photos. */
export const PHOTO_MAX_DATA_URL = 1_400_000;
/** The file store keeps files up to 760 KiB: data URLs up to about 1 MB of text (attachments, posting photos). */
export const STORED_FILE_MAX_DATA_URL = 1_000_000;

function loadImage(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('image'));
    };
    image.src = url;
  });
}

/**
 * A phone photo made small enough to send: drawn on a canvas with its longest side at most 1280 px
 * and encoded as JPEG; the quality steps down if the result is still too large for the server.
 */
export async function downscalePhoto(file: File, maxDataUrl: number = PHOTO_MAX_DATA_URL): Promise<string> {
  const image = await loadImage(file);
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas');
  context.fillStyle = '#fff'; // transparent PNG areas become white, not black
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  let quality = JPEG_QUALITY;
  let dataUrl = canvas.toDataURL('image/jpeg', quality);
  while (dataUrl.length > maxDataUrl && quality > 0.4) {
    quality -= 0.15;
    dataUrl = canvas.toDataURL('image/jpeg', quality);
  }
  if (dataUrl.length > maxDataUrl) throw new Error('too large');
  return dataUrl;
}
