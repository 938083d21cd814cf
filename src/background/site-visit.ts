import { alertId, shouldAlert, type VisitedBreach } from '../core/alert-bookkeeping';
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
  if (result?.status === 'ok' && result.breaches.length > 0) {
    const settings = await deps.store.getSettings();
    const now = deps.now();
    for (const [site, all] of bySite(result.host, result.breaches)) {
      const breaches = all.filter((b) => shouldAlert(site, b, settings, now));
      // A visit that cannot be recorded (storage full) still gets the badge the lookup calls for.
      const alerts = await (
        countVisit
          ? recordSiteVisit(deps, site, breaches, settings)
          : Promise.all(breaches.map((b) => deps.store.getAlert(alertId(site, b.id))))
      ).catch(() => breaches.map(() => ({ state: 'new' as const })));
      // No stored alert (a private tab, a visit storage had no room for, a cleared history) is one not yet
      // reviewed: the badge says so, as it did when the visit itself was badged.
      anyNew ||= alerts.some((a) => (a?.state ?? 'new') === 'new');
    }
  }
  await setTabBadge(deps.action, deps.t, tabId, result, anyNew ? 'alert' : 'calm');
  return result;
}
