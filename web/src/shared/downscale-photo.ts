/**
 * Photo downscaling in the browser, for the console and the portal alike (so it lives in shared/).
 * A photo is drawn on a canvas and encoded as JPEG: the quality steps down first, then the size, until the
 * data URL fits the limit the server sets for where it goes.
 */
/** A visit's photos: the server refuses data URLs longer than this (about 1 MB of image). */
export const PHOTO_MAX_DATA_URL = 1_400_000;
/** The file store keeps files up to 760 KiB: data URLs up to about 1 MB of text (attachments, posting photos). */
export const STORED_FILE_MAX_DATA_URL = 1_000_000;
/** A demand's photos: up to six share the server's 1 MB request, so each is at most ~140 KB of base64 text. */
export const DEMAND_PHOTO_MAX_DATA_URL = 140_000;
const SIDES = [1280, 1024, 800, 640] as const;
const QUALITIES = [0.8, 0.65, 0.5] as const;

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

/** A phone photo as a JPEG data URL no longer than `maxDataUrl`; throws when even the smallest try is too large. */
export async function downscalePhoto(file: File, maxDataUrl: number = PHOTO_MAX_DATA_URL): Promise<string> {
  const image = await loadImage(file);
  for (const side of SIDES) {
    const scale = Math.min(1, side / Math.max(image.naturalWidth, image.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('canvas');
    context.fillStyle = '#fff'; // transparent PNG areas become white, not black
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    for (const quality of QUALITIES) {
      const dataUrl = canvas.toDataURL('image/jpeg', quality);
      if (dataUrl.length <= maxDataUrl) return dataUrl;
    }
  }
  throw new Error('too large');
}
