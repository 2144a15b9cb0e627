import { useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../shared/api';
import { useLang } from '../shared/i18n';
import { useDecisionsT } from './decisions-messages';
import type { Topic } from './decisions-types';
import { formatDate } from './format-date';
import { Link, navigate } from './router';
import { Empty, Failure, Loading, ScreenFrame } from './screen-frame';
import { useResource } from './use-resource';

/** Categories a resident may pick (the community may re-classify when it accepts the topic). */
const CATEGORIES: readonly { value: string; zh: string; en: string }[] = [
  { value: '环境卫生', zh: '环境卫生', en: 'Environment and cleanliness' },
  { value: '设施维修', zh: '设施维修', en: 'Repairs and facilities' },
  { value: '小区改造', zh: '小区改造', en: 'Compound renovation' },
  { value: '停车交通', zh: '停车交通', en: 'Parking and traffic' },
  { value: '安全', zh: '安全', en: 'Safety' },
  { value: '民生服务', zh: '民生服务', en: 'Services for residents' },
  { value: '其他', zh: '其他', en: 'Other' },
];

let flash: string | null = null;

/** 我的议题: the topics this resident raised (民事民提), with status and current stage. */
export function TopicList() {
  const t = useDecisionsT();
  const lang = useLang();
  const list = useResource<{ items: Topic[] }>('/api/portal/topics');
  const [notice] = useState(() => {
    const message = flash;
    flash = null;
    return message;
  });
  return (
    <ScreenFrame title={t('topic.title')} back="/portal/" testId="portal-topics">
      <p className="p-lead">{t('topic.intro')}</p>
      {notice && (
        <p className="p-notice p-block" role="status" data-testid="topic-submitted">
          {notice}
        </p>
      )}
      <Link to="/portal/topics/new" className="p-button p-primary p-link-block" data-testid="topic-raise">
        ＋ {t('topic.raise')}
      </Link>
      <div className="p-gap" />
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Failure message={list.error} onRetry={() => void list.reload()} />}
      {list.status === 'ready' && list.data.items.length === 0 && <Empty>{t('topic.empty')}</Empty>}
      {list.status === 'ready' && (
        <ul className="p-list" data-testid="topic-list">
          {list.data.items.map((topic) => (
            <li key={topic.id} className="p-card p-list-item" data-testid="topic-item">
              <span className="p-list-text">
                <strong>{topic.title}</strong>
                {topic.stageName && <span>{t('topic.stage', { stage: topic.stageName })}</span>}
                {topic.closeReason && <span>{t('topic.reason', { reason: topic.closeReason })}</span>}
                <span className="p-muted">{t('topic.raisedAt', { date: formatDate(topic.createdAt, lang) })}</span>
              </span>
              <span className={`p-tag p-status-${topic.status}`}>{topic.statusLabel}</span>
            </li>
          ))}
        </ul>
      )}
    </ScreenFrame>
  );
}

/** 提出议题: title, description, category; back to the list on success. */
export function TopicNewScreen() {
  const t = useDecisionsT();
  const lang = useLang();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const errors: Record<string, string> = {};
    if (!title.trim()) errors['title'] = t('topic.title.required');
    if (!description.trim()) errors['description'] = t('topic.description.required');
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setSending(true);
    try {
      await api.post<{ id: string }>('/api/portal/topics', { title: title.trim(), description: description.trim(), ...(category ? { category } : {}) });
      flash = t('topic.submitted');
      navigate('/portal/topics', { replace: true });
    } catch (cause) {
      if (cause instanceof ApiError && cause.fieldErrors.length > 0) setFieldErrors(Object.fromEntries(cause.fieldErrors.map((f) => [f.field.replace(/^body\./, ''), f.message])));
      setError(errorMessage(cause));
      setSending(false);
    }
  };

  return (
    <ScreenFrame title={t('topic.new')} back="/portal/topics" testId="portal-topic-new">
      <form className="p-card p-form" onSubmit={(e) => void submit(e)} noValidate data-testid="topic-form">
        <label htmlFor="topic-title">{t('topic.field.title')}</label>
        <input
          id="topic-title"
          data-testid="topic-title"
          maxLength={100}
          placeholder={t('topic.field.title.placeholder')}
          value={title}
          aria-invalid={fieldErrors['title'] ? true : undefined}
          onChange={(e) => setTitle(e.target.value)}
        />
        {fieldErrors['title'] && <p className="p-field-error">{fieldErrors['title']}</p>}
        <label htmlFor="topic-description">{t('topic.field.description')}</label>
        <textarea
          id="topic-description"
          data-testid="topic-description"
          className="p-textarea"
          rows={6}
          maxLength={4000}
          placeholder={t('topic.field.description.placeholder')}
          value={description}
          aria-invalid={fieldErrors['description'] ? true : undefined}
          onChange={(e) => setDescription(e.target.value)}
        />
        {fieldErrors['description'] && <p className="p-field-error">{fieldErrors['description']}</p>}
        <label htmlFor="topic-category">{t('topic.field.category')}</label>
        <select id="topic-category" data-testid="topic-category" className="p-select" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('topic.field.category.none')}</option>
          {CATEGORIES.map((c) => (
            <option key={c.value} value={c.value}>
              {lang === 'en' ? c.en : c.zh}
            </option>
          ))}
        </select>
        {error && (
          <p className="p-error" role="alert" data-testid="portal-error">
            {error}
          </p>
        )}
        <button type="submit" className="p-button p-primary" disabled={sending} data-testid="topic-submit">
          {sending ? t('topic.submitting') : t('topic.submit')}
        </button>
      </form>
    </ScreenFrame>
  );
}
