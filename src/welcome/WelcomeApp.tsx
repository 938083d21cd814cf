import { formatLocalDay } from '../core/format-date';
import { useEffect, useRef, useState } from 'preact/hooks';
import { mayBeAffected } from '../core/history-verdict';
import type { MessageKey, Translate } from '../shared/i18n';
import type { HistoryFindingView, HistoryProgress, HistoryScanResult, Request } from '../shared/messages';
import { historyStoppedText, historyVisitsText, VERDICT_TEXT } from '../shared/history-text';
import { RegionSelect } from '../shared/RegionSelect';
import type { send as sendMessage } from '../shared/send-message';
import type { Settings } from '../shared/storage';

export interface WelcomeAppProps {
  send: typeof sendMessage;
  t: Translate;
  /** Asks for the optional `history` permission: must be called in the click itself. */
  requestHistory: () => Promise<boolean>;
  hasHistory: () => Promise<boolean>;
  alertsUrl: string;
  optionsUrl: string;
  /** Opened as "Check my history again" (#check): the check comes first. */
  focusCheck?: boolean;
}

const ALERT_TEXT: Record<HistoryFindingView['alert'], MessageKey> = {
  stored: 'historyAlertStored',
  'outside-window': 'historyAlertOutside',
  muted: 'historyAlertMuted',
  paused: 'historyAlertPaused',
  sensitive: 'historyAlertSensitive',
};

/** How often the page asks the worker how far the check is. */
const PROGRESS_EVERY_MS = 150;

type Check =
  | { state: 'idle' }
  | { state: 'running'; progress: HistoryProgress }
  | { state: 'done'; result: HistoryScanResult }
  | { state: 'failed'; message: string };

/** The welcome page's one state owner: the two settings and the history check, through the worker. */
export function WelcomeApp({
  send,
  t,
  requestHistory,
  hasHistory,
  alertsUrl,
  optionsUrl,
  focusCheck,
}: WelcomeAppProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [granted, setGranted] = useState(false);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const checkRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void send('settings/get', {}).then(setSettings);
    void hasHistory().then(setGranted);
  }, []);
  useEffect(() => {
    if (settings && focusCheck) checkRef.current?.querySelector('button')?.focus();
  }, [settings !== null]);

  const save = async (change: Request<'settings/update'>) => {
    try {
      setSettings(await send('settings/update', change));
      setStatus({ text: t('welcomeSaved') });
    } catch (e) {
      setStatus({ text: t('alertsActionFailed', [(e as Error).message]), error: true });
    }
  };

  const runCheck = async () => {
    // First, in the click itself: the browser shows its permission prompt only in answer to a gesture.
    const ok = await requestHistory().catch(() => false);
    if (!ok) {
      setCheck({ state: 'failed', message: t('historyDenied') });
      return;
    }
    setGranted(true);
    setStatus(null);
    setCheck({ state: 'running', progress: { phase: 'reading', checked: 0, total: 0 } });
    let finished = false;
    const poll = async () => {
      while (!finished) {
        await new Promise((r) => setTimeout(r, PROGRESS_EVERY_MS));
        const progress = await send('history/progress', {}).catch(() => undefined);
        if (!finished && progress) setCheck({ state: 'running', progress });
      }
    };
    void poll();
    try {
      const result = await send('history/scan', {});
      finished = true;
      setCheck({ state: 'done', result });
      setSettings(await send('settings/get', {}));
    } catch (e) {
      finished = true;
      setCheck({ state: 'failed', message: t('historyFailed', [(e as Error).message]) });
    }
  };

  const stop = async () => {
    try {
      const stopped = await send('history/stop', {});
      setGranted(await hasHistory());
      setSettings(await send('settings/get', {}));
      setCheck({ state: 'idle' });
      setStatus({ text: historyStoppedText(stopped, t) });
    } catch (e) {
      setStatus({ text: t('alertsActionFailed', [(e as Error).message]), error: true });
    }
  };

  if (!settings) return null;
  const inUse = settings.useHistory && granted;
  return (
    <>
      <h1>{t('welcomeTitle')}</h1>
      <div class="welcome-lines">
        <p>{t('welcomeLine1')}</p>
        <p>{t('welcomeLine2')}</p>
        <p>{t('welcomeLine3')}</p>
      </div>

      <section class="history-check" id="check" ref={checkRef} aria-labelledby="history-heading">
        <h2 id="history-heading">{t('historyHeading')}</h2>
        <p>{t('historyIntro')}</p>
        <p>{t('historyKept')}</p>
        <p>
          <button class="primary" onClick={runCheck} disabled={check.state === 'running'} data-testid="history-check">
            {t(inUse || check.state === 'done' ? 'historyCheckAgain' : 'historyCheckButton')}
          </button>
        </p>
        {check.state === 'running' && <CheckProgress progress={check.progress} t={t} />}
        {check.state === 'failed' && (
          <p class="status status--error" role="alert" data-testid="history-error">
            {check.message}
          </p>
        )}
        {check.state === 'done' && <Results result={check.result} t={t} alertsUrl={alertsUrl} />}
        {inUse && (
          <p>
            {t('historyInUse')}{' '}
            <button onClick={stop} data-testid="history-stop">
              {t('historyStop')}
            </button>
          </p>
        )}
      </section>

      <h2>{t('welcomeSettingsHeading')}</h2>
      <p>
        <label>
          <input
            type="checkbox"
            checked={settings.updates}
            onChange={(e) => save({ updates: e.currentTarget.checked })}
          />{' '}
          {t('welcomeUpdates')}
        </label>
      </p>
      <p>
        <label>
          {t('welcomeRegion')} <RegionSelect region={settings.region} onChange={(region) => save({ region })} t={t} />
        </label>
      </p>
      <p class={status?.error ? 'status status--error' : 'status'} role="status" data-testid="status">
        {status?.text ?? ''}
      </p>
      <p>
        <a href={alertsUrl}>{t('historyOpenAlerts')}</a> · <a href={optionsUrl}>{t('welcomeMore')}</a>
      </p>
    </>
  );
}

function CheckProgress({ progress, t }: { progress: HistoryProgress; t: Translate }) {
  const text =
    progress.phase === 'checking'
      ? t('historyProgress', [progress.checked, progress.total])
      : progress.phase === 'saving'
        ? t('historySaving')
        : t('historyReading');
  return (
    <div class="history-progress" data-testid="history-progress">
      <progress
        aria-label={t('historyProgressLabel')}
        {...(progress.phase === 'checking' ? { value: progress.checked, max: progress.total || 1 } : {})}
      />
      <p role="status">{text}</p>
    </div>
  );
}

function Results({ result, t, alertsUrl }: { result: HistoryScanResult; t: Translate; alertsUrl: string }) {
  const sites = new Set(result.findings.map((f) => f.site)).size;
  const affected = result.findings.filter((f) => mayBeAffected(f.verdict)).length;
  return (
    <div data-testid="history-results">
      <h3 role="status">
        {result.entries === 0
          ? t('historyEmpty')
          : sites === 0
            ? t('historyNone', [result.hosts])
            : t('historySummary', [sites, affected])}
      </h3>
      {result.historyStart !== undefined && (
        <p class="note">{t('historyStartNote', [formatLocalDay(result.historyStart, 'long')])}</p>
      )}
      {result.findings.length > 0 && (
        <>
          <ul class="findings" aria-label={t('historyResultsHeading')}>
            {result.findings.map((f) => (
              <li
                key={`${f.site}|${f.breachId}`}
                class={`finding${mayBeAffected(f.verdict) ? ' finding--affected' : ''}`}
                data-finding={`${f.site}|${f.breachId}`}
                data-verdict={f.verdict}
              >
                <strong>{f.site}</strong> · {f.title} ({f.breachDate.slice(0, 4)})
                <br />
                <span class="finding-verdict">{t(VERDICT_TEXT[f.verdict])}</span>
                <br />
                <span class="finding-meta">
                  {historyVisitsText(f.history, t)} · {t(ALERT_TEXT[f.alert])}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <a href={alertsUrl}>{t('historyOpenAlerts')}</a>
          </p>
        </>
      )}
    </div>
  );
}
