import { Empty, Timeline, Typography } from 'antd';
import { useDT } from './decisions-messages';
import { dayTime, loc } from './decisions-format';
import type { Localised } from './procedure-types';

/** One recorded step of a matter (who, when, what): the server's `matter_event`. */
export type TimelineEvent = {
  id: string;
  at: string;
  actorName: string | null;
  kind: string;
  summary: Localised | string;
};

function eventColor(kind: string): string {
  if (/flag|object|reject|stop|return/.test(kind)) return 'red';
  if (/sign_?off|pass|publish|close|complete/.test(kind)) return 'green';
  if (/open|call|start|accept/.test(kind)) return 'blue';
  return 'gray';
}

/** 时间线: every step of the matter, newest first, each saying who did what and when. */
export function MatterTimeline({ events }: { events: TimelineEvent[] }) {
  const t = useDT();
  if (events.length === 0) return <Empty description={t('timeline.empty')} />;
  const ordered = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline
      data-testid="matter-timeline"
      className="gz-matter-timeline"
      items={ordered.map((event) => ({
        key: event.id,
        color: eventColor(event.kind),
        content: (
          <div data-testid="timeline-event">
            <div className="gz-timeline-summary">{loc(event.summary)}</div>
            <Typography.Text type="secondary">
              {dayTime(event.at)}
              {event.actorName ? ` · ${event.actorName}` : ` · ${t('timeline.system')}`}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
