import { Col, Row, Typography } from 'antd';
import { useT } from '../messages';

function pretty(value: unknown): string {
  if (value === null || value === undefined) return '—';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** Top-level keys whose values differ between before and after. */
function changedKeys(before: unknown, after: unknown): Set<string> {
  const keys = new Set<string>();
  const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const left = asRecord(before);
  const right = asRecord(after);
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (JSON.stringify(left[key]) !== JSON.stringify(right[key])) keys.add(key);
  }
  return keys;
}

/** Before / after JSON side by side (stacked on phones), with changed top-level keys listed. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const changed = [...changedKeys(before, after)];
  if ((before === null || before === undefined) && (after === null || after === undefined)) {
    return (
      <Typography.Text type="secondary" data-testid="audit-diff">
        {t('audit.noData')}
      </Typography.Text>
    );
  }
  return (
    <div data-testid="audit-diff">
      {changed.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('audit.changed', { keys: changed.join(', ') })}
        </Typography.Paragraph>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <div className="gz-json-label">{t('audit.before')}</div>
          <pre className="gz-json">{pretty(before)}</pre>
        </Col>
        <Col xs={24} md={12}>
          <div className="gz-json-label">{t('audit.after')}</div>
          <pre className="gz-json">{pretty(after)}</pre>
        </Col>
      </Row>
    </div>
  );
}
