import * as v from 'valibot';
import { RECENT_YEARS } from '../core/breach-urgency';
import { EMPTY_PROGRESS, type Progress } from './progress';
import { REGION_CODES } from '../core/region-codes';
import type { Alert } from '../core/alert-bookkeeping';
import { HISTORY_VERDICTS } from '../core/history-verdict';
import type { BreachSummary } from '../core/assemble-dataset';
import { BreachSchema, type Breach } from '../core/dataset-schema';
import { INITIAL_UPDATE_STATE, type UpdateState } from '../core/update-schedule';

// The one module that reads and writes extension storage.
// - Every value has a schema. A value that does not fit is set aside under "corrupt:<key>" with the reason
//   and replaced by a default: never silently lost, never a crash.
// - One key per alert and per breach's progress, so writes to different alerts cannot overwrite each other;
//   writes to one key from one context are serialised. Alerts are written only by the service worker.
// - "meta".schemaVersion says which layout the data has; migrate() brings any older layout up to date.

export const SCHEMA_VERSION = 3;

/** The parts of browser.storage.local this module uses; tests hand in an in-memory one. */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface Logger {
  warn(message: string, detail?: unknown): void;
}

const StepIdList = v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)));

export const ProgressSchema = v.object({
  ticked: StepIdList,
  notCustomer: v.boolean(),
  // Set once the person ticks or unticks the box: until then, the history's verdict may tick it (issue #13).
  notCustomerChosen: v.optional(v.boolean()),
});
export { EMPTY_PROGRESS, type Progress };

const Domain = v.pipe(v.string(), v.regex(/^[a-z0-9.-]+$/), v.maxLength(253));

export const SettingsSchema = v.object({
  // Older versions stored GB, US or other; storedRegion() reads them as current codes.
  region: v.optional(v.picklist([...REGION_CODES, 'GB', 'US', 'other'])),
  notifications: v.optional(v.boolean(), false),
  paused: v.optional(v.boolean(), false),
  mutedSites: v.optional(v.array(Domain), []),
  // Breaches made public within RECENT_YEARS raise the alarm (breach-urgency.ts); the alerts follow by default.
  maxAgeYears: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))), RECENT_YEARS),
  /** Store alerts of sensitive breaches (schema 3; before, only their titles were left out). */
  recordSensitive: v.optional(v.boolean(), false),
  /** Daily download of Have I Been Pwned's breach list (README: "Data updates"). */
  updates: v.optional(v.boolean(), true),
  /**
   * The person asked for their browsing history to be checked (issue #13). The browser's optional `history`
   * permission must also be granted; "Stop using my history" turns this off and removes the permission.
   */
  useHistory: v.optional(v.boolean(), false),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

/** Settings that make the extension do more (use the network, show notifications): a damaged one means off. */
const OFF_WHEN_DAMAGED: readonly (keyof Settings)[] = ['updates', 'notifications', 'useHistory'];

/**
 * Settings read field by field when the whole record does not fit: each good field is kept, each damaged one gets
 * its default, except that nothing the person may have had off is turned on (fail safe, never fail open).
 * Undefined when the value is not a record at all.
 */
export function repairSettings(raw: unknown): Settings | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const repaired: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SettingsSchema.entries)) {
    const field = v.safeParse(schema, (raw as Record<string, unknown>)[key]);
    if (field.success) repaired[key] = field.output;
    else
      repaired[key] = OFF_WHEN_DAMAGED.includes(key as keyof Settings)
        ? false
        : DEFAULT_SETTINGS[key as keyof Settings];
  }
  return v.parse(SettingsSchema, repaired);
}

export const AlertSchema = v.object({
  id: v.pipe(v.string(), v.minLength(3)),
  site: Domain,
  breachId: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  title: v.optional(v.string()),
  breachDate: v.optional(v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}){0,2}$/))),
  firstSeen: v.pipe(v.number(), v.finite()),
  lastSeen: v.pipe(v.number(), v.finite()),
  // 0 for an alert raised by a data update (a site visited before the breach was known), not by a visit.
  visits: v.pipe(v.number(), v.integer(), v.minValue(0)),
  state: v.picklist(['new', 'reviewed', 'done', 'dismissed']),
  notified: v.optional(v.boolean()),
  reported: v.optional(v.boolean()),
  matchedVia: v.optional(
    v.object({ via: Domain, kind: v.picklist(['shared', 'signs-in-with', 'renamed', 'same-breach']) }),
  ),
  foundInHistory: v.optional(v.boolean()),
  history: v.optional(
    v.object({
      firstVisit: v.pipe(v.number(), v.finite()),
      lastVisit: v.pipe(v.number(), v.finite()),
      visits: v.pipe(v.number(), v.integer(), v.minValue(0)),
      verdict: v.picklist(HISTORY_VERDICTS),
      checkedAt: v.pipe(v.number(), v.finite()),
    }),
  ),
}) satisfies v.GenericSchema<unknown, Alert>;

const time = v.pipe(v.number(), v.finite());

export const UpdateStateSchema = v.object({
  lastCheck: v.optional(time),
  lastOutcome: v.optional(v.picklist(['updated', 'unchanged', 'rejected', 'failed'])),
  lastError: v.optional(v.object({ at: time, reason: v.string() })),
  failures: v.pipe(v.number(), v.integer(), v.minValue(0)),
  nextCheck: v.optional(time),
}) satisfies v.GenericSchema<unknown, UpdateState>;

const BreachSummarySchema = v.object({
  id: v.string(),
  title: v.string(),
  domains: v.array(Domain),
  breachDate: v.string(),
  knownSince: v.optional(v.string()),
  sensitive: v.boolean(),
  origin: v.picklist(['curated', 'hibp']),
  hibpName: v.optional(v.string()),
  replacesHibp: v.optional(v.array(v.string())),
}) satisfies v.GenericSchema<unknown, BreachSummary>;

/**
 * What the worker keeps of a downloaded list: the summaries of its HIBP entries (merged with the curated
 * entries of the running build whenever they are used) and its validators for the next request.
 */
export const UpdateSummarySchema = v.object({
  fetchedAt: time,
  etag: v.optional(v.string()),
  lastModified: v.optional(v.string()),
  /** The newest date in the downloaded HIBP entries. */
  hibpDate: v.string(),
  breaches: v.array(BreachSummarySchema),
});
export type UpdateSummary = v.InferOutput<typeof UpdateSummarySchema>;

/**
 * The downloaded HIBP breaches in full, for the popup; `fetchedAt` ties them to their summary. Only this outer
 * shape is checked on every read; each breach is checked against BreachSchema as it is used.
 */
const UpdateBreachesShell = v.object({ fetchedAt: time, breaches: v.array(v.looseObject({ id: v.string() })) });

const progressKey = (breachId: string) => `progress:${breachId}`;
/** The storage key of an alert (also what an import is measured by). */
export const alertKey = (id: string) => `alert:${id}`;
const SETTINGS_KEY = 'settings';
const UPDATE_STATE_KEY = 'updates:state';
const UPDATE_SUMMARY_KEY = 'data:update:summary';
const UPDATE_BREACHES_KEY = 'data:update:breaches';
/** The keys a downloaded list is stored under: the space they take is freed when a new list replaces it. */
export const DOWNLOAD_KEYS = [UPDATE_SUMMARY_KEY, UPDATE_BREACHES_KEY];
export const META_KEY = 'meta';

/** Each migration turns the whole stored object of version N into version N + 1. */
type Migration = (all: Record<string, unknown>) => Record<string, unknown>;
const MIGRATIONS: Record<number, Migration> = {
  // 1 → 2: settings gained notifications, pause, muted sites, the alert age window and the sensitive opt-in;
  // alerts arrived under "alert:" keys. Version 1 data (progress, region) is kept as it is.
  1: (all) => {
    const s = (all[SETTINGS_KEY] ?? {}) as Record<string, unknown>;
    return { ...all, [SETTINGS_KEY]: { ...V2_DEFAULTS, ...s } };
  },
  // 2 → 3 (issue #22): a sensitive breach's alert is not stored unless the person opts in. Those who had let its
  // title be kept (keepSensitiveTitles) opted in to more than the title, so they keep their alerts; everyone
  // else's alerts without a title (schema 2 left it out of sensitive breaches only) are removed. The alert age
  // window's old default, "any year" (which 1 → 2 wrote into every install), becomes the new default, 3 years.
  2: (all) => {
    const s = { ...((all[SETTINGS_KEY] ?? {}) as Record<string, unknown>) };
    const optedIn = s.keepSensitiveTitles === true;
    delete s.keepSensitiveTitles;
    s.recordSensitive = optedIn;
    if (s.maxAgeYears === null) s.maxAgeYears = RECENT_YEARS;
    const kept = Object.entries(all).filter(
      ([key, value]) =>
        optedIn ||
        !key.startsWith('alert:') ||
        !(value && typeof value === 'object' && !('title' in value && typeof value.title === 'string')),
    );
    return { ...Object.fromEntries(kept), [SETTINGS_KEY]: s };
  },
};

/** Settings as schema 2 wrote them, for the 1 → 2 migration (fields that later versions renamed included). */
const V2_DEFAULTS = {
  notifications: false,
  paused: false,
  mutedSites: [],
  maxAgeYears: null,
  keepSensitiveTitles: false,
  updates: true,
};

/** A storage change as browser.storage.onChanged reports it (key → old and new value). */
export type StorageChanges = Record<string, { newValue?: unknown }>;

export interface StoreOptions {
  /**
   * Where the store hears of every change to the area, its own and other contexts' (browser.storage.onChanged).
   * With it, the worker keeps the alerts in memory between reads: the alerts page's list is not read from disk
   * again while nothing changed (issue #16). Without it (tests), every list reads the area.
   */
  watch?: (listener: (changes: StorageChanges) => void) => void;
  /**
   * Told when the settings or a breach's ticks change: awaited after the store's own writes (so a page's message
   * that changed them is answered only once this has run), and called for changes other contexts made. The worker
   * uses it to mark the popup's prepared answers out of date (issue #15).
   */
  onRecordChange?: () => Promise<void> | void;
}

/** Records the store keeps in memory when it has a watch: the settings and the ticks of each breach. */
const isKeptRecord = (key: string) => key === SETTINGS_KEY || key.startsWith('progress:');

/** Keys the in-memory copy of the alerts holds: alerts and the damaged alerts set aside. */
const isAlertKey = (key: string) => key.startsWith('alert:') || key.startsWith('corrupt:alert:');

export function createStore(area: StorageArea, log: Logger = console, { watch, onRecordChange }: StoreOptions = {}) {
  const queues = new Map<string, Promise<unknown>>();
  // The stored alerts as last read or written, when a watch keeps them current; `changes` counts every change, so a
  // read that overlapped one is not kept.
  let alertsCopy: Map<string, unknown> | undefined;
  let changes = 0;
  // The settings and each breach's ticks as last read or written, kept the same way: the popup's lookup reads them
  // on every open, and a read of the area from the worker costs milliseconds (issue #15). Only these small records
  // are kept; `recordChanges` plays the part of `changes` for them.
  const recordCopies = new Map<string, unknown>();
  let recordChanges = 0;
  const checkedAlerts = new WeakMap<object, ReturnType<typeof checkAlert>>();
  /**
   * Brings the in-memory copies up to a change, the store's own (`own`) or one onChanged reported; says whether a
   * kept record changed. onChanged also reports the store's own writes: those it already holds are no change.
   */
  const noteChange = (key: string, value: unknown, removed: boolean, own: boolean): boolean => {
    const next = removed ? undefined : value;
    if (isKeptRecord(key)) {
      if (!own && recordCopies.has(key) && JSON.stringify(recordCopies.get(key)) === JSON.stringify(next)) return false;
      recordChanges++;
      if (own || recordCopies.has(key)) recordCopies.set(key, next);
      return true;
    }
    if (!isAlertKey(key)) return false;
    changes++;
    if (!alertsCopy) return false;
    if (removed) alertsCopy.delete(key);
    else alertsCopy.set(key, value);
    return false;
  };
  watch?.((changed) => {
    let records = false;
    for (const [key, change] of Object.entries(changed))
      records = noteChange(key, change.newValue, !('newValue' in change), false) || records;
    if (records) void Promise.resolve(onRecordChange?.()).catch(() => undefined);
  });
  /** storage.set, and the in-memory copy after it. */
  async function put(items: Record<string, unknown>): Promise<void> {
    await area.set(items);
    let records = false;
    for (const [key, value] of Object.entries(items)) records = noteChange(key, value, false, true) || records;
    if (records) await onRecordChange?.();
  }
  /** storage.remove, and the in-memory copy after it. */
  async function drop(keys: string | string[]): Promise<void> {
    await area.remove(keys);
    let records = false;
    for (const key of Array.isArray(keys) ? keys : [keys]) records = noteChange(key, undefined, true, true) || records;
    if (records) await onRecordChange?.();
  }

  /** Runs read-modify-write operations on one key one after another. */
  function serialised<T>(key: string, op: () => Promise<T>): Promise<T> {
    const next = (queues.get(key) ?? Promise.resolve()).then(op, op);
    queues.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Runs `op` once every key's earlier operations are done, and holds all the keys until it ends. */
  function serialisedAll<T>(keys: readonly string[], op: () => Promise<T>): Promise<T> {
    const before = Promise.all(keys.map((k) => queues.get(k) ?? Promise.resolve()));
    const next = before.then(op, op);
    const settled = next.catch(() => undefined);
    for (const k of keys) queues.set(k, settled);
    return next;
  }

  /**
   * Keeps a damaged value under `corrupt:key` and resets the key: to `repaired` in the same write where there is
   * one, so no reader ever finds the key missing and falls back to the defaults (updates on, say) meanwhile.
   */
  async function setAside(key: string, raw: unknown, reason: string, repaired?: unknown): Promise<void> {
    log.warn(`storage: "${key}" did not fit its schema (${reason}); kept it under "corrupt:${key}" and reset it`);
    const copy = { [`corrupt:${key}`]: { value: raw, reason, at: new Date().toISOString() } };
    if (repaired !== undefined) return put({ ...copy, [key]: repaired });
    await put(copy);
    await drop(key);
  }

  /**
   * Sets a corrupt value aside from outside the key's queue: queued behind any write to that key, and only if
   * the value is still the corrupt one, so a repair can never delete a good value written in the meantime.
   */
  function setAsideQueued(key: string, raw: unknown, reason: string): Promise<void> {
    return serialised(key, async () => {
      const now = (await area.get(key))[key];
      if (now !== undefined && JSON.stringify(now) === JSON.stringify(raw)) await setAside(key, raw, reason);
    });
  }

  function check<T>(
    schema: v.GenericSchema<unknown, T>,
    raw: unknown,
  ): { ok: true; value: T } | { ok: false; reason: string } {
    const parsed = v.safeParse(schema, raw);
    return parsed.success
      ? { ok: true, value: parsed.output }
      : { ok: false, reason: parsed.issues.map((i) => i.message).join('; ') };
  }

  /** An alert checked against its schema; the same stored object is checked once (the copy in memory keeps it). */
  function checkAlert(raw: unknown): { ok: true; value: Alert } | { ok: false; reason: string } {
    if (!raw || typeof raw !== 'object') return check(AlertSchema, raw);
    const known = checkedAlerts.get(raw);
    if (known) return known;
    const checked = check(AlertSchema, raw);
    checkedAlerts.set(raw, checked);
    return checked;
  }

  /**
   * One key's stored value: a kept record from memory, else from the area. A read-modify-write (`inQueue`) always
   * reads the area, so a change another context made that onChanged has not reported yet is never overwritten.
   */
  async function readRaw(key: string, inQueue: boolean): Promise<unknown> {
    const keep = watch !== undefined && isKeptRecord(key);
    if (keep && !inQueue && recordCopies.has(key)) return recordCopies.get(key);
    const before = recordChanges;
    const raw = (await area.get(key))[key];
    if (keep && recordChanges === before) recordCopies.set(key, raw);
    return raw;
  }

  /** Reads one key; `inQueue` is true when the caller already holds the key's queue (read-modify-write). */
  async function read<T>(
    key: string,
    schema: v.GenericSchema<unknown, T>,
    fallback: T,
    inQueue = false,
    repair?: (raw: unknown) => T | undefined,
  ): Promise<T> {
    const raw = await readRaw(key, inQueue);
    if (raw === undefined) return fallback;
    const checked = check(schema, raw);
    if (checked.ok) return checked.value;
    // A record that can be repaired field by field is, and the repair is stored, so the next read agrees.
    const repaired = repair?.(raw);
    const setAsideAndRepair = () => setAside(key, raw, checked.reason, repaired);
    if (inQueue) await setAsideAndRepair();
    else
      await serialised(key, async () => {
        // Only if the value is still the damaged one: a good value written meanwhile is never replaced.
        const now = (await area.get(key))[key];
        if (now !== undefined && JSON.stringify(now) === JSON.stringify(raw)) await setAsideAndRepair();
      });
    return repaired ?? fallback;
  }

  function update<T>(
    key: string,
    schema: v.GenericSchema<unknown, T>,
    fallback: T,
    change: (value: T) => T,
    repair?: (raw: unknown) => T | undefined,
  ): Promise<T> {
    return serialised(key, async () => {
      const next = change(await read(key, schema, fallback, true, repair));
      await put({ [key]: next });
      return next;
    });
  }

  /** The stored alerts (and damaged ones set aside): from memory when a watch keeps a copy, else from the area. */
  async function storedAlerts(): Promise<Record<string, unknown>> {
    if (alertsCopy) return Object.fromEntries(alertsCopy);
    const before = changes;
    const all = await area.get(null);
    const found = Object.fromEntries(Object.entries(all).filter(([key]) => isAlertKey(key)));
    // Kept only if nothing changed while it was read; the next list reads again otherwise.
    if (watch && changes === before) alertsCopy = new Map(Object.entries(found));
    return found;
  }

  async function listAlertsChecked(): Promise<{ alerts: Alert[]; setAside: number }> {
    const all = await storedAlerts();
    const alerts: Alert[] = [];
    let setAside = 0;
    for (const [key, raw] of Object.entries(all)) {
      if (key.startsWith('corrupt:alert:')) setAside++;
      if (!key.startsWith('alert:')) continue;
      const checked = checkAlert(raw);
      if (checked.ok) alerts.push(checked.value);
      else {
        // Counted once: a copy set aside before is already among the corrupt: keys.
        if (!(`corrupt:${key}` in all)) setAside++;
        await setAsideQueued(key, raw, checked.reason);
      }
    }
    return { alerts, setAside };
  }

  return {
    /** Brings stored data up to SCHEMA_VERSION, one migration at a time; a newer layout is left alone. */
    async migrate(): Promise<void> {
      const all = await area.get(null);
      const meta = all[META_KEY] as { schemaVersion?: unknown } | undefined;
      let version =
        typeof meta?.schemaVersion === 'number' ? meta.schemaVersion : Object.keys(all).length ? 1 : SCHEMA_VERSION;
      if (version > SCHEMA_VERSION) {
        log.warn(`storage: schema ${version} is newer than this build's ${SCHEMA_VERSION}; left as is`);
        return;
      }
      if (version === SCHEMA_VERSION && meta) return;
      let data = all;
      while (version < SCHEMA_VERSION) {
        const migrate = MIGRATIONS[version];
        if (!migrate) throw new Error(`storage: no migration from schema ${version}`);
        data = migrate(data);
        version++;
      }
      // Keys a migration dropped go first: if the browser stops in between, the next start migrates again.
      const dropped = Object.keys(all).filter((k) => !(k in data));
      if (dropped.length) await drop(dropped);
      await put({ ...data, [META_KEY]: { schemaVersion: SCHEMA_VERSION } });
    },

    getProgress: (breachId: string) => read(progressKey(breachId), ProgressSchema, EMPTY_PROGRESS),
    updateProgress: (breachId: string, change: (p: Progress) => Progress) =>
      update(progressKey(breachId), ProgressSchema, EMPTY_PROGRESS, change),

    getSettings: () => read(SETTINGS_KEY, SettingsSchema, DEFAULT_SETTINGS, false, repairSettings),
    updateSettings: (change: (s: Settings) => Settings) =>
      update(SETTINGS_KEY, SettingsSchema, DEFAULT_SETTINGS, change, repairSettings),

    getUpdateState: () => read(UPDATE_STATE_KEY, UpdateStateSchema, INITIAL_UPDATE_STATE),
    updateUpdateState: (change: (s: UpdateState) => UpdateState) =>
      update(UPDATE_STATE_KEY, UpdateStateSchema, INITIAL_UPDATE_STATE, change),

    /** The downloaded data's summary (what the worker indexes), or undefined when the bundled data is in use. */
    getUpdateSummary: () => read<UpdateSummary | undefined>(UPDATE_SUMMARY_KEY, UpdateSummarySchema, undefined),

    /**
     * The downloaded HIBP breaches in full (or only those with the given ids), only if they belong to the
     * summary downloaded at `fetchedAt`. Each breach returned is checked against its schema; checking only the
     * ones asked for keeps the popup fast (the whole list takes tens of milliseconds). A missing, mismatched or
     * corrupt copy is set aside with the summary, so the worker and the popup fall back to the same data.
     */
    async getUpdateBreaches(fetchedAt: number, ids?: readonly string[]): Promise<Breach[] | undefined> {
      const raw = (await area.get(UPDATE_BREACHES_KEY))[UPDATE_BREACHES_KEY];
      const shell = v.safeParse(UpdateBreachesShell, raw);
      const wanted = ids && new Set(ids);
      const picked = shell.success ? shell.output.breaches.filter((b) => !wanted || wanted.has(b.id)) : [];
      const checked = v.safeParse(v.array(BreachSchema), picked);
      if (shell.success && checked.success && shell.output.fetchedAt === fetchedAt) return checked.output;
      // Another download, saved since the caller read its summary: not damage, so nothing is set aside; the
      // caller (which reloads its summary on the next start or update) simply does not use these.
      if (shell.success && checked.success) return undefined;
      const reason = !shell.success
        ? shell.issues.map((i) => i.message).join('; ')
        : !checked.success
          ? checked.issues.map((i) => i.message).join('; ')
          : 'does not belong to the stored summary';
      if (raw !== undefined) await setAsideQueued(UPDATE_BREACHES_KEY, raw, reason);
      log.warn(`storage: the downloaded breaches cannot be used (${reason}); using the bundled data`);
      await serialised(UPDATE_SUMMARY_KEY, () => area.remove(UPDATE_SUMMARY_KEY));
      return undefined;
    },

    /** Stores a downloaded list: summary and breaches in one write, so no reader sees one without the other. */
    saveUpdate: (summary: UpdateSummary, breaches: readonly Breach[]) =>
      serialised(UPDATE_SUMMARY_KEY, () =>
        area.set({
          [UPDATE_SUMMARY_KEY]: summary,
          [UPDATE_BREACHES_KEY]: { fetchedAt: summary.fetchedAt, breaches },
        }),
      ),

    /** Every stored alert that fits its schema; the others are set aside with their reason. */
    listAlerts: async (): Promise<Alert[]> => (await listAlertsChecked()).alerts,

    /** The alerts, and how many stored alerts are set aside as damaged (now or before): the page says so. */
    listAlertsChecked,

    /**
     * One alert: from the in-memory copy when a watch keeps one (the worker badges a tab from it, and a read of the
     * area took 13-18 ms while a page loads), else from the area. A damaged copy goes the area's way, to be set aside.
     */
    getAlert(id: string): Promise<Alert | undefined> {
      const key = alertKey(id);
      if (alertsCopy) {
        const checked = alertsCopy.has(key) ? checkAlert(alertsCopy.get(key)) : undefined;
        if (!checked) return Promise.resolve(undefined);
        if (checked.ok) return Promise.resolve(checked.value);
      }
      return read<Alert | undefined>(key, AlertSchema, undefined);
    },

    /** Reads every alert once so that later reads come from memory (only with a watch; see getAlert). */
    keepAlertsInMemory: async (): Promise<void> => {
      if (watch && !alertsCopy) await storedAlerts();
    },

    /** Applies `change` to one alert (undefined when it does not exist yet); returning undefined deletes it. */
    updateAlert(id: string, change: (a: Alert | undefined) => Alert | undefined): Promise<Alert | undefined> {
      const key = alertKey(id);
      return serialised(key, async () => {
        const next = change(await read<Alert | undefined>(key, AlertSchema, undefined, true));
        if (next) await put({ [key]: next });
        else await drop(key);
        return next;
      });
    },

    /**
     * Applies `change` to several alerts in one storage write, holding each alert's queue meanwhile: a visit to
     * one of them waits rather than being overwritten, and a stop in between leaves all or none of them changed
     * (storage.local.set of several keys is one operation). Returns the changed alerts.
     */
    updateAlerts(
      ids: readonly string[],
      change: (a: Alert | undefined, id: string) => Alert | undefined,
    ): Promise<Alert[]> {
      const keys = [...new Set(ids)].map(alertKey);
      return serialisedAll(keys, async () => {
        const stored = keys.length ? await area.get(keys) : {};
        const next: Record<string, Alert> = {};
        for (const key of keys) {
          const raw = stored[key];
          const checked = raw === undefined ? undefined : check(AlertSchema, raw);
          if (checked && !checked.ok) await setAside(key, raw, checked.reason);
          const changed = change(checked?.ok ? checked.value : undefined, key.slice('alert:'.length));
          if (changed) next[key] = changed;
        }
        if (Object.keys(next).length) await put(next);
        return Object.values(next);
      });
    },

    /** Removes every alert, and the damaged copies set aside so far (they may hold old alerts too). */
    async clearAlerts(): Promise<number> {
      const all = Object.keys(await area.get(null));
      const keys = all.filter((k) => k.startsWith('alert:'));
      await Promise.all(keys.map((k) => serialised(k, () => drop(k))));
      const setAside = all.filter((k) => k.startsWith('corrupt:'));
      if (setAside.length) await drop(setAside);
      return keys.length;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
