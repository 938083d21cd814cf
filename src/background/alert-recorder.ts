import { alertId, recordVisit, type Alert, type VisitedBreach } from '../core/alert-bookkeeping';
import type { Settings } from '../shared/storage';
import type { Store } from '../shared/storage';

// Feature: every visit to a site with a known breach is remembered as one alert per breach.

/** The parts of browser.notifications this feature uses; absent when the permission is not granted. */
export interface Notifier {
  notify(alert: Alert, breachTitle: string): Promise<void>;
}

export interface AlertRecorderDeps {
  store: Store;
  now: () => number;
  notifier?: () => Promise<Notifier | undefined>;
}

/** How one alert changes: recordVisit for a visit, recordReport for a breach a data update brought. */
export type AlertRule = typeof recordVisit;

/** Records a visit to `site` for each breach (already filtered by shouldAlert); see recordAlerts. */
export function recordSiteVisit(
  deps: AlertRecorderDeps,
  site: string,
  breaches: readonly VisitedBreach[],
  settings: Settings,
): Promise<Alert[]> {
  return recordAlerts(deps, site, breaches, settings, recordVisit);
}

/**
 * Applies `rule` to the alert of `site` for each breach and returns the alerts as they now are. Shows a
 * notification the first time a breach raises an alert, if enabled.
 */
export async function recordAlerts(
  deps: AlertRecorderDeps,
  site: string,
  breaches: readonly VisitedBreach[],
  settings: Settings,
  rule: AlertRule,
): Promise<Alert[]> {
  const now = deps.now();
  const results: Alert[] = [];
  for (const breach of breaches) {
    let created = false;
    const alert = await deps.store.updateAlert(alertId(site, breach.id), (existing) => {
      created = !existing;
      return rule(existing, site, breach, now);
    });
    if (!alert) continue;
    results.push(alert);
    if (created && settings.notifications && !breach.sensitive) {
      const alreadyNotified = (await deps.store.listAlerts()).some((a) => a.breachId === breach.id && a.notified);
      const notifier = alreadyNotified ? undefined : await deps.notifier?.();
      if (notifier) {
        await notifier.notify(alert, breach.title);
        results[results.length - 1] = (await deps.store.updateAlert(alert.id, (a) => a && { ...a, notified: true }))!;
      }
    }
  }
  return results;
}
