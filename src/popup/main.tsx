// Popup entry: finds which URL to show (?url=, the tab its address names, or the active tab), reads the answer the
// worker prepared for that tab or asks the worker for it, renders.
import { render } from 'preact';
import { browser } from '../shared/page-browser';
import type { RegionCode } from '../core/help-region';
import type { RegionContacts } from '../core/protective-steps';
import { translateWith } from '../shared/i18n';
import { send } from '../shared/send-message';
import { currentAnswer, readPrepared, tabOfPopup } from '../shared/prepared-answer';
import { clearVerdictIn } from './clear-verdict';
import type { SiteLookup } from '../shared/messages';
import { EMPTY_PROGRESS, type Progress, type ProgressStore } from '../shared/progress';
import { PopupApp } from './PopupApp';
import { PopupFailure } from './PopupFailure';
import { NoBreach, PopupHeader } from './PopupView';
import { adoptStyles } from '../shared/adopt-styles';
import popupCss from './popup.css?inline';
import pageCss from './popup-page.css?inline';

const translate = translateWith(browser.i18n);

/**
 * The page to show and, when the worker prepared it, its answer. From the toolbar the popup's address names the tab
 * (`?tab=ID`, set by the worker when it badged the tab): its address and its prepared answer are read side by side.
 * Opened with `?url=` (from the alerts page, for a page no tab needs to show) it asks the worker.
 */
async function target(
  fromQuery: string | null,
  named: number | undefined,
): Promise<{ url: string; ready: SiteLookup | undefined }> {
  if (fromQuery !== null) return { url: fromQuery, ready: undefined };
  if (named !== undefined) {
    const [tab, stored] = await Promise.all([
      browser.tabs.get(named).catch(() => undefined),
      readPrepared(browser.storage.session, named),
    ]);
    const url = tab?.url ?? '';
    return { url, ready: currentAnswer(stored, named, url) };
  }
  // The browser reset the tab's popup (a page load the worker has not handled yet), or it never set one.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const url = tab?.url ?? '';
  if (tab?.id === undefined) return { url, ready: undefined };
  return { url, ready: currentAnswer(await readPrepared(browser.storage.session, tab.id), tab.id, url) };
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const language = browser.i18n.getUILanguage();
  document.documentElement.lang = language;
  // The answer the worker prepared when it badged the tab (prepared-answer.ts), else one message that brings the
  // lookup, the breaches' details, their ticks and the chosen region: the popup loads no storage code and no data.
  const fromQuery = new URLSearchParams(location.search).get('url');
  const named = fromQuery === null ? tabOfPopup(location.search) : undefined;
  const reading = target(fromQuery, named);
  // The styles are parsed while the reads are in flight and are in force before the first render (adopt-styles.ts).
  adoptStyles(document, popupCss, pageCss);
  // No known breach: the worker put the verdict in the tab's popup address, so it is shown now, while the reads run;
  // the full view below draws the same verdict over it with the rest of the page, or what the tab shows instead.
  const early = named === undefined ? undefined : clearVerdictIn(location.search);
  if (early) {
    render(
      <>
        <PopupHeader t={translate} />
        <NoBreach {...early} t={translate} />
      </>,
      root,
    );
    root.dataset.early = 'clear';
    performance.mark('first-content');
  }
  const { url, ready } = await reading;
  root.dataset.answer = ready ? 'prepared' : 'asked';
  const found =
    ready ??
    (await send('lookup/url', {
      url,
      languages: [...navigator.languages, language],
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }).catch((e: unknown) => {
      render(<PopupFailure reason={(e as Error).message || String(e)} t={translate} />, root);
      throw e;
    }));
  // Ticks are stored by the worker; the popup keeps what it last stored to apply the next change to.
  const progress: Record<string, Progress> = { ...found.progress };
  const store: ProgressStore = {
    getProgress: async (id) => progress[id] ?? EMPTY_PROGRESS,
    updateProgress: async (id, change) =>
      (progress[id] = await send('progress/set', { breachId: id, progress: change(progress[id] ?? EMPTY_PROGRESS) })),
  };
  const details = found.details;
  const result =
    found.lookup.status === 'ok'
      ? { status: 'ok' as const, host: found.lookup.host, breaches: details.breaches }
      : found.lookup;
  // The answer carries the contacts its breaches need; the whole table (data/help, checked by the data-quality
  // test) loads only if the person picks another region.
  const regions = found.contacts;
  const decision = found.regionDecision;
  const links = {
    alerts: browser.runtime.getURL('src/alerts/index.html'),
    options: browser.runtime.getURL('src/options/index.html'),
    history: browser.runtime.getURL('src/welcome/index.html#check'),
  };
  render(
    <PopupApp
      result={result}
      failed={details.failed}
      dataset={found}
      region={regions[decision.code]!}
      regions={regions}
      loadRegions={async () =>
        (await import('@generated/help-contacts.json')).default as Record<RegionCode, RegionContacts>
      }
      regionDecision={decision}
      saveRegion={(region) => send('settings/update', { region })}
      store={store}
      initialProgress={found.progress}
      t={translate}
      markSeen={(ids) => send('alerts/seen', { ids })}
      markSeenOn={fromQuery !== null ? 'interaction' : 'open'}
      links={links}
      muted={found.muted}
      unmute={(site) => send('sites/unmute', { site })}
      recordSensitive={found.recordSensitive}
      historyOf={() => send('history/site', { url })}
    />,
    root,
  );
  if (!early) performance.mark('first-content');
}

void main();
