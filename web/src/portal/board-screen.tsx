import { useState } from 'react';
import { useLang } from '../shared/i18n';
import { useDecisionsT } from './decisions-messages';
import type { Board } from './decisions-types';
import { formatDate } from './format-date';
import { Link } from './router';
import { ServiceIcon } from './service-icon';
import { Empty, Failure, Loading, ScreenFrame } from './screen-frame';
import { useResource } from './use-resource';

/** 公开栏: the community's columns (党务 / 居务 / 财务 / custom) as tabs, current entries in each. */
export function BoardScreen() {
  const t = useDecisionsT();
  const lang = useLang();
  const board = useResource<Board>('/api/portal/board');
  const [chosen, setChosen] = useState<string | null>(null);

  const columns = board.status === 'ready' ? board.data.columns : [];
  const column = columns.find((c) => c.code === chosen) ?? columns[0];

  return (
    <ScreenFrame title={t('board.title')} back="/portal/" testId="portal-board">
      {board.status === 'loading' && <Loading />}
      {board.status === 'failed' && <Failure message={board.error} onRetry={() => void board.reload()} />}
      {board.status === 'ready' && (
        <>
          <p className="p-lead">
            {board.data.communityName && <strong>{board.data.communityName} · </strong>}
            {t('board.intro')}
          </p>
          <div className="p-tabs" role="tablist" data-testid="board-columns">
            {columns.map((c) => (
              <button
                key={c.code}
                type="button"
                role="tab"
                aria-selected={c.code === column?.code}
                className={c.code === column?.code ? 'p-tab p-tab-on' : 'p-tab'}
                data-testid={`board-column-${c.code}`}
                onClick={() => setChosen(c.code)}
              >
                {c.name}
                <span className="p-tab-count">{c.entries.length}</span>
              </button>
            ))}
          </div>
          {column && column.entries.length === 0 && <Empty>{t('board.empty')}</Empty>}
          {column && (
            <ul className="p-list" role="tabpanel">
              {column.entries.map((e) => {
                const inPeriod = e.state === 'in_period';
                return (
                  <li key={e.id}>
                    <Link to={`/portal/board/${encodeURIComponent(e.id)}`} className="p-card p-list-item" data-testid="board-entry">
                      <span className="p-list-text">
                        <strong>{e.title}</strong>
                        <span className="p-muted">{t('board.publishedAt', { date: formatDate(e.publishedAt, lang) })}</span>
                        {inPeriod && <span className="p-muted">{t('board.until', { date: formatDate(e.endsOn, lang) })}</span>}
                      </span>
                      <span className={inPeriod ? 'p-tag p-tag-todo' : 'p-tag'}>{e.stateLabel}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
          {board.data.communityId && (
            <Link to={`/portal/verify/${encodeURIComponent(board.data.communityId)}`} className="p-button p-outline p-link-block" data-testid="board-verify">
              <ServiceIcon name="shield" size={24} /> {t('board.verify')}
            </Link>
          )}
        </>
      )}
    </ScreenFrame>
  );
}
