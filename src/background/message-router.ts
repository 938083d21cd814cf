import * as v from 'valibot';
import { alertId, mergeAlerts, type Alert } from '../core/alert-bookkeeping';
import { describeIssues } from '../core/dataset-schema';
import type { BrowserRegionSignals } from '../core/help-region';
import {
  EXPORT_FORMAT,
  type DataStatus,
  type Envelope,
  type MessageMap,
  type MessageType,
  type Reply,
  type Request,
  type Response,
  type AlertsOverview,
  type SiteLookup,
} from '../shared/messages';
import { AlertSchema, alertKey, ProgressSchema, SettingsSchema, type Settings, type Store } from '../shared/storage';

// Feature: answers the pages' messages. The worker is the only writer of alerts, so a page's change and a
// navigation's visit to the same alert are serialised in one place.

export type Handlers = { [K in MessageType]: (payload: Request<K>) => Promise<Response<K>> };

/** A page's languages and time zone, checked like any other payload: only strings, and not too many. */
function pageSignals(languages: unknown, timeZone: unknown): BrowserRegionSignals {
  return {
    languages: Array.isArray(languages) ? languages.filter((l): l is string => typeof l === 'string').slice(0, 20) : [],
    timeZone: typeof timeZone === 'string' ? timeZone.slice(0, 64) : undefined,
  };
}

export interface RouterDeps {
  store: Store;
  /** Re-badges every open tab after a change that alters badge colours. */
  rebadgeAll: () => Promise<void>;
  dataStatus: () => Promise<DataStatus>;
  /** Runs a check for a newer breach list now; rejects with the reason when updates are off. */
  checkNow: () => Promise<DataStatus>;
  /** Told after every settings change, to start or stop the data updates. */
  settingsChanged: (before: Settings, after: Settings) => Promise<void>;
  /** Looks a URL up in the data in use (the popup's lookup). */
  lookup: (url: string, signals: BrowserRegionSignals) => Promise<SiteLookup>;
  /** The alerts page's to-do list (see site-lookup.ts alertsOverview). */
  overview?: (signals: BrowserRegionSignals) => Promise<AlertsOverview>;
  /** Bytes free in storage, where the browser can tell: an import that would not fit is refused before writing. */
  freeBytes?: () => Promise<number | undefined>;
  /** The history check (history-scan.ts, wired in main.ts with the browser's permission calls). */
  history?: {
    [K in 'history/scan' | 'history/progress' | 'history/site' | 'history/stop']: (
      payload: Request<K>,
    ) => Promise<Response<K>>;
  };
}

/** Alerts an import writes at once: a few storage round trips instead of thousands, in order, batch by batch. */
const IMPORT_BATCH = 100;

/** A page's "settings/update" payload: any of the settings' fields, each as the settings schema has it. */
const SettingsChange = v.strictObject({
  ...(Object.fromEntries(Object.entries(SettingsSchema.entries).map(([k, s]) => [k, v.optional(s)])) as {
    [K in keyof typeof SettingsSchema.entries]: v.OptionalSchema<(typeof SettingsSchema.entries)[K], undefined>;
  }),
  // null clears the choice ("from my browser"): an undefined field does not survive the message.
  region: v.optional(v.nullable(SettingsSchema.entries.region)),
});

/** A page's "progress/set" payload: a breach id as the schema writes them, and a progress value. */
const ProgressPayload = v.object({
  breachId: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/), v.maxLength(200)),
  progress: ProgressSchema,
});

/** The most alerts one import takes (an export of every breach ever shown on 20,000 sites): beyond it, refused. */
export const MAX_IMPORTED_ALERTS = 20_000;
const EARLIEST = Date.UTC(2000, 0, 1);
/** A time an alert can really have: not before 2000, not more than a day ahead (a clock a little off). */
const realTime = v.pipe(
  v.number(),
  v.check((t) => t >= EARLIEST && t <= Date.now() + 86_400_000, 'must be a real date between 2000 and today'),
);
/** An imported alert: the stored schema, plus what a hand-edited or hostile file could get wrong. */
const ImportedAlert = v.pipe(
  v.object({
    ...AlertSchema.entries,
    firstSeen: realTime,
    lastSeen: realTime,
    title: v.optional(v.pipe(v.string(), v.maxLength(300, 'must be at most 300 characters'))),
  }),
  v.check((a) => a.id === alertId(a.site, a.breachId), 'id must be the site and breach it names'),
);
const importList = v.pipe(
  v.array(ImportedAlert),
  v.maxLength(MAX_IMPORTED_ALERTS, `must hold at most ${MAX_IMPORTED_ALERTS} alerts`),
);
const ImportSchema = v.union([importList, v.object({ format: v.literal(EXPORT_FORMAT), alerts: importList })]);

/** Reads an exported alerts file; throws a message that says what is wrong with it. */
export function parseAlertsExport(json: string): Alert[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`not a JSON file (${(e as Error).message})`, { cause: e });
  }
  const parsed = v.safeParse(ImportSchema, data);
  if (!parsed.success) throw new Error(`not an alerts export: ${describeIssues(parsed.issues).slice(0, 3).join('; ')}`);
  return Array.isArray(parsed.output) ? parsed.output : parsed.output.alerts;
}

/** Turns the new alerts among `ids` into reviewed ones; returns how many changed. */
async function markReviewed(store: Store, ids: readonly string[]): Promise<number> {
  // Only new alerts change, in one write; the popup says "seen" on every open (issue #15), and an open whose
  // alerts were all seen before writes nothing and re-badges nothing (see `seen` below).
  const changed = await store.updateAlerts(ids, (a) => (a?.state === 'new' ? { ...a, state: 'reviewed' } : undefined));
  return changed.length;
}

export function createHandlers({
  store,
  rebadgeAll,
  dataStatus,
  checkNow,
  settingsChanged,
  lookup,
  overview,
  freeBytes,
  history,
}: RouterDeps): Handlers {
  const historyHandler = <K extends 'history/scan' | 'history/progress' | 'history/site' | 'history/stop'>(k: K) =>
    (async (payload: Request<K>) => {
      if (!history) throw new Error('the history check is not available');
      return history[k](payload);
    }) as (payload: Request<K>) => Promise<Response<K>>;
  const after = async <T>(value: T) => {
    await rebadgeAll();
    return value;
  };
  /** How many alerts turned from new to reviewed; the tabs are re-badged only when some did. */
  const seen = async (ids: readonly string[]) => {
    const changed = await markReviewed(store, ids);
    return changed ? after(changed) : changed;
  };
  return {
    'lookup/url': ({ url, languages, timeZone }) =>
      lookup(typeof url === 'string' ? url : '', pageSignals(languages, timeZone)),
    'progress/set': async ({ breachId, progress }) => {
      const checked = v.safeParse(ProgressPayload, { breachId, progress });
      if (!checked.success) throw new Error(`not a breach's progress: ${describeIssues(checked.issues)[0]}`);
      return store.updateProgress(checked.output.breachId, () => checked.output.progress);
    },
    'alerts/list': () => store.listAlerts(),
    'alerts/overview': async ({ languages, timeZone }) => {
      if (!overview) throw new Error('the overview is not available');
      return overview(pageSignals(languages, timeZone));
    },
    // One write for the whole selection, as for 'seen' (a bulk dismiss of 1,000 alerts made 1,000 writes).
    'alerts/set-state': async ({ ids, state }) => after(await store.updateAlerts(ids, (a) => a && { ...a, state })),
    'alerts/seen': ({ ids }) => seen(ids),
    'alerts/mark-all-reviewed': async () => seen((await store.listAlerts()).map((a) => a.id)),
    'alerts/import': async ({ json }) => {
      const imported = parseAlertsExport(json);
      // Refused before anything is written when it cannot fit: storage counts each key and its value's JSON.
      const bytes = new TextEncoder();
      const needed = imported.reduce(
        (sum, a) => sum + bytes.encode(alertKey(a.id)).length + bytes.encode(JSON.stringify(a)).length,
        0,
      );
      const free = await freeBytes?.();
      if (free !== undefined && needed > free)
        throw new Error(`not enough storage: the import needs about ${needed} bytes and ${free} are free`);
      let added = 0;
      let done = 0;
      try {
        for (let i = 0; i < imported.length; i += IMPORT_BATCH) {
          // Each alert is merged inside its key's queue, so a visit at the same moment is not lost.
          const results = await Promise.allSettled(
            imported.slice(i, i + IMPORT_BATCH).map((a) =>
              store.updateAlert(a.id, (existing) => {
                const { merged, added: n } = mergeAlerts(existing ? [existing] : [], [a]);
                added += n;
                return merged[0];
              }),
            ),
          );
          done += results.filter((r) => r.status === 'fulfilled').length;
          const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed) throw failed.reason;
        }
      } catch (e) {
        // What was written stays (each alert is whole); the page says how far it got and why it stopped.
        await rebadgeAll().catch(() => undefined);
        throw new Error(
          `imported ${done} of ${imported.length}; stopped because ${(e as Error).message || String(e)}`,
          {
            cause: e,
          },
        );
      }
      return after({ added, merged: imported.length - added });
    },
    'alerts/clear': async () => after(await store.clearAlerts()),
    'settings/get': () => store.getSettings(),
    'settings/update': async (payload) => {
      // A page's change is checked field by field before anything is written.
      const checked = v.safeParse(SettingsChange, payload);
      if (!checked.success) throw new Error(`not a settings change: ${describeIssues(checked.issues)[0]}`);
      const { region, ...rest } = checked.output;
      const change = rest as Partial<Settings>;
      let before: Settings | undefined;
      const next = await store.updateSettings((s) => {
        before = s;
        const updated = { ...s, ...change };
        if (region === null) delete updated.region;
        else if (region !== undefined) updated.region = region;
        return updated;
      });
      await settingsChanged(before!, next);
      return after(next);
    },
    'sites/mute': async ({ site }) =>
      after(await store.updateSettings((s) => ({ ...s, mutedSites: [...new Set([...s.mutedSites, site])].sort() }))),
    'sites/unmute': async ({ site }) =>
      after(await store.updateSettings((s) => ({ ...s, mutedSites: s.mutedSites.filter((m) => m !== site) }))),
    'data/status': () => dataStatus(),
    'data/check-now': () => checkNow(),
    'history/scan': async (p) => after(await historyHandler('history/scan')(p)),
    'history/progress': historyHandler('history/progress'),
    'history/site': ({ url }) => historyHandler('history/site')({ url: typeof url === 'string' ? url : '' }),
    'history/stop': async (p) => after(await historyHandler('history/stop')(p)),
  };
}

/** Dispatches one message to its handler and wraps the outcome, so a page always gets a readable answer. */
export async function route(handlers: Handlers, message: unknown): Promise<Reply<unknown>> {
  const m = message as Partial<Envelope> | undefined;
  // Own properties only: "constructor" or "toString" must not reach the object's prototype.
  const handler =
    typeof m?.type === 'string' && Object.hasOwn(handlers, m.type)
      ? (handlers as Partial<Record<string, (p: unknown) => Promise<unknown>>>)[m.type]
      : undefined;
  if (!handler) return { ok: false, error: `unknown message ${JSON.stringify(m?.type)}` };
  try {
    return { ok: true, value: await handler(m!.payload ?? {}) };
  } catch (e) {
    return { ok: false, error: (e as Error).message || String(e) };
  }
}

export type { MessageMap };
