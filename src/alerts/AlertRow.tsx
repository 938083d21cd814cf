import type { ComponentChildren } from 'preact';
import type { Alert, AlertState } from '../core/alert-bookkeeping';
import type { AlertTodo } from '../core/alert-todo';
import { MATCHED_TEXT } from '../shared/matched-text';
import { historyVisitsText, VERDICT_TEXT } from '../shared/history-text';
import type { MessageKey, Translate } from '../shared/i18n';
import { formatLocalDay } from '../core/format-date';
import { knownSinceOf } from '../core/breach-urgency';

export const STATE_TEXT: Record<AlertState, MessageKey> = {
  new: 'alertStateNew',
  reviewed: 'alertStateReviewed',
  done: 'alertStateDone',
  dismissed: 'alertStateDismissed',
};

export interface AlertRowProps {
  alert: Alert;
  detailsUrl: string;
  onState: (state: AlertState) => void;
  onMute: () => void;
  /** Set when the alert's site is muted: the row says so and offers Unmute instead of Mute. */
  muted?: boolean;
  onUnmute?: () => void;
  /** Progress through the breach's steps, and whether it needs action now (alert-todo.ts). */
  todo?: AlertTodo;
  /** The breach card opened in place, and the button that opens and closes it. */
  open?: boolean;
  onOpen?: () => void;
  card?: ComponentChildren;
  /** Another breach of the site of the row above: drawn as one group with it. */
  sameSiteAsAbove?: boolean;
  t: Translate;
}

/**
 * The year after the alert's title: the breach's, or, for a breach no source dates (whose stored date is when it
 * was found or made public), "made public YEAR", so the row does not give that year as the breach's.
 */
function yearLabel(alert: Alert, todo: AlertTodo | undefined, t: Translate): string {
  const breach = todo?.breach;
  if (breach?.breachDateUnknown) return ` (${t('alertYearMadePublic', [knownSinceOf(breach).slice(0, 4)])})`;
  return alert.breachDate ? ` (${alert.breachDate.slice(0, 4)})` : '';
}

/** One alert: the site, the breach, when and how often, and what can be done with it. */
export function AlertRow({
  alert,
  detailsUrl,
  onState,
  onMute,
  muted = false,
  onUnmute,
  todo,
  open = false,
  onOpen,
  card,
  sameSiteAsAbove = false,
  t,
}: AlertRowProps) {
  const detailsId = `details-${alert.id.replace(/[^a-z0-9-]/gi, '-')}`;
  const title = alert.title ?? t('alertSensitiveTitle');
  const day = formatLocalDay(alert.firstSeen);
  return (
    <li
      class={`alert alert--${alert.state}${muted ? ' alert--muted' : ''}${sameSiteAsAbove ? ' alert--same-site' : ''}`}
      data-alert-id={alert.id}
    >
      <div class="alert-main">
        <span class={`state state--${alert.state}`}>{t(STATE_TEXT[alert.state])}</span>
        {todo?.needsAction && (
          <span class="state state--action" data-testid="needs-action">
            {t('alertNeedsAction')}
          </span>
        )}
        {todo && !todo.needsAction && todo.alarm === 'old' && todo.breach && (
          <span class="state state--old">{t('alertOldBreach')}</span>
        )}
        {muted && (
          <span class="state state--muted" data-testid="muted">
            {t('alertMutedLabel')}
          </span>
        )}
        <strong class="alert-site">{alert.site}</strong>
        <span class="alert-title">
          {title}
          {yearLabel(alert, todo, t)}
        </span>
        {alert.matchedVia && (
          <span class="alert-meta" data-testid="matched-via">
            {t(MATCHED_TEXT[alert.matchedVia.kind], [alert.site, alert.matchedVia.via])}
          </span>
        )}
        {todo && todo.tasks > 0 && (
          <span class="alert-meta" data-testid="progress">
            {t('alertProgress', [todo.done, todo.tasks])}
          </span>
        )}
        {alert.history && (
          <span class="alert-meta" data-testid="history-verdict">
            {t('alertFoundInHistory')}: {t(VERDICT_TEXT[alert.history.verdict])} {historyVisitsText(alert.history, t)}
          </span>
        )}
        <span class="alert-meta">
          {alert.foundInHistory && alert.visits === 0 ? (
            t('alertFoundInHistory')
          ) : alert.reported && alert.visits === 0 ? (
            t('alertReported', [day])
          ) : (
            <>
              {t('alertFirstSeen', [day])} ·{' '}
              {alert.visits === 1 ? t('alertVisitsOne') : t('alertVisitsMany', [alert.visits])}
            </>
          )}
        </span>
      </div>
      <div class="alert-actions" role="group" aria-label={t('alertActionsFor', [`${alert.site}: ${title}`])}>
        {onOpen && todo?.breach ? (
          <button aria-expanded={open} aria-controls={detailsId} onClick={onOpen} data-testid="details-toggle">
            {t('alertDetailsToggle')}
          </button>
        ) : (
          <a href={detailsUrl} target="_blank" rel="noopener">
            {t('alertOpen')}
          </a>
        )}
        {alert.state === 'new' && <button onClick={() => onState('reviewed')}>{t('alertMarkReviewed')}</button>}
        {alert.state !== 'done' && alert.state !== 'dismissed' && (
          <button onClick={() => onState('done')}>{t('alertMarkDone')}</button>
        )}
        {alert.state === 'dismissed' ? (
          <button onClick={() => onState('reviewed')}>{t('alertRestore')}</button>
        ) : (
          <button onClick={() => onState('dismissed')}>{t('alertDismiss')}</button>
        )}
        {muted ? (
          <button onClick={onUnmute}>{t('alertUnmute', [alert.site])}</button>
        ) : (
          <button onClick={onMute}>{t('alertMuteSite', [alert.site])}</button>
        )}
      </div>
      {open && (
        <div id={detailsId} class="alert-card" data-testid="alert-card">
          {card}
        </div>
      )}
    </li>
  );
}
