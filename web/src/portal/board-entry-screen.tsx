import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../shared/api';
import { useLang } from '../shared/i18n';
import { useDecisionsT } from './decisions-messages';
import type { BoardEntry } from './decisions-types';
import { formatDate } from './format-date';
import { Link } from './router';
import { ServiceIcon } from './service-icon';
import { Empty, Failure, Loading, ScreenFrame } from './screen-frame';
import { useResource } from './use-resource';

/**
 * One notice of the public board. Opens without signing in (the QR code on the printed notice);
 * a signed-in resident of the community may object during the publication period.
 */
export function BoardEntryScreen({ entryId, signedIn }: { entryId: string; signedIn: boolean }) {
  const t = useDecisionsT();
  const lang = useLang();
  const id = encodeURIComponent(entryId);
  const entry = useResource<BoardEntry>(signedIn ? `/api/portal/board/entries/${id}` : `/api/public/board/entries/${id}`);
  // A resident of another community scanning a notice still reads it: fall back to the public route.
  const fallback = useResource<BoardEntry>(signedIn && entry.status === 'failed' && (entry.httpStatus === 403 || entry.httpStatus === 404) ? `/api/public/board/entries/${id}` : null);
  const shown = entry.status === 'ready' ? entry : fallback.status === 'ready' ? fallback : null;
  const failed = entry.status === 'failed' && (fallback.status === 'failed' || !(entry.httpStatus === 403 || entry.httpStatus === 404)) ? (fallback.status === 'failed' ? fallback : entry) : null;

  const data = shown?.data ?? null;
  const inPeriod = data !== null && data.state === 'in_period';
  return (
    <ScreenFrame title={t('board.entry')} back={signedIn ? '/portal/board' : null} testId="portal-board-entry">
      {!shown && !failed && <Loading />}
      {failed && (failed.httpStatus === 404 ? <Empty>{t('board.entry.notFound')}</Empty> : <Failure message={failed.error} onRetry={() => void failed.reload()} />)}
      {data && (
        <>
          <article className="p-card p-entry" data-testid="board-entry-page">
            <p className="p-entry-column">
              <span className="p-tag">{data.columnName}</span>
              <span className="p-muted">{data.communityName}</span>
            </p>
            <h2 className="p-entry-title" data-testid="board-entry-title">
              {data.title}
            </h2>
            <p className="p-muted p-meta">
              {t('board.publishedAt', { date: formatDate(data.publishedAt, lang) })}
              {' · '}
              {t('board.period', { from: formatDate(data.startsOn, lang), to: formatDate(data.endsOn, lang) })}
              {' · '}
              <strong className={inPeriod ? 'p-text-brand' : ''} data-testid="board-entry-state">
                {data.stateLabel}
              </strong>
            </p>
            {data.correctedByIds.length > 0 && (
              <p className="p-error p-block">
                {t('board.correctedBy')}{' '}
                {data.correctedByIds.map((id) => (
                  <Link key={id} to={`/portal/board/${encodeURIComponent(id)}`}>
                    {t('board.seeCorrection')}
                  </Link>
                ))}
              </p>
            )}
            {data.correctsEntryId && (
              <p className="p-note">
                {t('board.corrects')} <Link to={`/portal/board/${encodeURIComponent(data.correctsEntryId)}`}>{t('board.seeOriginal')}</Link>
              </p>
            )}
            <div className="p-prose p-entry-body" data-testid="board-entry-body">
              {data.body}
            </div>
            {data.personal && data.personal.length > 0 && (
              <table className="p-table" data-testid="board-entry-personal">
                <thead>
                  <tr>
                    <th>{t('board.personal.name')}</th>
                    <th>{t('board.personal.household')}</th>
                    <th>{t('board.personal.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.personal.map((p, i) => (
                    <tr key={i}>
                      <td>{p.name}</td>
                      <td>{p.householdSize}</td>
                      <td>{p.amount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="p-hash">
              {t('board.seq', { seq: data.seq })} · {t('board.hash')} <code>{data.hash.slice(0, 16)}</code>
            </p>
          </article>
          <Link to={`/portal/verify/${encodeURIComponent(data.communityId)}`} className="p-button p-outline p-link-block" data-testid="entry-verify">
            <ServiceIcon name="shield" size={24} /> {t('board.verify')}
          </Link>
          {shown === entry && signedIn ? (
            <Objections entry={data} inPeriod={inPeriod} reload={() => void entry.reload()} />
          ) : (
            !signedIn &&
            inPeriod && (
              <Link to={`/portal/login?next=${encodeURIComponent(`/portal/board/${entryId}`)}`} className="p-button p-secondary p-wide p-link-block" data-testid="entry-sign-in">
                {t('board.objection.signIn')}
              </Link>
            )
          )}
          {!signedIn && (
            <p className="p-center">
              <Link to="/portal/board">{t('board.toBoard')}</Link>
            </p>
          )}
        </>
      )}
    </ScreenFrame>
  );
}

function Objections({ entry, inPeriod, reload }: { entry: BoardEntry; inPeriod: boolean; reload: () => void }) {
  const t = useDecisionsT();
  const lang = useLang();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [sending, setSending] = useState(false);
  const open = entry.acceptsObjections && inPeriod;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    if (!text.trim()) {
      setError(t('board.objection.required'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.post(`/api/portal/board/entries/${encodeURIComponent(entry.id)}/objections`, { text: text.trim() });
      setText('');
      setSent(true);
      reload();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSending(false);
    }
  };

  const mine = entry.myObjections ?? [];
  return (
    <section className="p-objections">
      {mine.length > 0 && (
        <>
          <h2 className="p-section-title">{t('board.objections')}</h2>
          <ul className="p-list" data-testid="entry-objections">
            {mine.map((o) => (
              <li key={o.id} className="p-card">
                <p className="p-prose">{o.text}</p>
                <p className="p-muted p-meta">{formatDate(o.createdAt, lang, true)}</p>
                <p className={o.answer ? 'p-notice' : 'p-note'}>{o.answer ? t('board.objection.answer', { answer: o.answer }) : t('board.objection.pending')}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {sent && (
        <p className="p-notice p-block" role="status" data-testid="objection-sent">
          {t('board.objection.sent')}
        </p>
      )}
      {open ? (
        <form className="p-card p-form" onSubmit={(e) => void submit(e)} noValidate data-testid="objection-form">
          <label htmlFor="objection-text">{t('board.objection.new')}</label>
          <p className="p-hint p-hint-top">{t('board.objection.hint')}</p>
          <textarea
            id="objection-text"
            className="p-textarea"
            rows={4}
            maxLength={2000}
            placeholder={t('board.objection.placeholder')}
            value={text}
            data-testid="objection-text"
            onChange={(e) => setText(e.target.value)}
          />
          {error && (
            <p className="p-error" role="alert" data-testid="portal-error">
              {error}
            </p>
          )}
          <button type="submit" className="p-button p-primary" disabled={sending} data-testid="objection-submit">
            {sending ? t('board.objection.submitting') : t('board.objection.submit')}
          </button>
        </form>
      ) : (
        <p className="p-note">{t('board.objection.closed')}</p>
      )}
    </section>
  );
}
