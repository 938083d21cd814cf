import { formatCount, formatPartialDate } from '../core/format-date';
import type { CheckOutcome } from '../core/update-schedule';
import type { MessageKey, Translate } from '../shared/i18n';
import type { DataStatus } from '../shared/messages';

export interface DataPanelProps {
  status: DataStatus;
  /** The saved setting, which the switch shows at once (the status follows after the worker answers). */
  updatesOn: boolean;
  t: Translate;
  checking: boolean;
  onToggle: (on: boolean) => void;
  onCheckNow: () => void;
  /** Asks the browser for access to haveibeenpwned.com again (must run in the click). */
  onGrantHost: () => void;
}

const OUTCOME_TEXT: Record<CheckOutcome, MessageKey> = {
  updated: 'optionsOutcomeUpdated',
  unchanged: 'optionsOutcomeUnchanged',
  rejected: 'optionsOutcomeRejected',
  failed: 'optionsOutcomeFailed',
};

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The breach data in use, where it came from, and its updates: switch, last check, last problem, check now. */
export function DataPanel({ status, updatesOn, t, checking, onToggle, onCheckNow, onGrantHost }: DataPanelProps) {
  const c = status.counts;
  const { state } = status;
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">{t('optionsData')}</h2>
      <p data-testid="dataset">
        {t('optionsDataSummary', [
          formatCount(c.breaches),
          formatCount(c.domains),
          formatPartialDate(status.dataDate),
          c.curated,
          formatCount(c.hibp),
        ])}
      </p>
      <p data-testid="data-source">
        {status.source === 'updated' && status.fetchedAt !== undefined
          ? t('optionsInUseUpdated', [when(status.fetchedAt), formatPartialDate(status.dataDate)])
          : t('optionsInUseBundled', [formatPartialDate(status.bundledDate)])}
      </p>

      <h3>{t('optionsUpdates')}</h3>
      <p>
        <label>
          <input type="checkbox" checked={updatesOn} onChange={(e) => onToggle(e.currentTarget.checked)} />{' '}
          {t('optionsUpdatesToggle')}
        </label>
        <br />
        <small>{t('optionsUpdatesNote')}</small>
      </p>
      {updatesOn ? null : (
        <p data-testid="updates-off">{t('optionsUpdatesOff', [formatPartialDate(status.dataDate)])}</p>
      )}
      {updatesOn && !status.hostPermission && (
        <p data-testid="no-host-permission" class="status--error">
          {t('optionsNoHostPermission')} <button onClick={onGrantHost}>{t('optionsGrantHost')}</button>
        </p>
      )}
      <p data-testid="last-check">
        {state.lastCheck === undefined || state.lastOutcome === undefined
          ? t('optionsNeverChecked')
          : t('optionsLastCheck', [when(state.lastCheck), t(OUTCOME_TEXT[state.lastOutcome])])}
      </p>
      {state.lastError && (
        <p data-testid="last-error" class="status--error">
          {t('optionsLastError', [when(state.lastError.at), state.lastError.reason])}
        </p>
      )}
      {updatesOn && state.nextCheck !== undefined && (
        <p data-testid="next-check">{t('optionsNextCheck', [when(state.nextCheck)])}</p>
      )}
      <p>
        <button onClick={onCheckNow} disabled={!updatesOn || checking} aria-busy={checking}>
          {checking ? t('optionsChecking') : t('optionsCheckNow')}
        </button>
      </p>
    </section>
  );
}
