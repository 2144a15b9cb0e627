import { useEffect, useRef, useState } from 'react';
import { api, ApiError, errorMessage } from '../shared/api';
import { useLang } from '../shared/i18n';
import { useDecisionsT, type DecisionsT } from './decisions-messages';
import type { Choice, VoteItem, VoteMeeting } from './decisions-types';
import { formatDate, isPast } from './format-date';
import { Link } from './router';
import { Empty, Failure, Loading, ScreenFrame } from './screen-frame';
import { useResource } from './use-resource';

const LIST = '/api/portal/votes';
const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];

function choiceLabel(t: DecisionsT, choice: Choice): string {
  return t(choice === 'yes' ? 'vote.yes' : choice === 'no' ? 'vote.no' : 'vote.abstain');
}

/** Voting is over: the meeting closed, or its voting time ran out. */
function votingClosed(meeting: VoteMeeting): boolean {
  return meeting.status === 'closed' || (meeting.status === 'voting' && !meeting.canVote) || (meeting.status === 'voting' && isPast(meeting.closesAt));
}

/** Called or signing in: the ballot is not open yet. */
function notYetOpen(meeting: VoteMeeting): boolean {
  return meeting.status === 'called' || meeting.status === 'signing_in';
}

/** Items still waiting for this member's ballot. */
function toVote(meeting: VoteMeeting) {
  return meeting.items.filter((i) => i.myChoice === null && !i.recused);
}

/** 我的表决: the meetings this member is called to, with how many items are still to vote. */
export function VoteList() {
  const t = useDecisionsT();
  const lang = useLang();
  const list = useResource<{ items: VoteMeeting[] }>(LIST);
  return (
    <ScreenFrame title={t('vote.title')} back="/portal/" testId="portal-votes">
      <p className="p-lead">{t('vote.intro')}</p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Failure message={list.error} onRetry={() => void list.reload()} />}
      {list.status === 'ready' && list.data.items.length === 0 && <Empty>{t('vote.empty')}</Empty>}
      {list.status === 'ready' && (
        <ul className="p-list">
          {list.data.items.map((m) => {
            const done = m.items.length - toVote(m).length;
            const closed = votingClosed(m);
            const waiting = notYetOpen(m);
            return (
              <li key={m.meetingId}>
                <Link to={`/portal/votes/${encodeURIComponent(m.meetingId)}`} className="p-card p-list-item" data-testid="vote-meeting">
                  <span className="p-list-text">
                    <strong>{m.title}</strong>
                    <span>{m.bodyName}</span>
                    <span className="p-muted">{t('vote.progress', { done, total: m.items.length })}</span>
                    {m.closesAt && <span className="p-muted">{t('vote.closesAt', { date: formatDate(m.closesAt, lang, true) })}</span>}
                  </span>
                  <span className={closed || waiting ? 'p-tag' : done === m.items.length ? 'p-tag p-tag-done' : 'p-tag p-tag-todo'}>
                    {closed ? t('vote.ended') : waiting ? m.statusLabel : done === m.items.length ? t('vote.voted') : t('vote.todo')}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </ScreenFrame>
  );
}

type Pending = { item: VoteItem; choice: Choice };

/** One meeting's ballot: yes / no / abstain per item, confirmed before it is cast, then shown. */
export function VoteScreen({ meetingId }: { meetingId: string }) {
  const t = useDecisionsT();
  const lang = useLang();
  const list = useResource<{ items: VoteMeeting[] }>(LIST);
  const [pending, setPending] = useState<Pending | null>(null);
  const [casting, setCasting] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; itemId: string } | null>(null);
  const [closedNow, setClosedNow] = useState(false);

  const meeting = list.status === 'ready' ? list.data.items.find((m) => m.meetingId === meetingId) : undefined;
  const closed = closedNow || (meeting !== undefined && votingClosed(meeting));
  const waiting = !closed && meeting !== undefined && notYetOpen(meeting);
  const allDone = meeting !== undefined && meeting.items.length > 0 && toVote(meeting).length === 0;

  const cast = async ({ item, choice }: Pending) => {
    setCasting(true);
    try {
      await api.post(`/api/portal/votes/${encodeURIComponent(meetingId)}/ballots`, { itemId: item.itemId, choice });
      setMessage({ kind: 'ok', text: t('vote.cast', { item: item.title, choice: choiceLabel(t, choice) }), itemId: item.itemId });
    } catch (cause) {
      const code = cause instanceof ApiError ? cause.code : '';
      if (code === 'BALLOT_ALREADY_CAST') setMessage({ kind: 'error', text: t('vote.already'), itemId: item.itemId });
      else if (code === 'MEETING_CLOSED' || code === 'BALLOT_DEADLINE_PASSED') {
        setClosedNow(true);
        setMessage({ kind: 'error', text: t('vote.closed'), itemId: item.itemId });
      } else setMessage({ kind: 'error', text: errorMessage(cause), itemId: item.itemId });
    } finally {
      setPending(null);
      setCasting(false);
      await list.reload();
    }
  };

  return (
    <ScreenFrame title={meeting?.title ?? t('vote.title')} back="/portal/votes" testId="portal-vote">
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Failure message={list.error} onRetry={() => void list.reload()} />}
      {list.status === 'ready' && !meeting && (closedNow ? <p className="p-error p-block" role="alert" data-testid="vote-closed">{t('vote.closed')}</p> : <Empty>{t('vote.notFound')}</Empty>)}
      {meeting && (
        <>
          <p className="p-meta">
            <strong>{meeting.bodyName}</strong>
            {meeting.closesAt && <span className="p-muted"> · {t('vote.closesAt', { date: formatDate(meeting.closesAt, lang, true) })}</span>}
          </p>
          <p className={meeting.secret ? 'p-note p-note-secret' : 'p-note'}>{meeting.secret ? t('vote.secret') : t('vote.open')}</p>
          {closed && (
            <p className="p-error p-block" role="alert" data-testid="vote-closed">
              {t('vote.closed')}
            </p>
          )}
          {waiting && (
            <p className="p-note p-block" role="status" data-testid="vote-not-open">
              {t('vote.notOpen', { status: meeting.statusLabel, date: formatDate(meeting.scheduledAt, lang, true) })}
            </p>
          )}
          {!closed && !waiting && allDone && (
            <p className="p-notice p-block" role="status" data-testid="vote-all-done">
              {t('vote.done')}
            </p>
          )}
          <ol className="p-list p-items">
            {meeting.items.map((item, index) => (
              <li key={item.itemId} className="p-card p-vote-item" data-testid="vote-item">
                <p className="p-item-no">{t('vote.item', { n: index + 1 })}</p>
                <h2 className="p-item-title">{item.title}</h2>
                {item.description && <p className="p-prose p-muted">{item.description}</p>}
                {message?.itemId === item.itemId && (
                  <p className={message.kind === 'ok' ? 'p-notice' : 'p-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="vote-message">
                    {message.text}
                  </p>
                )}
                {item.myChoice ? (
                  <p className={`p-my-choice p-choice-${item.myChoice}`} data-testid="vote-mine">
                    ✓ {t('vote.mine', { choice: choiceLabel(t, item.myChoice) })}
                  </p>
                ) : item.recused ? (
                  <p className="p-note" data-testid="vote-recused">
                    {t('vote.recused')}
                  </p>
                ) : closed || waiting ? null : (
                  <div className="p-choices" role="group" aria-label={item.title}>
                    {CHOICES.map((choice) => (
                      <button
                        key={choice}
                        type="button"
                        className={`p-button p-choice p-choice-${choice}`}
                        data-testid={`vote-${choice}`}
                        disabled={casting}
                        onClick={() => {
                          setMessage(null);
                          setPending({ item, choice });
                        }}
                      >
                        {choiceLabel(t, choice)}
                      </button>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {pending && <ConfirmVote pending={pending} casting={casting} t={t} onCancel={() => setPending(null)} onConfirm={() => void cast(pending)} />}
    </ScreenFrame>
  );
}

function ConfirmVote({ pending, casting, t, onCancel, onConfirm }: { pending: Pending; casting: boolean; t: DecisionsT; onCancel: () => void; onConfirm: () => void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !casting) onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [casting, onCancel]);
  return (
    <div className="p-overlay" onClick={() => !casting && onCancel()}>
      <div className="p-dialog" role="dialog" aria-modal="true" aria-labelledby="vote-confirm-title" data-testid="vote-confirm" onClick={(e) => e.stopPropagation()}>
        <h2 id="vote-confirm-title">{t('vote.confirm.title')}</h2>
        <p className={`p-confirm-choice p-choice-${pending.choice}`}>{choiceLabel(t, pending.choice)}</p>
        <p>{t('vote.confirm.body', { item: pending.item.title, choice: choiceLabel(t, pending.choice) })}</p>
        <button ref={confirmRef} type="button" className="p-button p-primary" disabled={casting} data-testid="vote-confirm-ok" onClick={onConfirm}>
          {casting ? t('vote.casting') : t('vote.confirm.ok')}
        </button>
        <button type="button" className="p-button p-outline p-tight" disabled={casting} data-testid="vote-confirm-cancel" onClick={onCancel}>
          {t('vote.confirm.cancel')}
        </button>
      </div>
    </div>
  );
}
