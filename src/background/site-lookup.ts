import type { BreachSummary } from '../core/assemble-dataset';
import { lookupUrl } from '../core/breach-index';
import { loadBreachDetails, type BreachRef, type DetailReaders } from '../core/breach-details';
import type { AlertsOverview, SiteLookup } from '../shared/messages';
import type { Alert } from '../core/alert-bookkeeping';
import type { Progress } from '../shared/progress';
import type { DataInUse } from './data-updates';
import { isMuted } from '../core/alert-bookkeeping';
import { decideRegion, type BrowserRegionSignals } from '../core/help-region';
import { breachSiteFor } from '../core/breach-site';
import { contactsFor } from '../core/help-contacts';
import type { RegionContacts } from '../core/protective-steps';
import type { Settings } from '../shared/storage';

// Feature: the popup's lookup. The popup asks the worker instead of loading an index of its own, so it shows
// exactly what the tab was badged with, and its start-up reads no file that grows with the data (issue #15).
// The answer carries the details of the breaches found: the worker reads them (one small file each) when a tab
// arrives on a breached site, long before the person opens the popup, and keeps the last few.

/** Where a breach's details are: downloaded HIBP entries in storage, the rest in the package. */
export function refOf(breach: BreachSummary, data: DataInUse): BreachRef {
  const from = data.source === 'updated' && breach.origin === 'hibp' ? 'download' : 'bundled';
  return { id: breach.id, title: breach.title, from };
}

/** Looks a URL up in the data in use, without details. */
export function lookupRefs(
  data: DataInUse,
  url: string,
): Omit<SiteLookup, 'details' | 'progress' | 'region' | 'regionDecision' | 'contacts' | 'muted' | 'recordSensitive'> {
  const found = lookupUrl(data.index, url);
  return {
    lookup: found.status === 'ok' ? { ...found, breaches: found.breaches.map((b) => refOf(b, data)) } : found,
    dataDate: data.dataDate,
    counts: data.counts,
    ...(data.fetchedAt !== undefined ? { fetchedAt: data.fetchedAt } : {}),
  };
}

/** Looks a URL up in the data in use and reads the details and the person's ticks of the breaches found. */
export async function lookupSite(
  data: DataInUse,
  url: string,
  readers: DetailReaders,
  progressOf: (breachId: string) => Promise<Progress>,
  settings: () => Promise<Settings>,
  /** The browser's languages and time zone, read where the worker runs (the popup's are the same browser's). */
  signals: BrowserRegionSignals = { languages: [] },
  /** Every region's help contacts (data/help): the answer carries the ones its breaches need. */
  regions: Readonly<Record<string, RegionContacts>> = {},
): Promise<SiteLookup> {
  const found = lookupRefs(data, url);
  const refs = found.lookup.status === 'ok' ? found.lookup.breaches : [];
  const [details, progress, s] = await Promise.all([
    loadBreachDetails(refs, readers),
    Promise.all(refs.map(async (r) => [r.id, await progressOf(r.id)] as const)),
    settings(),
  ]);
  const host = found.lookup.status === 'ok' ? found.lookup.host : '';
  const sites = new Set(details.breaches.map((b) => breachSiteFor(b.domains, host)));
  const regionDecision = decideRegion({ stored: s.region, ...signals, breachCountry: details.breaches[0]?.country });
  return {
    ...found,
    details,
    progress: Object.fromEntries(progress),
    region: s.region,
    regionDecision,
    contacts: contactsFor(
      regions,
      regionDecision.code,
      details.breaches.map((b) => b.country),
    ),
    muted: [...sites].filter((site) => isMuted(site, s.mutedSites)),
    recordSensitive: s.recordSensitive,
  };
}

/**
 * Remembers the last `size` reads of `read` by key, so that a breach read when its site was badged is at hand
 * when the popup asks. A failed read is forgotten, so the next ask tries again.
 */
export function rememberLast<T>(read: (key: string) => Promise<T>, size = 32): (key: string) => Promise<T> {
  const kept = new Map<string, Promise<T>>();
  return (key) => {
    const hit = kept.get(key);
    if (hit) {
      kept.delete(key); // most recent last
      kept.set(key, hit);
      return hit;
    }
    const value = read(key);
    kept.set(key, value);
    value.catch(() => kept.delete(key));
    if (kept.size > size) kept.delete(kept.keys().next().value!);
    return value;
  };
}

/**
 * The alerts page's overview: every alert, the details of its breach where the data in use still has it (found
 * through the alert's site, as a visit finds it), each breach's progress, and the settings the page shows.
 */
export async function alertsOverview(
  data: DataInUse,
  { alerts, setAside }: { alerts: Alert[]; setAside: number },
  readers: DetailReaders,
  progressOf: (breachId: string) => Promise<Progress>,
  settings: Settings,
  signals: BrowserRegionSignals,
): Promise<AlertsOverview> {
  const refs = new Map<string, BreachRef>();
  for (const site of new Set(alerts.map((a) => a.site)))
    for (const b of data.index.find(site)) if (!refs.has(b.id)) refs.set(b.id, refOf(b, data));
  const wanted = [...new Set(alerts.map((a) => a.breachId))].filter((id) => refs.has(id));
  const [details, progress] = await Promise.all([
    loadBreachDetails(
      wanted.map((id) => refs.get(id)!),
      readers,
    ),
    Promise.all(wanted.map(async (id) => [id, await progressOf(id)] as const)),
  ]);
  return {
    alerts,
    breaches: details.breaches,
    progress: Object.fromEntries(progress),
    mutedSites: settings.mutedSites,
    regionDecision: decideRegion({ stored: settings.region, ...signals, breachCountry: undefined }),
    dataDate: data.dataDate,
    setAside,
  };
}
