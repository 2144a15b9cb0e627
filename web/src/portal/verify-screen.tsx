import { useLang } from '../shared/i18n';
import { useDecisionsT } from './decisions-messages';
import type { ChainVerification } from './decisions-types';
import { formatDate } from './format-date';
import { Link } from './router';
import { Empty, Failure, Loading, ScreenFrame } from './screen-frame';
import { useResource } from './use-resource';

/** 公开记录核验: the server recomputes the community's hash chain; intact, or where it breaks. Public. */
export function VerifyScreen({ communityId, signedIn }: { communityId: string; signedIn: boolean }) {
  const t = useDecisionsT();
  const lang = useLang();
  const result = useResource<ChainVerification>(`/api/public/board/${encodeURIComponent(communityId)}/verify`);
  const data = result.status === 'ready' ? result.data : null;
  return (
    <ScreenFrame title={t('verify.title')} back={signedIn ? '/portal/board' : null} testId="portal-verify">
      <p className="p-lead">{t('verify.intro')}</p>
      {result.status === 'loading' && <Loading />}
      {result.status === 'failed' &&
        (result.httpStatus === 404 ? <Empty>{t('verify.notFound')}</Empty> : <Failure message={result.error} onRetry={() => void result.reload()} />)}
      {data && (
        <>
          <div className={data.ok ? 'p-verdict p-verdict-ok' : 'p-verdict p-verdict-bad'} role="status" data-testid="verify-verdict">
            <span className="p-verdict-icon" aria-hidden="true">
              {data.ok ? '✓' : '!'}
            </span>
            <span>
              <strong>
                {data.ok ? t('verify.intact', { count: data.count }) : data.firstBroken ? t('verify.broken', { seq: data.firstBroken.seq }) : t('verify.brokenUnknown')}
              </strong>
              {data.message && <span className="p-verdict-detail">{data.message}</span>}
            </span>
          </div>
          <dl className="p-card p-facts">
            <dt>{t('verify.community')}</dt>
            <dd>{data.communityName}</dd>
            <dt>{t('verify.count')}</dt>
            <dd>{data.count}</dd>
            {data.headHash && (
              <>
                <dt>{t('verify.last')}</dt>
                <dd>
                  <code className="p-break">{data.headHash}</code>
                </dd>
              </>
            )}
            <dt>{t('verify.checkedAt')}</dt>
            <dd>{formatDate(data.checkedAt, lang, true)}</dd>
          </dl>
          {data.entries.length > 0 && (
            <>
              <h2 className="p-section-title">{t('verify.entries')}</h2>
              <ol className="p-list p-chain" data-testid="verify-entries">
                {[...data.entries].reverse().map((e) => {
                  const broken = data.firstBroken?.seq === e.seq;
                  return (
                    <li key={e.seq} className={broken ? 'p-card p-chain-item p-chain-broken' : 'p-card p-chain-item'}>
                      <span className="p-chain-seq">{t('board.seq', { seq: e.seq })}</span>
                      <span className="p-list-text">
                        {e.id && e.title ? (
                          <Link to={`/portal/board/${encodeURIComponent(e.id)}`}>{e.title}</Link>
                        ) : (
                          <span className="p-muted">{e.status === 'withdrawn' ? t('verify.withdrawn') : t('verify.scheduled')}</span>
                        )}
                        <span className="p-muted">
                          {formatDate(e.publishedAt, lang)} · <code>{e.hash.slice(0, 12)}</code>
                        </span>
                      </span>
                    </li>
                  );
                })}
              </ol>
            </>
          )}
          <button type="button" className="p-button p-outline" data-testid="verify-again" onClick={() => void result.reload()}>
            {t('verify.again')}
          </button>
        </>
      )}
    </ScreenFrame>
  );
}
