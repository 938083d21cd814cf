import { useEffect, useState } from 'preact/hooks';
import { alertsToCsv, filterAlerts, isMuted, type Alert, type AlertFilter } from '../core/alert-bookkeeping';
import type { MessageKey, Translate } from '../shared/i18n';
import { EXPORT_FORMAT } from '../shared/messages';
import type { send as sendMessage } from '../shared/send-message';
import { AlertRow, STATE_TEXT } from './AlertRow';
import { downloadText } from './download';

export interface AlertsAppProps {
  send: typeof sendMessage;
  t: Translate;
  popupUrl: (site: string) => string;
  /** Asks before clearing; window.confirm in the page, a stub in tests. */
  confirm?: (message: string) => boolean;
  download?: typeof downloadText;
}

const FILTERS: [AlertFilter, MessageKey][] = [
  ['new', 'alertsFilterNew'],
  ['all', 'alertsFilterAll'],
  ['dismissed', 'alertsFilterDismissed'],
];

/** The alerts page's one state owner: the stored alerts, the filter and search, and a status line. */
export function AlertsApp({
  send,
  t,
  popupUrl,
  confirm = (m) => window.confirm(m),
  download = downloadText,
}: AlertsAppProps) {
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [filter, setFilter] = useState<AlertFilter>('all');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [mutedSites, setMutedSites] = useState<readonly string[]>([]);
  // After a row action, where focus goes: the row again, or the next one when the row left the list.
  const [focusAfter, setFocusAfter] = useState<{ id: string; index: number } | null>(null);

  const reload = () =>
    Promise.all([
      send('alerts/list', {}).then(setAlerts),
      send('settings/get', {}).then((s) => setMutedSites(s.mutedSites)),
    ]);
  useEffect(() => {
    if (!focusAfter) return;
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="alerts"] > li')];
    const row =
      rows.find((r) => r.dataset.alertId === focusAfter.id) ?? rows[Math.min(focusAfter.index, rows.length - 1)];
    const target = row?.querySelector<HTMLElement>('.alert-actions button') ?? document.querySelector('h1');
    (target as HTMLElement | null)?.focus();
    setFocusAfter(null);
  });
  useEffect(() => {
    void reload();
  }, []);
  // For npm run bench: when the page first shows its alerts (effects run after the render is committed).
  const loaded = alerts !== null;
  useEffect(() => {
    if (loaded) performance.mark('first-content');
  }, [loaded]);

  /** Runs an action, reloads, and reports the outcome in the status line (errors in words, never silently). */
  const act = async (run: () => Promise<string | null>, failure: MessageKey = 'alertsActionFailed') => {
    try {
      const text = await run();
      setStatus(text ? { text } : null);
    } catch (e) {
      setStatus({ text: t(failure, [(e as Error).message]), error: true });
    }
    await reload();
  };

  /** A row's action: its result is announced, and focus stays on the row (or moves to the next one). */
  const rowAction = async (a: Alert, index: number, run: () => Promise<string>) => {
    await act(run);
    setFocusAfter({ id: a.id, index });
  };

  const exportJson = () =>
    download(
      `am-i-affected-alerts-${new Date().toISOString().slice(0, 10)}.json`,
      'application/json',
      JSON.stringify({ format: EXPORT_FORMAT, exportedAt: new Date().toISOString(), alerts }, null, 2),
    );
  const exportCsv = () =>
    download(
      `am-i-affected-alerts-${new Date().toISOString().slice(0, 10)}.csv`,
      'text/csv',
      alertsToCsv(alerts ?? []),
    );

  const importFile = (file: File | undefined) =>
    file &&
    act(async () => {
      const r = await send('alerts/import', { json: await file.text() });
      return t('alertsImported', [r.added, r.merged]);
    }, 'alertsImportFailed');

  const clearAll = () => {
    if (!alerts?.length || !confirm(t('alertsClearConfirm', [alerts.length]))) return;
    void act(async () => {
      await send('alerts/clear', {});
      return t('alertsCleared');
    });
  };

  const shown = alerts ? filterAlerts(alerts, filter, search) : [];
  return (
    <>
      <h1>{t('alertsTitle')}</h1>
      <p>{t('alertsIntro')}</p>
      <div class="toolbar">
        <fieldset class="filters">
          <legend class="visually-hidden">{t('alertsFilterLabel')}</legend>
          {FILTERS.map(([value, label]) => (
            <label key={value} class={filter === value ? 'filter filter--on' : 'filter'}>
              <input
                type="radio"
                name="filter"
                value={value}
                checked={filter === value}
                onChange={() => setFilter(value)}
              />
              {t(label)}
            </label>
          ))}
        </fieldset>
        <label class="search">
          <span class="visually-hidden">{t('alertsSearchLabel')}</span>
          <input
            type="search"
            placeholder={t('alertsSearchLabel')}
            value={search}
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </div>
      <div class="toolbar">
        <button onClick={() => act(async () => (await send('alerts/mark-all-reviewed', {}), null))}>
          {t('alertsMarkAllReviewed')}
        </button>
        <button onClick={exportJson} disabled={!alerts?.length}>
          {t('alertsExportJson')}
        </button>
        <button onClick={exportCsv} disabled={!alerts?.length}>
          {t('alertsExportCsv')}
        </button>
        <label class="button-like">
          {t('alertsImport')}
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            data-testid="import"
            onChange={(e) => importFile((e.currentTarget as HTMLInputElement).files?.[0])}
          />
        </label>
        <button onClick={clearAll} disabled={!alerts?.length} class="danger">
          {t('alertsClearAll')}
        </button>
      </div>
      <p class={status?.error ? 'status status--error' : 'status'} role="status" data-testid="status">
        {status?.text ?? ''}
      </p>
      {alerts === null ? null : alerts.length === 0 ? (
        <p class="empty" data-testid="empty">
          {t('alertsEmpty')}
        </p>
      ) : (
        <>
          <p class="count">{t('alertsCount', [shown.length, alerts.length])}</p>
          {shown.length === 0 ? (
            <p class="empty">{t('alertsNoMatch')}</p>
          ) : (
            <ul class="alerts" data-testid="alerts">
              {shown.map((a, index) => (
                <AlertRow
                  key={a.id}
                  alert={a}
                  detailsUrl={popupUrl(a.site)}
                  t={t}
                  muted={isMuted(a.site, mutedSites)}
                  onState={(state) =>
                    rowAction(a, index, async () => {
                      await send('alerts/set-state', { ids: [a.id], state });
                      return t('alertActionDone', [a.site, t(STATE_TEXT[state])]);
                    })
                  }
                  onMute={() =>
                    rowAction(a, index, async () => {
                      await send('sites/mute', { site: a.site });
                      return t('alertsStatusMuted', [a.site]);
                    })
                  }
                  onUnmute={() =>
                    rowAction(a, index, async () => {
                      await send('sites/unmute', { site: a.site });
                      return t('popupUnmuted', [a.site]);
                    })
                  }
                />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
