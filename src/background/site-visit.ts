import { alertId, isMuted, mayAlert, mayRecord, type VisitedBreach } from '../core/alert-bookkeeping';
import { breachAlarm } from '../core/breach-urgency';
import { lookupUrl, type BreachIndex } from '../core/breach-index';
import { breachSiteFor } from '../core/breach-site';
import type { Translate } from '../shared/i18n';
import type { Store } from '../shared/storage';
import { recordSiteVisit, type AlertRecorderDeps } from './alert-recorder';
import { setTabBadge, type ActionApi } from './tab-badge';

// Feature: a tab arrives at a URL → look it up, record the visit as alerts, badge the tab.

/** What the worker's index holds of a breach. */
export type IndexedBreach = VisitedBreach & { domains: readonly string[] };

export interface SiteVisitDeps<B extends IndexedBreach = IndexedBreach> extends AlertRecorderDeps {
  index: BreachIndex<B>;
  action: ActionApi;
  t: Translate;
  store: Store;
}

/** Groups the matched breaches by the breached domain the person is on. */
function bySite(host: string, breaches: readonly IndexedBreach[]): Map<string, IndexedBreach[]> {
  const groups = new Map<string, IndexedBreach[]>();
  for (const b of breaches) {
    const site = breachSiteFor(b.domains, host);
    groups.set(site, [...(groups.get(site) ?? []), b]);
  }
  return groups;
}

/**
 * Handles a tab showing `url`. With `countVisit` (a navigation, not a reload or re-badge) the visit is
 * recorded; otherwise the alerts are only read, to choose the badge colour. Either way only breaches that
 * may raise an alert (not paused, site not muted, within the age window) can make the badge alert-coloured.
 * A private (incognito) tab is badged like any other, but nothing about it is recorded or notified.
 */
export async function handleTabUrl<B extends IndexedBreach>(
  deps: SiteVisitDeps<B>,
  tabId: number,
  url: string | undefined,
  visit: boolean,
  incognito = false,
) {
  const countVisit = visit && !incognito;
  const result = url ? lookupUrl(deps.index, url) : null;
  let anyNew = false;
  let allMuted = false;
  const visits: (() => Promise<unknown>)[] = [];
  if (result?.status === 'ok' && result.breaches.length > 0) {
    const settings = await deps.store.getSettings();
    const now = deps.now();
    const groups = bySite(result.host, result.breaches);
    allMuted = [...groups.keys()].every((site) => isMuted(site, settings.mutedSites));
    for (const [site, all] of groups) {
      // Only a breach made public within the last few years can make the badge alarm (breach-urgency.ts).
      const alertable = all.filter((b) => mayAlert(site, b, settings, now));
      const breaches = alertable.filter((b) => mayRecord(b, settings));
      const alarming = new Set(alertable.filter((b) => breachAlarm(b, now) === 'recent').map((b) => b.id));
      // The badge needs only each alert's state, which recording a visit never changes (a new alert starts 'new',
      // as a missing one counts below), so it is read, and the visit is recorded after the badge is set instead of
      // before it: the badge does not wait for a storage write. A read that fails counts as no alert.
      const alerts = await Promise.all(breaches.map((b) => deps.store.getAlert(alertId(site, b.id)))).catch(() =>
        breaches.map(() => undefined),
      );
      if (countVisit) visits.push(() => recordSiteVisit(deps, site, breaches, settings));
      // No stored alert (a private tab, a visit storage had no room for, a cleared history, a sensitive breach
      // that is never stored) is one not yet reviewed: the badge says so, as it did when the visit was badged.
      anyNew ||= breaches.some((b, i) => alarming.has(b.id) && (alerts[i]?.state ?? 'new') === 'new');
      anyNew ||= alertable.some((b) => alarming.has(b.id) && !mayRecord(b, settings));
    }
  }
  try {
    await setTabBadge(deps.action, deps.t, tabId, result, allMuted ? 'muted' : anyNew ? 'alert' : 'calm');
  } finally {
    // Recorded even when the badge could not be set (a tab the browser replaced or closed meanwhile), one site
    // after another; a visit storage has no room for is not recorded (the badge already says what it should).
    for (const record of visits) await record().catch((e: unknown) => console.warn('recording the visit failed', e));
  }
  return result;
}
