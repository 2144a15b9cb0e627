import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../shared/api';
import { useLang } from '../shared/i18n';
import { useDecisionsT } from './decisions-messages';
import type { Solicitation, SolicitationAnswer, SolicitationQuestion } from './decisions-types';
import { formatDate, isPast } from './format-date';
import { Link } from './router';
import { Empty, Failure, Loading, ScreenFrame } from './screen-frame';
import { useResource } from './use-resource';

const LIST = '/api/portal/solicitations';

/** 征求意见: the open questionnaires of the resident's community, answered ones marked. */
export function SolicitationList() {
  const t = useDecisionsT();
  const lang = useLang();
  const list = useResource<{ items: Solicitation[] }>(LIST);
  return (
    <ScreenFrame title={t('sol.title')} back="/portal/" testId="portal-solicitations">
      <p className="p-lead">{t('sol.intro')}</p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Failure message={list.error} onRetry={() => void list.reload()} />}
      {list.status === 'ready' && list.data.items.length === 0 && <Empty>{t('sol.empty')}</Empty>}
      {list.status === 'ready' && (
        <ul className="p-list">
          {list.data.items.map((s) => {
            const closed = isPast(s.closesAt);
            return (
              <li key={s.id}>
                <Link to={`/portal/solicitations/${encodeURIComponent(s.id)}`} className="p-card p-list-item" data-testid="solicitation-item">
                  <span className="p-list-text">
                    <strong>{s.title}</strong>
                    {s.closesAt && <span className="p-muted">{t('sol.closesAt', { date: formatDate(s.closesAt, lang, true) })}</span>}
                  </span>
                  <span className={s.answered ? 'p-tag p-tag-done' : closed ? 'p-tag' : 'p-tag p-tag-todo'}>
                    {s.answered ? t('sol.answered') : closed ? t('sol.closed') : t('sol.todo')}
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

type Draft = Record<string, { optionIds: string[]; text: string }>;

/** "（单选）" / "（可多选）" after a choice question, unless its text says so already. */
function kindNote(q: SolicitationQuestion, single: string, multiple: string): string {
  const label = q.kind === 'single' ? single : q.kind === 'multiple' ? multiple : '';
  return label && !q.text.includes(label) ? `（${label}）` : '';
}

/** One questionnaire: single choice, multiple choice and free text; once sent, it says so. */
export function SolicitationScreen({ id }: { id: string }) {
  const t = useDecisionsT();
  const lang = useLang();
  const list = useResource<{ items: Solicitation[] }>(LIST);
  const [draft, setDraft] = useState<Draft>({});
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [revising, setRevising] = useState(false);

  const solicitation = list.status === 'ready' ? list.data.items.find((s) => s.id === id) : undefined;

  const earlier = (q: SolicitationQuestion) => solicitation?.myAnswers?.find((a) => a.questionId === q.id);
  const answerOf = (q: SolicitationQuestion) => draft[q.id] ?? { optionIds: earlier(q)?.optionIds ?? [], text: earlier(q)?.text ?? '' };
  const required = (q: SolicitationQuestion) => q.required ?? q.kind !== 'text';
  const setAnswer = (q: SolicitationQuestion, next: { optionIds?: string[]; text?: string }) => {
    setError(null);
    setDraft((d) => ({ ...d, [q.id]: { ...answerOf(q), ...next } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!solicitation) return;
    const answers: SolicitationAnswer[] = [];
    for (const [index, q] of solicitation.questions.entries()) {
      const a = answerOf(q);
      const empty = q.kind === 'text' ? !a.text.trim() : a.optionIds.length === 0;
      if (empty && required(q)) {
        setError(t('sol.required', { n: index + 1 }));
        document.getElementById(`q-${q.id}`)?.scrollIntoView({ block: 'center' });
        return;
      }
      if (q.kind === 'text') {
        if (!empty) answers.push({ questionId: q.id, text: a.text.trim() });
      } else if (!empty) answers.push({ questionId: q.id, optionIds: a.optionIds });
    }
    setSending(true);
    try {
      await api.post(`/api/portal/solicitations/${encodeURIComponent(solicitation.id)}/responses`, { answers });
      setSent(true);
      setRevising(false);
      window.scrollTo(0, 0);
      await list.reload();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSending(false);
    }
  };

  return (
    <ScreenFrame title={solicitation?.title ?? t('sol.title')} back="/portal/solicitations" testId="portal-solicitation">
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Failure message={list.error} onRetry={() => void list.reload()} />}
      {list.status === 'ready' && !solicitation && <Empty>{t('sol.notFound')}</Empty>}
      {solicitation && (
        <>
          {solicitation.description && <p className="p-card p-prose">{solicitation.description}</p>}
          {solicitation.closesAt && <p className="p-muted p-meta">{t('sol.closesAt', { date: formatDate(solicitation.closesAt, lang, true) })}</p>}
          {sent || (solicitation.answered && !revising) ? (
            <>
              <p className="p-notice p-block" role="status" data-testid={sent ? 'solicitation-thanks' : 'solicitation-answered'}>
                {sent ? t('sol.thanks') : t('sol.alreadyAnswered')}
              </p>
              {!isPast(solicitation.closesAt) && (
                <button
                  type="button"
                  className="p-button p-outline"
                  data-testid="solicitation-revise"
                  onClick={() => {
                    setSent(false);
                    setRevising(true);
                  }}
                >
                  {t('sol.revise')}
                </button>
              )}
              {!isPast(solicitation.closesAt) && <p className="p-hint p-center">{t('sol.reviseHint')}</p>}
            </>
          ) : (
            <form onSubmit={(e) => void submit(e)} noValidate data-testid="solicitation-form">
              {solicitation.questions.map((q, index) => (
                <fieldset key={q.id} id={`q-${q.id}`} className="p-card p-question" data-testid="solicitation-question">
                  <legend>
                    <span className="p-qnum">{index + 1}</span>
                    {q.text}
                    <span className="p-muted p-qkind">
                      {kindNote(q, t('sol.single'), t('sol.multiple'))}
                      {required(q) ? '' : `（${t('sol.optional')}）`}
                    </span>
                  </legend>
                  {q.kind === 'text' ? (
                    <textarea
                      className="p-textarea"
                      rows={4}
                      maxLength={2000}
                      aria-label={t('sol.text')}
                      placeholder={required(q) ? t('sol.text') : t('sol.text.placeholder')}
                      value={answerOf(q).text}
                      onChange={(e) => setAnswer(q, { text: e.target.value })}
                    />
                  ) : (
                    q.options.map((o) => {
                      const chosen = answerOf(q).optionIds.includes(o.id);
                      return (
                        <label key={o.id} className={chosen ? 'p-option p-option-on' : 'p-option'}>
                          <input
                            type={q.kind === 'single' ? 'radio' : 'checkbox'}
                            name={q.id}
                            checked={chosen}
                            onChange={() =>
                              setAnswer(q, {
                                optionIds: q.kind === 'single' ? [o.id] : chosen ? answerOf(q).optionIds.filter((x) => x !== o.id) : [...answerOf(q).optionIds, o.id],
                              })
                            }
                          />
                          <span>{o.text}</span>
                        </label>
                      );
                    })
                  )}
                </fieldset>
              ))}
              {error && (
                <p className="p-error" role="alert" data-testid="portal-error">
                  {error}
                </p>
              )}
              <button type="submit" className="p-button p-primary" disabled={sending || isPast(solicitation.closesAt)} data-testid="solicitation-submit">
                {sending ? t('sol.submitting') : t('sol.submit')}
              </button>
            </form>
          )}
        </>
      )}
    </ScreenFrame>
  );
}
