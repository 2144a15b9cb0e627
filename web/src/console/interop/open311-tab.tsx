import { Descriptions, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { listKeys } from './interop-api';
import { useInteropT } from './interop-messages';

const BASE = '/api/open311/v2';

/** Where an outside system finds the standard interface, in plain words. */
export function Open311Tab() {
  const t = useInteropT();
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  useEffect(() => {
    listKeys().then((r) => setJurisdiction(r.jurisdictionId), () => setJurisdiction(null));
  }, []);
  return (
    <div data-testid="interop-open311">
      <Typography.Paragraph style={{ fontSize: 17 }}>{t('open311.intro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 220 } }}>
        <Descriptions.Item label={t('open311.base')}><Typography.Text code copyable>{`${origin}${BASE}`}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('open311.jurisdiction')}>{jurisdiction ? <Typography.Text code copyable>{jurisdiction}</Typography.Text> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('open311.services')}>
          <a href={`${BASE}/services.json${jurisdiction ? `?jurisdiction_id=${encodeURIComponent(jurisdiction)}` : ''}`} target="_blank" rel="noreferrer">services.json</a>{' · '}
          <a href={`${BASE}/services.xml`} target="_blank" rel="noreferrer">services.xml</a>
        </Descriptions.Item>
        <Descriptions.Item label={t('open311.requests')}>
          <a href={`${BASE}/requests.json`} target="_blank" rel="noreferrer">requests.json</a>{' · '}
          <a href={`${BASE}/requests.xml`} target="_blank" rel="noreferrer">requests.xml</a>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('open311.post', { base: BASE })}</Typography.Paragraph>
      <Typography.Paragraph>{t('open311.hotline')}</Typography.Paragraph>
    </div>
  );
}
