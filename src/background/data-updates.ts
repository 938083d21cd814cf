import { recordReport, newlyReported, shouldAlert } from '../core/alert-bookkeeping';
import { summariseBreach, type BreachSummary, type DatasetSummary } from '../core/assemble-dataset';
import { buildBreachIndex, type BreachIndex } from '../core/breach-index';
import type { PasswordResources } from '../core/domain-families';
import { checkHibpUpdate } from '../core/hibp-update';
import type { SuffixRules } from '../core/suffix-rules';
import { describeBreaches, downloadIsCurrent, laterDate, withCurated } from '../core/merge-breaches';
import { breachSiteFor } from '../core/breach-site';
import { isCheckDue, recordCheck, type CheckOutcome, type UpdateState } from '../core/update-schedule';
import type { Store, UpdateSummary } from '../shared/storage';
import { recordAlerts, type AlertRecorderDeps } from './alert-recorder';
import { downloadBreachList, type Download } from './download-list';

// Feature: optional daily updates of the breach data. The worker downloads Have I Been Pwned's whole list,
// checks it as the build does, merges it with the bundled curated entries, and switches the index in use.
// Anything refused leaves the previous data in use and is recorded with its reason.

/** The data the worker looks sites up in: the bundled summary, or the summary of the last good download. */
export interface DataInUse {
  source: 'bundled' | 'updated';
  index: BreachIndex<BreachSummary>;
  dataDate: string;
  counts: DatasetSummary['counts'];
  /** When the list in use was downloaded (updated data only). */
  fetchedAt?: number;
}

export interface DataUpdateDeps extends AlertRecorderDeps {
  store: Store;
  fetch: typeof fetch;
  random: () => number;
  bundled: DatasetSummary;
  /** Apple's lists (family domains, change-password pages), applied to a download as the build applies them. */
  resources?: PasswordResources;
  /** Called with the new data once it is stored: the worker switches to it and re-badges its tabs. */
  use(data: DataInUse): Promise<void>;
  current(): DataInUse;
  /** Sets the alarm for the next automatic check. */
  schedule(at: number): Promise<void>;
  /** Whether the browser lets the extension contact the endpoint (Firefox lets people withdraw it). */
  hostPermission(): Promise<boolean>;
  /** Bytes free in storage, where the browser can tell (Chrome's storage.local holds 10 MB); else undefined. */
  freeBytes?: () => Promise<number | undefined>;
  /**
   * The ICANN public suffix rules shipped in the package, read only when a download is checked (they are not in
   * the worker's start-up code). Throws when they cannot be read; the download is then refused.
   */
  suffixRules?: () => Promise<SuffixRules>;
}

export function bundledData(bundled: DatasetSummary, index: BreachIndex<BreachSummary>): DataInUse {
  return { source: 'bundled', index, dataDate: bundled.dataDate, counts: bundled.counts };
}

/** The data in use after a start-up: the stored download if there is a good one, else the bundled data. */
export async function loadDataInUse(store: Store, bundled: DatasetSummary, fallback: DataInUse): Promise<DataInUse> {
  const stored = await store.getUpdateSummary();
  return stored && downloadIsCurrent(stored.hibpDate, bundled.hibpSnapshot) ? updatedData(stored, bundled) : fallback;
}

/**
 * The download merged with this build's curated entries. The merge is made here, on every load, and not
 * stored: an extension update may bring curated entries newer than the download.
 */
function updatedData(stored: UpdateSummary, bundled: DatasetSummary): DataInUse {
  const breaches = withCurated(bundled.breaches, stored.breaches);
  return {
    source: 'updated',
    index: buildBreachIndex(breaches, bundled.publicSuffixes),
    dataDate: laterDate(stored.hibpDate, bundled.curatedDataDate),
    counts: describeBreaches(breaches).counts,
    fetchedAt: stored.fetchedAt,
  };
}

/** Raises "a site you visited has reported a breach" alerts for breaches that are new in `next`. */
async function alertHistorySites(deps: DataUpdateDeps, previous: DataInUse, next: DataInUse): Promise<void> {
  const previousIds = new Set<string>();
  // HIBP sometimes renames an entry: the same domain and breach date under a new Name is not a new breach.
  const previousIncidents = new Set<string>();
  for (const d of previous.index.domains())
    for (const b of previous.index.find(d)) {
      previousIds.add(b.id);
      previousIncidents.add(`${d}|${b.breachDate}`);
    }
  const alerts = await deps.store.listAlerts();
  const settings = await deps.store.getSettings();
  const now = deps.now();
  const found = newlyReported(
    alerts.map((a) => a.site),
    (site) => next.index.find(site),
    previousIds,
  );
  for (const { site: historySite, breach } of found) {
    if (breach.domains.some((d) => previousIncidents.has(`${d}|${breach.breachDate}`))) continue;
    const site = breachSiteFor(breach.domains, historySite);
    if (shouldAlert(site, breach, settings, now)) await recordAlerts(deps, site, [breach], settings, recordReport);
  }
}

/** The reason recorded when the host permission was withdrawn; the options page offers to ask for it again. */
export const NO_PERMISSION = 'no permission to contact haveibeenpwned.com';

let running: Promise<UpdateState> | undefined;

/**
 * One check for a newer list. `manual` (the options page's "Check now") runs even when no check is due;
 * nothing at all is sent while updates are switched off. Concurrent calls share one check.
 */
export function checkForUpdate(deps: DataUpdateDeps, manual: boolean): Promise<UpdateState> {
  running ??= runCheck(deps, manual).finally(() => {
    running = undefined;
  });
  return running;
}

async function runCheck(deps: DataUpdateDeps, manual: boolean): Promise<UpdateState> {
  const [settings, state] = await Promise.all([deps.store.getSettings(), deps.store.getUpdateState()]);
  if (!settings.updates) return state;
  if (!manual && !isCheckDue(state, deps.now())) {
    // An alarm that fired early (or a second one): wait for the time the last check set.
    if (state.nextCheck !== undefined) await deps.schedule(state.nextCheck);
    return state;
  }
  // Whatever happens below (a full storage, an error nobody foresaw), a next check is set: updates must never
  // stop silently. The normal path sets the right time itself.
  try {
    return await checkOnce(deps);
  } catch (e) {
    const reason = `the check failed (${(e as Error).message || String(e)})`;
    const after = await deps.store
      .updateUpdateState((s) => recordCheck(s, 'failed', deps.now(), deps.random(), { reason }))
      .catch(() => recordCheck(state, 'failed', deps.now(), deps.random(), { reason }));
    if (after.nextCheck !== undefined) await deps.schedule(after.nextCheck);
    return after;
  }
}

/** The size a downloaded list takes once stored, in bytes (as JSON, which is how storage counts it). */
export function storedSize(summary: UpdateSummary, breaches: readonly unknown[]): number {
  return (
    new TextEncoder().encode(JSON.stringify(summary)).length + new TextEncoder().encode(JSON.stringify(breaches)).length
  );
}

async function checkOnce(deps: DataUpdateDeps): Promise<UpdateState> {
  const stored = await deps.store.getUpdateSummary();
  const download: Download = !(await deps.hostPermission())
    ? { kind: 'failed', reason: NO_PERMISSION }
    : await downloadBreachList(
        deps.fetch,
        stored ? { etag: stored.etag, lastModified: stored.lastModified } : {},
        deps.now(),
      );
  let outcome: CheckOutcome;
  let detail: { reason?: string; retryAfterMs?: number } = {};
  if (download.kind === 'not-modified') outcome = 'unchanged';
  else if (download.kind === 'failed') {
    outcome = download.rejected ? 'rejected' : 'failed';
    detail = download;
  } else {
    const previous = deps.current();
    let rules: SuffixRules | undefined;
    let rulesError: string | undefined;
    try {
      rules = await deps.suffixRules?.();
    } catch (e) {
      rulesError = `the public suffix rules could not be read (${(e as Error).message})`;
    }
    const checked: ReturnType<typeof checkHibpUpdate> = rulesError
      ? { ok: false, reason: rulesError }
      : checkHibpUpdate(download.body, previous.counts.hibp, {
          ...(rules ? { isPublicSuffix: rules.isPublicSuffix } : {}),
          ...(deps.resources ? { resources: deps.resources } : {}),
          publicSuffixes: new Set(deps.bundled.publicSuffixes),
          bundledCount: deps.bundled.counts.hibp,
          now: deps.now(),
        });
    if (!checked.ok) {
      outcome = 'rejected';
      detail = { reason: checked.reason };
    } else {
      const summary: UpdateSummary = {
        fetchedAt: deps.now(),
        ...(download.etag ? { etag: download.etag } : {}),
        ...(download.lastModified ? { lastModified: download.lastModified } : {}),
        hibpDate: describeBreaches(checked.breaches).dataDate,
        breaches: checked.breaches.map(summariseBreach),
      };
      // The download replaces the one stored, so the space that one takes counts as free.
      const needed = storedSize(summary, checked.breaches);
      const free = await deps.freeBytes?.();
      let saved: string | undefined;
      if (free !== undefined && needed > free) saved = `the list needs ${needed} bytes of storage and ${free} are free`;
      else {
        try {
          await deps.store.saveUpdate(summary, checked.breaches);
        } catch (e) {
          saved = `could not store the list (${(e as Error).message || String(e)})`;
        }
      }
      if (saved) {
        outcome = 'failed';
        detail = { reason: saved };
      } else {
        const next = updatedData(summary, deps.bundled);
        await alertHistorySites(deps, previous, next);
        await deps.use(next);
        outcome = 'updated';
      }
    }
  }
  const after = await deps.store.updateUpdateState((s) => recordCheck(s, outcome, deps.now(), deps.random(), detail));
  if (after.nextCheck !== undefined) await deps.schedule(after.nextCheck);
  return after;
}
