import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { alertMatches, alertsToCsv, isMuted, type Alert, type AlertFilter } from '../core/alert-bookkeeping';
import type { MessageKey, Translate } from '../shared/i18n';
import { EXPORT_FORMAT, type AlertsOverview } from '../shared/messages';
import type { send as sendMessage } from '../shared/send-message';
import { AlertRow, STATE_TEXT } from './AlertRow';
import { Timeline } from './Timeline';
import { alertTodo, orderTodos, summariseTodos, type AlertTodo } from '../core/alert-todo';
import { formatPartialDate } from '../core/format-date';
import { protectiveSteps, regulatorOfCountry, type RegionContacts, type StepId } from '../core/protective-steps';
import { verdictOf } from '../core/verdict';
import { EMPTY_PROGRESS, withTick, type Progress } from '../shared/progress';
import { BreachCard } from '../popup/BreachCard';
import { downloadText } from './download';
import { notCustomerNow } from '../core/history-verdict';
import { VERDICT_TEXT } from '../shared/history-text';

export interface AlertsAppProps {
  send: typeof sendMessage;
  t: Translate;
  popupUrl: (site: string) => string;
  /** Help contacts by region (data/help, as the popup has them), for the steps of a breach opened in place. */
  regions?: Readonly<Record<string, RegionContacts>>;
  /** Now, for the breaches' age. */
  now?: () => number;
  /** Asks before clearing; window.confirm in the page, a stub in tests. */
  confirm?: (message: string) => boolean;
  download?: typeof downloadText;
  /** The first overview, asked for before the page rendered (main.tsx): the worker reads while the page loads. */
  firstOverview?: Promise<AlertsOverview>;
  /** The welcome page's history check (#check): "Check my history again". */
  historyCheckUrl?: string;
}

type PageFilter = AlertFilter | 'action';
const FILTERS: [PageFilter, MessageKey][] = [
  ['action', 'alertsFilterAction'],
  ['new', 'alertsFilterNew'],
  ['done', 'alertsFilterDone'],
  ['dismissed', 'alertsFilterDismissed'],
  ['all', 'alertsFilterAll'],
];
/** Rows shown at once: a long history stays quick to show; "Show more" adds the next page. */
const PAGE_SIZE = 50;
/** Rows in the very first render: more than a screen holds; the rest of the first page follows a frame later. */
const FIRST_SCREEN_ROWS = 12;

/** The alerts page's one state owner: the stored alerts, the filter and search, and a status line. */
export function AlertsApp({
  send,
  t,
  popupUrl,
  historyCheckUrl,
  firstOverview,
  confirm = (m) => window.confirm(m),
  download = downloadText,
  regions = {},
  now = Date.now,
}: AlertsAppProps) {
  // Everything the page shows comes from one answer of the worker; the alerts and muted sites are read off it.
  const [overview, setOverview] = useState<AlertsOverview | null>(null);
  const alerts = overview?.alerts ?? null;
  const mutedSites = overview?.mutedSites ?? [];
  const [filter, setFilter] = useState<PageFilter>('all');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [pages, setPages] = useState(1);
  // The first screen of rows is drawn first and the rest of the page a frame later, so 1,000 alerts show their
  // first row about as fast as ten (issue #16).
  const [firstScreenOnly, setFirstScreenOnly] = useState(true);
  // After a row action, where focus goes: the row again, or the next one when the row left the list.
  const [focusAfter, setFocusAfter] = useState<{ id: string; index: number } | null>(null);

  // One message brings the alerts, their breaches' details and progress, and the settings the page shows.
  const reload = () =>
    send('alerts/overview', {
      languages: [...navigator.languages],
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }).then(setOverview);
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
    if (firstOverview) firstOverview.then(setOverview, () => void reload());
    else void reload();
  }, []);
  // For npm run bench: when the page's first alerts are in the document (at commit, like the popup's mark and the
  // bare page's, so the three compare alike); then the rest of the first page follows after that paint.
  const loaded = alerts !== null;
  useLayoutEffect(() => {
    if (loaded) performance.mark('first-content');
  }, [loaded]);
  useEffect(() => {
    if (!loaded) return;
    // After the first paint (a timer where there are no frames, as in tests).
    const timer = setTimeout(() => setFirstScreenOnly(false), 0);
    return () => clearTimeout(timer);
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
      // With each breach's progress (ticks, "not a customer"), as the popup and this page store it.
      JSON.stringify(
        { format: EXPORT_FORMAT, exportedAt: new Date().toISOString(), alerts, progress: overview?.progress ?? {} },
        null,
        2,
      ),
    );
  const exportCsv = () =>
    download(
      `am-i-affected-alerts-${new Date().toISOString().slice(0, 10)}.csv`,
      'text/csv',
      alertsToCsv(alerts ?? [], (a) => {
        const td = todoById.get(a.id);
        return td && td.tasks > 0 ? td : undefined;
      }),
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

  const region = (overview && regions[overview.regionDecision.code]) || Object.values(regions)[0];
  const breaches = new Map((overview?.breaches ?? []).map((b) => [b.id, b]));
  const stepsOf = (a: Alert) => {
    const b = breaches.get(a.breachId);
    return b && region ? protectiveSteps(b, region, a.site, regulatorOfCountry(b.country, region, regions), now()) : [];
  };
  const progressOf = (id: string) => overview?.progress[id] ?? EMPTY_PROGRESS;
  // Worked out once per change of the data, not per keystroke: a search over 10,000 alerts stays quick.
  const orderedAll = useMemo(
    () =>
      orderTodos(
        (alerts ?? []).map((a) =>
          alertTodo(
            {
              alert: a,
              breach: breaches.get(a.breachId),
              steps: stepsOf(a),
              ticked: progressOf(a.breachId).ticked,
              notCustomer: notCustomerNow(progressOf(a.breachId), a.history?.verdict),
            },
            now(),
          ),
        ),
      ),
    [overview],
  );
  const summary = useMemo(() => summariseTodos(orderedAll), [orderedAll]);
  const todoById = useMemo(() => new Map(orderedAll.map((td) => [td.alert.id, td])), [orderedAll]);
  const ordered = orderedAll.filter((td) =>
    filter === 'action'
      ? td.needsAction && alertMatches(td.alert, 'all', search)
      : alertMatches(td.alert, filter, search),
  );
  const shownTodos = ordered.slice(0, firstScreenOnly ? Math.min(FIRST_SCREEN_ROWS, PAGE_SIZE) : pages * PAGE_SIZE);
  const saveProgress = (breachId: string, change: (p: Progress) => Progress) =>
    void act(async () => {
      await send('progress/set', { breachId, progress: change(progressOf(breachId)) });
      return null;
    });
  return (
    <>
      <h1>{t('alertsTitle')}</h1>
      <p>{t('alertsIntro')}</p>
      {historyCheckUrl && (
        <p>
          <a href={historyCheckUrl} data-testid="history-again">
            {t('historyCheckAgain')}
          </a>
        </p>
      )}
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
          <section class="summary" data-testid="summary" aria-label={t('alertsSummaryLabel')}>
            <p class="summary-action">
              {summary.needsAction.length === 0
                ? t('alertsNothingUrgent')
                : t(summary.needsAction.length === 1 ? 'alertsNeedActionOne' : 'alertsNeedActionMany', [
                    summary.needsAction.length,
                    summary.needsAction.map((td) => urgentText(td, t)).join(', '),
                  ])}
            </p>
            <p>
              {t('alertsSummarySites', [summary.sites])} {t('alertsSummarySteps', [summary.done, summary.tasks])}
              {overview?.dataDate && <> {t('alertsSummaryData', [formatPartialDate(overview.dataDate)])}</>}
            </p>
          </section>
          <Timeline todos={orderedAll} now={now()} t={t} />
          <p class="count">{t('alertsCount', [ordered.length, alerts.length])}</p>
          {overview && overview.setAside > 0 && (
            <p class="note" data-testid="set-aside">
              {t('alertsSetAside', [overview.setAside])}
            </p>
          )}
          {ordered.length === 0 ? (
            <p class="empty">{t('alertsNoMatch')}</p>
          ) : (
            <ul class="alerts" data-testid="alerts">
              {shownTodos.map((td, index) => {
                const a = td.alert;
                return (
                  <AlertRow
                    key={a.id}
                    alert={a}
                    sameSiteAsAbove={index > 0 && shownTodos[index - 1]!.alert.site === a.site}
                    todo={td}
                    open={open === a.id}
                    onOpen={() => setOpen(open === a.id ? null : a.id)}
                    card={
                      open === a.id && td.breach ? (
                        <BreachCard
                          breach={td.breach}
                          steps={td.steps}
                          progress={{
                            ...progressOf(a.breachId),
                            notCustomer: notCustomerNow(progressOf(a.breachId), a.history?.verdict),
                          }}
                          historyNote={a.history && t(VERDICT_TEXT[a.history.verdict])}
                          expanded
                          onToggleStep={(breachId, stepId: StepId, done) =>
                            saveProgress(breachId, (p) => withTick(p, stepId, done))
                          }
                          onNotCustomer={(breachId, notCustomer) =>
                            saveProgress(breachId, (p) => ({ ...p, notCustomer, notCustomerChosen: true }))
                          }
                          t={t}
                          host={a.site}
                          now={now()}
                        />
                      ) : null
                    }
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
                );
              })}
            </ul>
          )}
          {ordered.length > pages * PAGE_SIZE && (
            <button class="more" data-testid="show-more" onClick={() => setPages(pages + 1)}>
              {t('alertsShowMore', [
                Math.min(PAGE_SIZE, ordered.length - pages * PAGE_SIZE),
                ordered.length - pages * PAGE_SIZE,
              ])}
            </button>
          )}
        </>
      )}
    </>
  );
}

/** "Debenhams Flowers (card details and password)": a breach that needs action, and why. */
function urgentText(td: AlertTodo, t: Translate): string {
  const nouns = verdictOf({ dataClasses: td.urgent }).taken.map((n) => t(`noun_${n}` as MessageKey));
  return `${td.breach?.organisation ?? td.alert.title ?? td.alert.site} (${nouns.join(', ')})`;
}
