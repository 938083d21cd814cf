import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { RegionSelect } from '../shared/RegionSelect';
import { historyStoppedText } from '../shared/history-text';
import type { Translate } from '../shared/i18n';
import type { DataStatus, Request } from '../shared/messages';
import type { send as sendMessage } from '../shared/send-message';
import type { Settings } from '../shared/storage';
import { DataPanel } from './DataPanel';

export interface OptionsAppProps {
  send: typeof sendMessage;
  t: Translate;
  /** Asks for the optional notifications permission (must run in the click that turns them on). */
  requestNotifications: () => Promise<boolean>;
  /** Asks for access to haveibeenpwned.com again, after a person withdrew it (Firefox). */
  requestHostPermission?: () => Promise<boolean>;
  alertsUrl: string;
  /** The privacy policy shipped in the package (PRIVACY.md). */
  privacyUrl?: string;
  /** The welcome page's history check (#check), and whether the browser's history permission is granted. */
  historyCheckUrl?: string;
  hasHistory?: () => Promise<boolean>;
}

// 3 is the default (breach-urgency.ts RECENT_YEARS): the years in which a breach still raises the alarm.
const AGES = [null, 1, 2, 3, 5, 10] as const;

/** The options page's one state owner: the settings and the data status, saved through the worker. */
export function OptionsApp({
  send,
  t,
  requestNotifications,
  requestHostPermission,
  alertsUrl,
  privacyUrl,
  historyCheckUrl,
  hasHistory,
}: OptionsAppProps) {
  const [historyGranted, setHistoryGranted] = useState(false);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [data, setData] = useState<DataStatus | null>(null);
  const [checking, setChecking] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  // For npm run bench: when the settings and the data status are first in the document (at commit, as the popup's
  // and the bare page's marks are).
  const loaded = settings !== null && data !== null;
  useLayoutEffect(() => {
    if (loaded) performance.mark('first-content');
  }, [loaded]);
  useEffect(() => {
    void send('settings/get', {}).then(setSettings);
    void send('data/status', {}).then(setData);
    void hasHistory?.().then(setHistoryGranted);
  }, []);
  const stopHistory = async () => {
    try {
      const stopped = await send('history/stop', {});
      setSettings(await send('settings/get', {}));
      setHistoryGranted((await hasHistory?.()) ?? false);
      setStatus({ text: historyStoppedText(stopped, t) });
    } catch (e) {
      setStatus({ text: t('alertsActionFailed', [(e as Error).message]), error: true });
    }
  };

  const save = async (change: Request<'settings/update'>) => {
    try {
      setSettings(await send('settings/update', change));
      setStatus({ text: t('optionsSaved') });
    } catch (e) {
      setStatus({ text: t('alertsActionFailed', [(e as Error).message]), error: true });
    }
  };
  const toggleNotifications = async (on: boolean) => {
    if (on && !(await requestNotifications())) {
      setStatus({ text: t('optionsNotificationsDenied'), error: true });
      return;
    }
    await save({ notifications: on });
  };
  const unmute = async (site: string) => setSettings(await send('sites/unmute', { site }));
  const checkNow = async () => {
    setChecking(true);
    try {
      setData(await send('data/check-now', {}));
    } catch (e) {
      setStatus({ text: t('alertsActionFailed', [(e as Error).message]), error: true });
    } finally {
      setChecking(false);
    }
  };
  const toggleUpdates = async (on: boolean) => {
    await save({ updates: on });
    setData(await send('data/status', {}));
    // Switched on, the person expects fresh data now, not tomorrow.
    if (on) await checkNow();
  };

  const grantHost = async () => {
    if (await requestHostPermission?.()) await checkNow();
  };

  if (!settings || !data) return null;
  return (
    <>
      <h1>{t('optionsTitle')}</h1>
      <p>
        <a href={alertsUrl}>{t('optionsOpenAlerts')}</a>
      </p>
      <p class={status?.error ? 'status status--error' : 'status'} role="status" data-testid="status">
        {status?.text ?? ''}
      </p>

      <h2>{t('optionsAlerts')}</h2>
      <p>
        <label>
          <input
            type="checkbox"
            checked={settings.paused}
            onChange={(e) => save({ paused: e.currentTarget.checked })}
          />{' '}
          {t('optionsPaused')}
        </label>
      </p>
      <p>
        <label>
          <input
            type="checkbox"
            checked={settings.notifications}
            onChange={(e) => toggleNotifications(e.currentTarget.checked)}
          />{' '}
          {t('optionsNotifications')}
        </label>
      </p>
      <p>
        <label>
          {t('optionsMaxAge')}{' '}
          <select
            value={String(settings.maxAgeYears ?? '')}
            onChange={(e) => save({ maxAgeYears: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
          >
            {AGES.map((y) => (
              <option key={String(y)} value={String(y ?? '')}>
                {y === null ? t('optionsMaxAgeAll') : t('optionsMaxAgeYears', [y])}
              </option>
            ))}
          </select>
        </label>
        <br />
        <small>{t('optionsMaxAgeNote')}</small>
      </p>
      <p>
        <label>
          <input
            type="checkbox"
            checked={settings.recordSensitive}
            onChange={(e) => save({ recordSensitive: e.currentTarget.checked })}
          />{' '}
          {t('optionsSensitive')}
        </label>
        <br />
        <small>{t('optionsSensitiveNote')}</small>
      </p>

      {historyCheckUrl && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t('optionsHistory')}</h2>
          <p>{t(settings.useHistory && historyGranted ? 'historyInUse' : 'optionsHistoryOff')}</p>
          <p>
            <a href={historyCheckUrl} data-testid="history-again">
              {t(settings.useHistory ? 'historyCheckAgain' : 'historyCheckButton')}
            </a>{' '}
            {settings.useHistory && (
              <button onClick={stopHistory} data-testid="history-stop">
                {t('historyStop')}
              </button>
            )}
          </p>
        </section>
      )}

      <h2>{t('optionsMuted')}</h2>
      {settings.mutedSites.length === 0 ? (
        <p>{t('optionsMutedNone')}</p>
      ) : (
        <ul data-testid="muted">
          {settings.mutedSites.map((site) => (
            <li key={site}>
              {site} <button onClick={() => unmute(site)}>{t('optionsUnmute', [site])}</button>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('optionsRegion')}</h2>
      <RegionSelect region={settings.region} onChange={(region) => save({ region })} t={t} label={t('optionsRegion')} />

      <DataPanel
        status={data}
        updatesOn={settings.updates}
        t={t}
        checking={checking}
        onToggle={toggleUpdates}
        onCheckNow={checkNow}
        onGrantHost={grantHost}
      />
      <p>
        <a href="https://haveibeenpwned.com/" target="_blank" rel="noopener noreferrer">
          {t('optionsDataHibp')}
        </a>{' '}
        (
        <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener noreferrer">
          CC BY 4.0
        </a>
        )
      </p>
      <p>
        {t('optionsDataPrivacy')}{' '}
        {privacyUrl && (
          <a href={privacyUrl} target="_blank" rel="noopener" data-testid="privacy">
            {t('optionsPrivacyPolicy')}
          </a>
        )}
      </p>
    </>
  );
}
