import { useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import { deadlineText } from './deadline-text';
import { Link } from '../router';
import { Failure, Loading, ScreenFrame } from '../screen-frame';
import { useResource } from '../use-resource';
import { usePortalDemandsT, type PortalDemandsT } from './demands-messages';
import { DEMAND_PHOTO_MAX_DATA_URL, downscalePhoto } from '../../shared/downscale-photo';
import type { Category, SubmitResult, TimeLimit } from './demand-types';

const MAX_PHOTOS = 6;
type Photo = { name: string; dataUrl: string };
type Place = { lng: number; lat: number } | null;

function limitText(limit: TimeLimit, zh: boolean): string {
  if (limit.unit === 'natural_hours') return zh ? `${limit.amount} 小时` : `${limit.amount} hours`;
  return zh ? `${limit.amount} 个工作日` : `${limit.amount} working days`;
}

/** 我要反映: category (two levels), title, details, up to six photos (downscaled here), optional location. */
export function DemandNewScreen() {
  const t = usePortalDemandsT();
  const lang = useLang();
  const zh = lang !== 'en';
  const categories = useResource<Category[]>('/api/demand-categories');
  const [root, setRoot] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [place, setPlace] = useState<Place>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);

  if (result) return <Received result={result} t={t} lang={lang} />;

  const all = categories.status === 'ready' ? categories.data : [];
  const roots = all.filter((c) => c.parent === null);
  const children = root ? all.filter((c) => c.parent === root) : [];
  const chosen = all.find((c) => c.code === category) ?? null;

  const pickRoot = (code: string) => {
    setRoot(code);
    setCategory(code);
    setFieldErrors((e) => ({ ...e, category: '' }));
  };

  const addPhotos = async (files: FileList | null) => {
    setError(null);
    for (const file of Array.from(files ?? []).slice(0, MAX_PHOTOS - photos.length)) {
      try {
        const dataUrl = await downscalePhoto(file, DEMAND_PHOTO_MAX_DATA_URL);
        setPhotos((current) => (current.length < MAX_PHOTOS ? [...current, { name: `${file.name.replace(/\.[^.]+$/, '') || 'photo'}.jpg`, dataUrl }] : current));
      } catch {
        setError(t('new.photoFailed'));
      }
    }
  };

  const locate = () => {
    if (!('geolocation' in navigator)) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPlace({ lng: Math.round(pos.coords.longitude * 1e6) / 1e6, lat: Math.round(pos.coords.latitude * 1e6) / 1e6 });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const errors: Record<string, string> = {};
    if (!category) errors['category'] = t('new.category.required');
    if (!title.trim()) errors['title'] = t('new.what.required');
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0 || !category) return;
    setSending(true);
    try {
      const body = {
        category,
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(place ? { location: { ...place, crs: 'wgs84' as const } } : {}),
        ...(photos.length > 0 ? { photos: photos.map((p) => ({ name: p.name, mime: 'image/jpeg', content: p.dataUrl })) } : {}),
      };
      setResult(await api.post<SubmitResult>('/api/portal/demands', body));
    } catch (cause) {
      if (cause instanceof ApiError && cause.fieldErrors.length > 0) setFieldErrors(Object.fromEntries(cause.fieldErrors.map((f) => [f.field.replace(/^body\./, ''), f.message])));
      setError(errorMessage(cause));
      setSending(false);
    }
  };

  return (
    <ScreenFrame title={t('new.title')} back="/portal/demands" testId="portal-demand-new">
      <p className="p-lead">{t('new.intro')}</p>
      {categories.status === 'loading' && <Loading />}
      {categories.status === 'failed' && <Failure message={categories.error} onRetry={() => void categories.reload()} />}
      <form className="p-card p-form" onSubmit={(e) => void submit(e)} noValidate data-testid="demand-form">
        <label>{t('new.category')}</label>
        <div className="p-cat-grid" role="group" aria-label={t('new.category')} data-testid="demand-categories">
          {roots.map((c) => (
            <button key={c.code} type="button" className={`p-button p-cat${root === c.code ? ' p-cat-on' : ''}`} aria-pressed={root === c.code} onClick={() => pickRoot(c.code)} data-testid="demand-category">
              {c.name}
            </button>
          ))}
        </div>
        {fieldErrors['category'] && <p className="p-field-error">{fieldErrors['category']}</p>}
        {children.length > 0 && (
          <>
            <label htmlFor="demand-sub">{t('new.subcategory')}</label>
            <select id="demand-sub" className="p-select" value={category ?? ''} onChange={(e) => setCategory(e.target.value)} data-testid="demand-subcategory">
              <option value={root ?? ''}>{t('new.subcategory.none')}</option>
              {children.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </>
        )}
        {chosen && (
          <p className="p-hint p-hint-top" data-testid="demand-limits">
            {t('new.limits', { respond: limitText(chosen.respond, zh), finish: limitText(chosen.finish, zh) })}
          </p>
        )}

        <label htmlFor="demand-title">{t('new.what')}</label>
        <input id="demand-title" data-testid="demand-title" maxLength={100} placeholder={t('new.what.placeholder')} value={title} aria-invalid={fieldErrors['title'] ? true : undefined} onChange={(e) => setTitle(e.target.value)} />
        {fieldErrors['title'] && <p className="p-field-error">{fieldErrors['title']}</p>}

        <label htmlFor="demand-description">{t('new.details')}</label>
        <textarea id="demand-description" data-testid="demand-description" className="p-textarea" rows={4} maxLength={2000} placeholder={t('new.details.placeholder')} value={description} onChange={(e) => setDescription(e.target.value)} />

        <label>{t('new.photos')}</label>
        <div className="p-photos" data-testid="demand-photos">
          {photos.map((p, i) => (
            <figure key={`${p.name}-${i}`} className="p-photo">
              <img src={p.dataUrl} alt={p.name} />
              <button type="button" className="p-photo-remove" onClick={() => setPhotos((c) => c.filter((_, j) => j !== i))} aria-label={t('new.removePhoto')}>
                ×
              </button>
            </figure>
          ))}
          {photos.length < MAX_PHOTOS && (
            <label className="p-photo-add">
              {t('new.addPhoto')}
              <input type="file" accept="image/*" multiple style={{ display: 'none' }} data-testid="demand-photo-input" onChange={(e) => { void addPhotos(e.target.files); e.target.value = ''; }} />
            </label>
          )}
        </div>

        <label>{t('new.location')}</label>
        {place ? (
          <p className="p-row" data-testid="demand-located">
            <span className="p-tag p-tag-done">✓ {t('new.located')}</span>
            <button type="button" className="p-link-button" onClick={() => setPlace(null)}>
              {t('new.removeLocation')}
            </button>
          </p>
        ) : (
          <button type="button" className="p-button p-outline" onClick={locate} disabled={locating === 'busy'} data-testid="demand-locate">
            {locating === 'busy' ? t('new.locating') : t('new.useLocation')}
          </button>
        )}
        {locating === 'failed' && <p className="p-hint">{t('new.locationFailed')}</p>}

        {error && (
          <p className="p-error" role="alert" data-testid="portal-error">
            {error}
          </p>
        )}
        <button type="submit" className="p-button p-primary" disabled={sending} data-testid="demand-submit">
          {sending ? t('new.submitting') : t('new.submit')}
        </button>
      </form>
    </ScreenFrame>
  );
}

function Received({ result, t, lang }: { result: SubmitResult; t: PortalDemandsT; lang: 'zh-CN' | 'en' }) {
  return (
    <ScreenFrame title={t('done.title')} back="/portal/demands" testId="portal-demand-received">
      <div className="p-verdict p-verdict-ok" role="status" data-testid="demand-received">
        <span className="p-verdict-icon" aria-hidden="true">
          ✓
        </span>
        <span>
          <strong>{t('done.body')}</strong>
          <span className="p-verdict-detail" data-testid="demand-respond-by">
            {t('done.respondBy', { at: deadlineText(result.respondBy, lang) })}
          </span>
          {result.finishBy && (
            <span className="p-verdict-detail" data-testid="demand-finish-by">
              {t('done.finishBy', { at: deadlineText(result.finishBy, lang) })}
            </span>
          )}
        </span>
      </div>
      {result.similarInHand && (
        <p className="p-notice p-block" role="status" data-testid="demand-similar">
          {t('done.similar')}
        </p>
      )}
      <Link to={`/portal/demands/${encodeURIComponent(result.id)}`} className="p-button p-primary p-link-block" data-testid="demand-view">
        {t('done.view')}
      </Link>
      <div className="p-gap" />
      <Link to="/portal/" className="p-button p-outline p-link-block">
        {t('done.home')}
      </Link>
    </ScreenFrame>
  );
}
