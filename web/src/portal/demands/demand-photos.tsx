import { useEffect, useState, type CSSProperties } from 'react';
import type { PortalDemandsT } from './demands-messages';

const overlay: CSSProperties = { position: 'fixed', inset: 0, zIndex: 50, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 12, background: 'rgba(0, 0, 0, 0.85)', border: 'none', cursor: 'zoom-out' };
const large: CSSProperties = { maxWidth: '100%', maxHeight: '100%', objectFit: 'contain', borderRadius: 8 };

export function photoUrl(demandId: string, fileId: string): string {
  return `/api/portal/demands/${encodeURIComponent(demandId)}/photos/${encodeURIComponent(fileId)}`;
}

/** The photos of one of my demands as thumbnails; a tap shows one full screen, another tap (or Esc) closes it. */
export function DemandPhotos({ demandId, photos, t }: { demandId: string; photos: { id: string; name?: string }[]; t: PortalDemandsT }) {
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (open === null) return undefined;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (photos.length === 0) return null;
  return (
    <>
      <p className="p-muted">{t('detail.photos', { n: photos.length })}</p>
      <div className="p-photos" data-testid="demand-detail-photos">
        {photos.map((p, i) => (
          <button key={p.id} type="button" className="p-photo" style={{ padding: 0, cursor: 'zoom-in', background: 'none' }} onClick={() => setOpen(p.id)} aria-label={t('detail.photoOpen', { n: i + 1 })} data-testid="demand-detail-photo">
            <img src={photoUrl(demandId, p.id)} alt={p.name ?? ''} loading="lazy" />
          </button>
        ))}
      </div>
      {open !== null && (
        <button type="button" style={overlay} onClick={() => setOpen(null)} aria-label={t('detail.photoClose')} data-testid="demand-photo-large">
          <img src={photoUrl(demandId, open)} alt="" style={large} />
        </button>
      )}
    </>
  );
}
