import { firstUseOf } from '../core/alert-bookkeeping';
import type { AlertTodo } from '../core/alert-todo';
import { knownSinceOf } from '../core/breach-urgency';
import { formatPartialDate } from '../core/format-date';
import type { Translate } from '../shared/i18n';

// The breached sites you use on one time axis: when each breach happened (dot), when it became known (diamond)
// and when you first visited (bar). Drawn as SVG with no chart library; each row is focusable and says what it
// shows, and a list beside it says the same for screen readers.

/** At most this many breaches: the ones the to-do list puts first. */
const ROWS = 12;
const ROW = 22;
/** The drawing's width in its own units, so text keeps a readable size on a phone-width page too. */
const sizeFor = (pageWidth: number) => (pageWidth < 560 ? { WIDTH: 360, LABEL: 110 } : { WIDTH: 640, LABEL: 150 });

/** A partial date ("2017", "2017-05") as the time of its first day. */
const timeOf = (date: string) => Date.parse(`${date}${date.length === 4 ? '-01-01' : date.length === 7 ? '-01' : ''}`);

export function Timeline({ todos, now, t }: { todos: readonly AlertTodo[]; now: number; t: Translate }) {
  const { WIDTH, LABEL } = sizeFor(typeof window === 'undefined' ? 1024 : window.innerWidth);
  const rows = todos.filter((td) => td.breach && td.alert.state !== 'dismissed').slice(0, ROWS);
  if (rows.length === 0) return null;
  const times = rows.flatMap((td) => [timeOf(td.breach!.breachDate), firstUseOf(td.alert)]).filter(Number.isFinite);
  const start = new Date(Math.min(...times));
  const from = Date.UTC(start.getUTCFullYear(), 0, 1);
  const to = now;
  const x = (time: number) => LABEL + ((time - from) / Math.max(1, to - from)) * (WIDTH - LABEL - 10);
  const years: number[] = [];
  const step = Math.max(1, Math.ceil((new Date(to).getUTCFullYear() - start.getUTCFullYear()) / 6));
  for (let y = start.getUTCFullYear(); y <= new Date(to).getUTCFullYear(); y += step) years.push(y);
  const height = rows.length * ROW + 28;
  return (
    <figure class="timeline" data-testid="timeline">
      <figcaption id="timeline-title">{t('timelineTitle')}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-labelledby="timeline-title" class="timeline-svg">
        {years.map((y) => (
          <g key={y} class="timeline-year" aria-hidden="true">
            <line x1={x(Date.UTC(y, 0, 1))} x2={x(Date.UTC(y, 0, 1))} y1={0} y2={height - 18} />
            <text x={x(Date.UTC(y, 0, 1))} y={height - 4} text-anchor="middle">
              {y}
            </text>
          </g>
        ))}
        {rows.map((td, i) => {
          const b = td.breach!;
          const y = i * ROW + 12;
          const visit = new Date(firstUseOf(td.alert)).toISOString().slice(0, 10);
          const known = formatPartialDate(knownSinceOf(b));
          // A breach no source dates has no dot: its diamond (made public) is all that is known.
          const label = b.breachDateUnknown
            ? t('timelineRowUndated', [td.alert.site, known, visit])
            : t('timelineRow', [td.alert.site, formatPartialDate(b.breachDate), known, visit]);
          return (
            <g
              key={td.alert.id}
              {...{ tabindex: 0 }}
              role="img"
              aria-label={label}
              class={`timeline-row timeline-row--${td.alarm}`}
            >
              <title>{label}</title>
              <text x={LABEL - 8} y={y + 4} text-anchor="end" class="timeline-site">
                {td.alert.site.length > LABEL / 7
                  ? `${td.alert.site.slice(0, Math.floor(LABEL / 7) - 1)}…`
                  : td.alert.site}
              </text>
              <line x1={LABEL} x2={WIDTH - 10} y1={y} y2={y} class="timeline-track" />
              {!b.breachDateUnknown && <circle cx={x(timeOf(b.breachDate))} cy={y} r={5} class="timeline-breach" />}
              <path d={`M ${x(timeOf(knownSinceOf(b)))} ${y - 6} l 6 6 l -6 6 l -6 -6 z`} class="timeline-known" />
              <rect x={x(firstUseOf(td.alert)) - 1.5} y={y - 7} width={3} height={14} class="timeline-visit" />
            </g>
          );
        })}
      </svg>
      <p class="timeline-key" aria-hidden="true">
        <span class="key-breach">●</span> {t('timelineKeyBreach')} <span class="key-known">◆</span>{' '}
        {t('timelineKeyKnown')} <span class="key-visit">▮</span> {t('timelineKeyVisit')}
      </p>
    </figure>
  );
}
