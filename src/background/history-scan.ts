import { alertId, isMuted, mayAlert, mayRecord, recordHistory, withoutHistory } from '../core/alert-bookkeeping';
import type { BreachIndex } from '../core/breach-index';
import type { BreachSummary } from '../core/assemble-dataset';
import { lookupUrl } from '../core/breach-index';
import { breachSiteFor } from '../core/breach-site';
import {
  historyFindings,
  sitesInHistory,
  type HistoryEntry,
  type HistoryFinding,
  type SiteInHistory,
} from '../core/history-findings';
import type { HistoryFindingView, HistoryProgress, HistoryScanResult, SiteHistoryAnswer } from '../shared/messages';
import type { Settings, Store } from '../shared/storage';

// Feature: "Check the sites I have already used" (issue #13). The worker reads the browser's history on the
// device, looks every host up in the index it badges with, reads the visits of the breached sites' pages only, and
// stores one alert per (site, breach) with the first and last visit and the count: never the history itself.
// Nothing here makes a request.

/** The parts of browser.history this uses; present only while the optional permission is granted. */
export interface HistoryApi {
  search(query: { text: string; startTime: number; endTime?: number; maxResults: number }): Promise<HistoryEntry[]>;
  getVisits(details: { url: string }): Promise<{ visitTime?: number | undefined }[]>;
}

export interface HistoryScanDeps {
  /** browser.history, or undefined when the permission is not granted. */
  history: () => HistoryApi | undefined;
  granted: () => Promise<boolean>;
  index: () => BreachIndex<BreachSummary>;
  store: Store;
  now: () => number;
}

/** Entries read per history.search call: the history is read newest first, page by page. */
const PAGE = 10_000;
/** The most entries read at all: far beyond Chrome's 90 days for nearly everyone, and a bound on memory. */
const MAX_ENTRIES = 1_000_000;
/** Pages of one site whose visits are read for its first visit: those last visited longest ago. */
const MAX_PAGES_PER_SITE = 200;
/** history.getVisits calls in flight at once. */
const CONCURRENCY = 48;

export class HistoryWithdrawnError extends Error {}

/** Every history entry, newest first, read in pages by last-visit time (history.search caps each answer). */
export async function readWholeHistory(api: HistoryApi, now: number): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  const seen = new Set<string>();
  let end = now + 1;
  while (out.length < MAX_ENTRIES) {
    const batch = await api.search({ text: '', startTime: 0, endTime: end, maxResults: PAGE });
    let added = 0;
    let oldest = end;
    for (const e of batch) {
      if (typeof e.url !== 'string' || seen.has(e.url)) continue;
      seen.add(e.url);
      out.push(e);
      added++;
      if (typeof e.lastVisitTime === 'number' && e.lastVisitTime < oldest) oldest = e.lastVisitTime;
    }
    // A short page is the last; a page of nothing new (all at one instant) would otherwise repeat for ever.
    if (batch.length < PAGE || added === 0) break;
    end = oldest + 1;
  }
  return out;
}

/** The earliest visit to any of the site's pages (those last visited longest ago), from history.getVisits. */
async function firstVisits(
  api: HistoryApi,
  sites: readonly SiteInHistory<BreachSummary>[],
  onSite: () => void,
  stopped: () => boolean,
): Promise<Map<string, number>> {
  const first = new Map<string, number>();
  const queue = sites.map((s) => s);
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      if (stopped()) throw new HistoryWithdrawnError();
      // The entries came newest first: the last ones are the pages last visited longest ago.
      for (const url of s.urls.slice(-MAX_PAGES_PER_SITE)) {
        const visits = await api.getVisits({ url }).catch(() => []);
        for (const v of visits)
          if (typeof v.visitTime === 'number' && Number.isFinite(v.visitTime) && v.visitTime > 0)
            first.set(s.site, Math.min(first.get(s.site) ?? Infinity, v.visitTime));
      }
      onSite();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return first;
}

/** Why a finding raised no alert: the same rules a visit follows (alert-bookkeeping.ts). */
function alertOutcome(f: HistoryFinding<BreachSummary>, settings: Settings, now: number): HistoryFindingView['alert'] {
  if (settings.paused) return 'paused';
  if (isMuted(f.site, settings.mutedSites)) return 'muted';
  if (!mayRecord(f.breach, settings)) return 'sensitive';
  return mayAlert(f.site, f.breach, settings, now) ? 'stored' : 'outside-window';
}

const view = (f: HistoryFinding<BreachSummary>, alert: HistoryFindingView['alert']): HistoryFindingView => ({
  site: f.site,
  breachId: f.breach.id,
  title: f.breach.title,
  breachDate: f.breach.breachDate,
  ...(f.breach.knownSince ? { knownSince: f.breach.knownSince } : {}),
  history: f.history,
  verdict: f.verdict,
  alert,
});

export function createHistoryScanner(deps: HistoryScanDeps) {
  let progress: HistoryProgress = { phase: 'idle', checked: 0, total: 0 };
  let running: Promise<HistoryScanResult> | undefined;
  let withdrawn = false;

  async function scan(): Promise<HistoryScanResult> {
    withdrawn = false;
    progress = { phase: 'reading', checked: 0, total: 0 };
    const api = deps.history();
    if (!api || !(await deps.granted())) throw new HistoryWithdrawnError();
    const now = deps.now();
    const entries = await readWholeHistory(api, now);
    const { sites, hosts, oldest } = sitesInHistory(entries, deps.index());
    // Hosts with no breach are checked by the lookup itself; the breached sites' visits are the slow part.
    progress = { phase: 'checking', checked: hosts - sites.length, total: hosts };
    const first = await firstVisits(
      api,
      sites,
      () => {
        progress = { ...progress, checked: progress.checked + 1 };
      },
      () => withdrawn,
    );
    const historyStart = Math.min(oldest ?? now, ...first.values());
    const findings = historyFindings(sites, (s) => first.get(s.site), historyStart);
    progress = { ...progress, phase: 'saving' };
    // Nothing is stored unless the permission is still there at the end: all of the findings or none.
    if (withdrawn || !(await deps.granted())) throw new HistoryWithdrawnError();
    const settings = await deps.store.getSettings();
    const outcomes = findings.map((f) => alertOutcome(f, settings, now));
    const toStore = findings.filter((_, i) => outcomes[i] === 'stored');
    const byId = new Map(toStore.map((f) => [alertId(f.site, f.breach.id), f]));
    await deps.store.updateAlerts([...byId.keys()], (existing, id) => {
      const f = byId.get(id)!;
      return recordHistory(existing, f.site, f.breach, { ...f.history, verdict: f.verdict, checkedAt: now });
    });
    progress = { phase: 'done', checked: hosts, total: hosts };
    return {
      checkedAt: now,
      entries: entries.length,
      hosts,
      ...(entries.length ? { historyStart } : {}),
      findings: findings.map((f, i) => view(f, outcomes[i]!)),
    };
  }

  return {
    /** Runs the check, or joins the one running: one scan at a time, each alert stored once. */
    scan(): Promise<HistoryScanResult> {
      running ??= scan()
        .catch((e: unknown) => {
          progress = { phase: 'failed', checked: progress.checked, total: progress.total };
          throw e;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    progress: () => progress,
    /** The permission went (or the person stopped): a running scan stores nothing. */
    withdraw() {
      withdrawn = true;
    },

    /** What the history says of the site at `url`, for the popup's line on each breach card. */
    async site(url: string, settings: Settings): Promise<SiteHistoryAnswer> {
      const api = deps.history();
      const granted = Boolean(api) && (await deps.granted());
      if (!settings.useHistory || !granted || !api) return { use: settings.useHistory, granted, findings: [] };
      const found = lookupUrl(deps.index(), url);
      if (found.status !== 'ok' || found.breaches.length === 0) return { use: true, granted, findings: [] };
      const sitesHere = new Set(found.breaches.map((b) => breachSiteFor(b.domains, found.host)));
      const entries = (
        await Promise.all(
          [...sitesHere].map((site) => api.search({ text: site, startTime: 0, maxResults: PAGE }).catch(() => [])),
        )
      ).flat();
      const { sites } = sitesInHistory(entries, deps.index());
      const mine = sites
        .filter((s) => sitesHere.has(s.site))
        .map((s) => ({ ...s, breaches: s.breaches.filter((b) => found.breaches.includes(b)) }));
      const first = await firstVisits(
        api,
        mine,
        () => undefined,
        () => false,
      );
      // Whether the history reaches back before the earliest of these breaches: one entry older than it says so.
      const earliest = found.breaches.map((b) => b.breachDate).sort()[0]!;
      const older = await api
        .search({ text: '', startTime: 0, endTime: Date.parse(earliest.padEnd(10, '-01').slice(0, 10)), maxResults: 1 })
        .catch(() => []);
      const now = deps.now();
      const historyStart = Math.min(older[0]?.lastVisitTime ?? now, ...first.values());
      const findings = historyFindings(mine, (s) => first.get(s.site), historyStart);
      return { use: true, granted, findings: findings.map((f) => view(f, 'stored')) };
    },

    /** "Stop using my history": the visit dates go from every alert; the alerts stay. Returns how many changed. */
    async forget(): Promise<number> {
      withdrawn = true;
      const ids = (await deps.store.listAlerts()).filter((a) => a.history).map((a) => a.id);
      const changed = await deps.store.updateAlerts(ids, (a) => a && withoutHistory(a));
      return changed.length;
    },
  };
}

export type HistoryScanner = ReturnType<typeof createHistoryScanner>;
