import { Button, Result } from 'antd';
import { ApiError, errorMessage } from '../../shared/api';
import { useT } from '../messages';

/** A full-panel error: 403 / 404 with the server's message, anything else with a retry button. */
export function ApiErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : 0;
  const message = errorMessage(error);
  if (status === 403) {
    return <Result status="403" title={t('error.forbidden.title')} subTitle={message} data-testid="forbidden-result" />;
  }
  if (status === 404) {
    return <Result status="404" title={t('error.notFound.title')} subTitle={message} data-testid="not-found-result" />;
  }
  return (
    <Result
      status="error"
      title={t('error.failed.title')}
      subTitle={message}
      data-testid="error-result"
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
