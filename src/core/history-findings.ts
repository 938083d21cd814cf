import { lookupWebHost, type BreachIndex, type Indexable } from './breach-index';
import { breachSiteFor } from './breach-site';
import type { Dated } from './breach-urgency';
import { historyVerdict, type HistoryVerdict, type SiteHistory } from './history-verdict';
import { webHostOf } from './web-host';

// The pure part of the history check (issue #13): history entries → breached sites, each with the pages of it
// the history holds, then each (site, breach) with its verdict. The worker reads the history and the visits;
// everything here runs in Node tests as it runs in the browser.

/** The fields of a browser history entry this uses (history.HistoryItem). */
export interface HistoryEntry {
  url?: string | undefined;
  lastVisitTime?: number | undefined;
  visitCount?: number | undefined;
}

/** One breached site found in the history: its breaches and the history's pages of it. */
export interface SiteInHistory<B> {
  site: string;
  breaches: B[];
  /** The pages of the site, to read their visits (first visit) from. */
  urls: string[];
  /** From the entries alone: the latest visit and the visit count (first visits need the visits). */
  lastVisit: number;
  visits: number;
  /** The earliest last-visit among its pages: the first visit is no later than this. */
  earliestLastVisit: number;
}

/** The most characters of a URL looked at: longer ones are still looked up by their host, never by the rest. */
const MAX_URL = 4096;

/**
 * Groups history entries by the breached site they belong to. Each distinct host is looked up once; entries that
 * are not web pages (chrome:, file:, data:), IP addresses, public suffixes and malformed URLs are skipped, never
 * an error.
 */
export function sitesInHistory<B extends Indexable>(
  entries: Iterable<HistoryEntry>,
  index: BreachIndex<B>,
): { sites: SiteInHistory<B>[]; hosts: number; oldest: number | undefined } {
  const byHost = new Map<string, HistoryEntry[]>();
  let oldest: number | undefined;
  for (const e of entries) {
    if (typeof e.url !== 'string') continue;
    if (typeof e.lastVisitTime === 'number' && Number.isFinite(e.lastVisitTime))
      oldest = oldest === undefined ? e.lastVisitTime : Math.min(oldest, e.lastVisitTime);
    const parsed = webHostOf(e.url.length > MAX_URL ? cutAfterHost(e.url) : e.url);
    if (!parsed.ok) continue;
    const list = byHost.get(parsed.host);
    if (list) list.push(e);
    else byHost.set(parsed.host, [e]);
  }
  const bySite = new Map<string, SiteInHistory<B>>();
  for (const [host, list] of byHost) {
    const found = lookupWebHost(index, { ok: true, host });
    if (found.status !== 'ok' || found.breaches.length === 0) continue;
    const sitesOfHost = new Set<string>();
    for (const breach of found.breaches) {
      const site = breachSiteFor(breach.domains, host);
      let s = bySite.get(site);
      if (!s) {
        s = { site, breaches: [], urls: [], lastVisit: 0, visits: 0, earliestLastVisit: Infinity };
        bySite.set(site, s);
      }
      if (!s.breaches.includes(breach)) s.breaches.push(breach);
      sitesOfHost.add(site);
    }
    // A host's pages count once for each site it belongs to (usually one), however many breaches it has.
    for (const site of sitesOfHost) {
      const s = bySite.get(site)!;
      for (const e of list) {
        s.urls.push(e.url!);
        const last = typeof e.lastVisitTime === 'number' && Number.isFinite(e.lastVisitTime) ? e.lastVisitTime : 0;
        s.lastVisit = Math.max(s.lastVisit, last);
        if (last > 0) s.earliestLastVisit = Math.min(s.earliestLastVisit, last);
        s.visits += typeof e.visitCount === 'number' && e.visitCount > 0 ? Math.floor(e.visitCount) : 1;
      }
    }
  }
  return { sites: [...bySite.values()], hosts: byHost.size, oldest };
}

/** The scheme and authority of a very long URL (its host is all that is looked up). */
function cutAfterHost(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url.slice(0, MAX_URL));
  return m ? m[0] : '';
}

/** One (site, breach) the history check found, with what the history says and the verdict. */
export interface HistoryFinding<B> {
  site: string;
  breach: B;
  history: SiteHistory;
  verdict: HistoryVerdict;
}

/**
 * The findings of sites whose first visit is known (from the visits of its pages, or the earliest last visit when
 * they could not be read): one per (site, breach), most concerning first.
 */
export function historyFindings<B extends Indexable & Dated>(
  sites: readonly SiteInHistory<B>[],
  firstVisitOf: (site: SiteInHistory<B>) => number | undefined,
  historyStart: number,
): HistoryFinding<B>[] {
  const findings: HistoryFinding<B>[] = [];
  for (const s of sites) {
    const firstVisit = Math.min(firstVisitOf(s) ?? Infinity, s.earliestLastVisit);
    if (!Number.isFinite(firstVisit)) continue; // no dated visit at all: nothing to say
    const history: SiteHistory = { firstVisit, lastVisit: Math.max(s.lastVisit, firstVisit), visits: s.visits };
    for (const breach of s.breaches)
      findings.push({ site: s.site, breach, history, verdict: historyVerdict(history, breach, historyStart) });
  }
  const rank: Record<HistoryVerdict, number> = {
    'before-breach': 0,
    'before-disclosure': 1,
    'history-short': 2,
    'after-disclosure': 3,
  };
  return findings.sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.site.localeCompare(b.site));
}
