import { Alert, Timeline, Typography } from 'antd';
import { api, errorMessage } from '../../shared/api';
import type { ResidentEvent, ResidentEventKind, TagDefinition } from '../../shared/api-types';
import { useApi } from '../common/use-api';
import { localDateTime } from '../grid/grid-format';
import { useT, type ConsoleMessageKey, type ConsoleT } from '../messages';

const eventColor: Record<ResidentEventKind, string> = {
  registered: 'blue',
  moved_in: 'green',
  moved_out: 'gray',
  deceased: 'gray',
  updated: 'blue',
  tag_added: 'orange',
  tag_removed: 'gray',
};

const changedFieldKeys: Record<string, ConsoleMessageKey> = {
  name: 'residents.name',
  phone: 'residents.phone',
  relation: 'residents.relation',
  registration: 'residents.registration',
  registeredPlace: 'register.registeredPlace',
};

function detailsOf(event: ResidentEvent): Record<string, unknown> {
  let value = event.details;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function describe(event: ResidentEvent, t: ConsoleT, tagNames: ReadonlyMap<string, string>): string | null {
  const details = detailsOf(event);
  const tag = details['tag'];
  if (typeof tag === 'string') return tagNames.get(tag) ?? tag;
  const destination = details['destination'];
  if (typeof destination === 'string') return t('history.destination', { place: destination });
  const changed = details['changed'];
  if (Array.isArray(changed)) {
    const labels = changed.filter((key): key is string => typeof key === 'string').map((key) => {
      const label = changedFieldKeys[key];
      return label ? t(label) : key;
    });
    return labels.length > 0 ? t('history.changed', { fields: labels.join('、') }) : t('history.unchanged');
  }
  return null;
}

/** A person's history, append-only on the server: registered, moved in or out, deceased, tags. */
export function ResidentHistory({ residentId, version }: { residentId: string; version: number }) {
  const t = useT();
  const history = useApi((signal) => api.get<ResidentEvent[]>(`/api/residents/${encodeURIComponent(residentId)}/history`, { signal }), [residentId, version]);
  const catalogue = useApi((signal) => api.get<TagDefinition[]>('/api/grid/tags', { signal }), []);
  const tagNames = new Map((catalogue.data ?? []).map((tag) => [tag.code, tag.name]));

  if (history.error !== undefined) return <Alert type="error" showIcon title={errorMessage(history.error)} />;
  const events = history.data ?? [];
  if (!history.loading && events.length === 0) return <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>;
  return (
    <Timeline
      data-testid="resident-history"
      items={[...events].reverse().map((event) => {
        const detail = describe(event, t, tagNames);
        return {
          key: event.id,
          color: eventColor[event.kind],
          content: (
            <div>
              <strong>
                {event.occurredOn} {t(`history.kind.${event.kind}`)}
              </strong>
              {detail && (
                <span>
                  {t('common.colon')}
                  {detail}
                </span>
              )}
              <div className="gz-muted">{t('history.by', { name: event.actorName, at: localDateTime(event.at) })}</div>
            </div>
          ),
        };
      })}
    />
  );
}
