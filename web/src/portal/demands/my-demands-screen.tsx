import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../shared/api';
import { useLang, type Lang } from '../../shared/i18n';
import { formatDate } from '../format-date';
import { deadlineText } from './deadline-text';
import { DemandPhotos } from './demand-photos';
import { Link } from '../router';
import { Empty, Failure, Loading, ScreenFrame } from '../screen-frame';
import { useResource } from '../use-resource';
import { usePortalDemandsT, type PortalDemandsT } from './demands-messages';
import type { DemandStatus, HistoryEntry, MyDemand, MyDemandDetail, Rating } from './demand-types';

const RATINGS: readonly Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];

function statusClass(status: DemandStatus, overdue: boolean): string {
  if (status === 'done') return 'p-tag p-tag-todo';
  if (status === 'closed') return 'p-tag p-tag-done';
  return overdue ? 'p-tag p-tag-todo' : 'p-tag';
}

/** 我的诉求: what this resident raised, newest first, with the status and a 请评价 mark when done. */
export function MyDemandsScreen() {
  const t = usePortalDemandsT();
  const lang = useLang();
  const list = useResource<{ items: MyDemand[] }>('/api/portal/demands');
  return (
    <ScreenFrame title={t('list.title')} back="/portal/" testId="portal-demands">
      <p className="p-lead">{t('list.intro')}</p>
      <Link to="/portal/demands/new" className="p-button p-primary p-link-block" data-testid="demand-new">
        ＋ {t('list.new')}
      </Link>
      <div className="p-gap" />
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Failure message={list.error} onRetry={() => void list.reload()} />}
      {list.status === 'ready' && list.data.items.length === 0 && <Empty>{t('list.empty')}</Empty>}
      {list.status === 'ready' && list.data.items.length > 0 && (
        <ul className="p-list" data-testid="demand-list">
          {list.data.items.map((d) => (
            <li key={d.id}>
              <Link to={`/portal/demands/${encodeURIComponent(d.id)}`} className="p-card p-list-item p-service-link" data-testid="demand-item">
                <span className="p-list-text">
                  <strong>{d.title}</strong>
                  <span className="p-muted">
                    {d.categoryName} · {t('list.filed', { date: formatDate(d.createdAt, lang) })}
                  </span>
                </span>
                <span className={statusClass(d.status, d.overdue)} data-testid="demand-item-status">
                  {d.status === 'done' ? t('list.rate') : d.statusName}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </ScreenFrame>
  );
}

/** One of my demands: status, time limit, the visible history (returns with their reasons), rating and reopening. */
export function MyDemandScreen({ id }: { id: string }) {
  const t = usePortalDemandsT();
  const lang = useLang();
  const demand = useResource<MyDemandDetail>(`/api/portal/demands/${encodeURIComponent(id)}`);
  const [flash, setFlash] = useState<string | null>(null);
  const [current, setCurrent] = useState<MyDemandDetail | null>(null);
  const d = current ?? (demand.status === 'ready' ? demand.data : null);

  const done = (next: MyDemandDetail, message: string) => {
    setCurrent(next);
    setFlash(message);
  };

  return (
    <ScreenFrame title={t('detail.title')} back="/portal/demands" testId="portal-demand">
      {demand.status === 'loading' && !d && <Loading />}
      {demand.status === 'failed' && !d && <Failure message={demand.httpStatus === 404 ? t('detail.notFound') : demand.error} onRetry={() => void demand.reload()} />}
      {d && (
        <>
          <section className="p-card" data-testid="demand-detail">
            <p className="p-row">
              <strong className="p-entry-title" data-testid="demand-detail-title">{d.title}</strong>
              <span className={statusClass(d.status, d.overdue)} data-testid="demand-detail-status">
                {d.statusName}
              </span>
            </p>
            <p className="p-muted">
              {d.categoryName} · {t('list.filed', { date: formatDate(d.createdAt, lang, true) })}
            </p>
            {d.description && <p className="p-prose">{d.description}</p>}
            <DemandPhotos demandId={d.id} photos={d.photos} t={t} />
            {d.finishBy && d.status !== 'done' && d.status !== 'closed' && d.status !== 'merged' && (
              <p data-testid="demand-detail-finish">{t('detail.finishBy', { at: deadlineText(d.finishBy, lang) })}</p>
            )}
            {d.overdue && <p className="p-error">{t('detail.overdue')}</p>}
          </section>
          {flash && (
            <p className="p-notice p-block" role="status" data-testid="demand-flash">
              {flash}
            </p>
          )}
          {d.actions.includes('rate') && <RateForm id={d.id} t={t} onDone={(next) => done(next, t('rate.thanks'))} />}
          {d.actions.includes('reopen') && <ReopenForm id={d.id} t={t} onDone={(next) => done(next, t('reopen.done'))} />}
          <h2 className="p-section-title">{t('detail.history')}</h2>
          <HistoryList entries={d.history} lang={lang} t={t} />
        </>
      )}
    </ScreenFrame>
  );
}

function HistoryList({ entries, lang, t }: { entries: HistoryEntry[]; lang: Lang; t: PortalDemandsT }) {
  return (
    <ol className="p-steps" data-testid="demand-history">
      {[...entries].reverse().map((e) => (
        <li key={e.seq} className={`p-step p-step-${e.kind}`} data-testid="demand-history-entry" data-kind={e.kind}>
          <strong>{e.kindName}</strong>
          <span className="p-muted"> {formatDate(e.at, lang, true)}</span>
          {e.text && <p>{e.text}</p>}
          {e.reason && <p className="p-step-reason">{t('detail.reason', { reason: e.reason })}</p>}
        </li>
      ))}
    </ol>
  );
}

function RateForm({ id, t, onDone }: { id: string; t: PortalDemandsT; onDone: (next: MyDemandDetail) => void }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!rating) return setError(t('rate.pick'));
    setSending(true);
    setError(null);
    try {
      onDone(await api.post<MyDemandDetail>(`/api/portal/demands/${encodeURIComponent(id)}/rate`, { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    } catch (cause) {
      setError(errorMessage(cause));
      setSending(false);
    }
  };
  return (
    <form className="p-card p-form" onSubmit={(e) => void submit(e)} data-testid="demand-rate">
      <h2 className="p-section-title">{t('rate.title')}</h2>
      <div className="p-choices" role="group" aria-label={t('rate.title')}>
        {RATINGS.map((r) => (
          <button key={r} type="button" className={`p-button p-choice p-rate${rating === r ? ' p-cat-on' : ''}`} aria-pressed={rating === r} onClick={() => setRating(r)} data-testid={`demand-rate-${r}`}>
            {t(`rate.${r}`)}
          </button>
        ))}
      </div>
      {rating === 'unsatisfied' && <p className="p-hint">{t('rate.unsatisfiedHint')}</p>}
      <label htmlFor="rate-comment">{t('rate.comment')}</label>
      <textarea id="rate-comment" className="p-textarea" rows={3} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="demand-rate-comment" />
      {error && (
        <p className="p-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="p-button p-primary" disabled={sending} data-testid="demand-rate-submit">
        {t('rate.submit')}
      </button>
    </form>
  );
}

function ReopenForm({ id, t, onDone }: { id: string; t: PortalDemandsT; onDone: (next: MyDemandDetail) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  if (!open)
    return (
      <button type="button" className="p-button p-outline" onClick={() => setOpen(true)} data-testid="demand-reopen-open">
        {t('reopen.title')}
      </button>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError(t('reopen.required'));
    setSending(true);
    setError(null);
    try {
      onDone(await api.post<MyDemandDetail>(`/api/portal/demands/${encodeURIComponent(id)}/reopen`, { reason: reason.trim() }));
    } catch (cause) {
      setError(errorMessage(cause));
      setSending(false);
    }
  };
  return (
    <form className="p-card p-form" onSubmit={(e) => void submit(e)} data-testid="demand-reopen">
      <h2 className="p-section-title">{t('reopen.title')}</h2>
      <p className="p-hint p-hint-top">{t('reopen.hint')}</p>
      <label htmlFor="reopen-reason">{t('reopen.reason')}</label>
      <textarea id="reopen-reason" className="p-textarea" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="demand-reopen-reason" />
      {error && (
        <p className="p-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="p-button p-primary" disabled={sending} data-testid="demand-reopen-submit">
        {t('reopen.submit')}
      </button>
    </form>
  );
}
