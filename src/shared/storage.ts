import * as v from 'valibot';

// The one module that reads and writes extension storage. Every value has a schema; a value that does not
// fit is set aside (kept under a "corrupt:" key with the reason) and replaced by a default, never silently lost.
// Values live under one key each (per breach, per setting), so writers of different keys cannot overwrite
// each other, and writes from one page are serialised per key.

export const SCHEMA_VERSION = 1;

/** The parts of browser.storage.local this module uses; tests hand in an in-memory one. */
export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const StepIdList = v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)));

export const ProgressSchema = v.object({
  ticked: StepIdList,
  notCustomer: v.boolean(),
});
export type Progress = v.InferOutput<typeof ProgressSchema>;
export const EMPTY_PROGRESS: Progress = { ticked: [], notCustomer: false };

export const SettingsSchema = v.object({
  region: v.optional(v.picklist(['GB', 'US', 'other'])),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

const progressKey = (breachId: string) => `progress:${breachId}`;
const SETTINGS_KEY = 'settings';
const META_KEY = 'meta';

export interface Logger {
  warn(message: string, detail?: unknown): void;
}

export function createStore(area: StorageArea, log: Logger = console) {
  const queues = new Map<string, Promise<unknown>>();

  /** Runs read-modify-write operations on one key one after another. */
  function serialised<T>(key: string, op: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(op, op);
    queues.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  async function read<T>(key: string, schema: v.GenericSchema<unknown, T>, fallback: T): Promise<T> {
    const raw = (await area.get(key))[key];
    if (raw === undefined) return fallback;
    const parsed = v.safeParse(schema, raw);
    if (parsed.success) return parsed.output;
    const reason = parsed.issues.map((i) => i.message).join('; ');
    log.warn(`storage: "${key}" did not fit its schema (${reason}); kept it under "corrupt:${key}" and reset it`);
    await area.set({ [`corrupt:${key}`]: { value: raw, reason, at: new Date().toISOString() } });
    await area.remove(key);
    return fallback;
  }

  return {
    /** Brings stored data up to SCHEMA_VERSION; version 1 is the first, so there is nothing to migrate yet. */
    async migrate(): Promise<void> {
      const meta = (await area.get(META_KEY))[META_KEY] as { schemaVersion?: unknown } | undefined;
      if (meta?.schemaVersion === SCHEMA_VERSION) return;
      if (typeof meta?.schemaVersion === 'number' && meta.schemaVersion > SCHEMA_VERSION) {
        log.warn(`storage: schema ${meta.schemaVersion} is newer than this build's ${SCHEMA_VERSION}; left as is`);
        return;
      }
      await area.set({ [META_KEY]: { schemaVersion: SCHEMA_VERSION } });
    },

    getProgress(breachId: string): Promise<Progress> {
      return read(progressKey(breachId), ProgressSchema, EMPTY_PROGRESS);
    },

    /** Applies `change` to one breach's progress and stores the result. */
    updateProgress(breachId: string, change: (p: Progress) => Progress): Promise<Progress> {
      const key = progressKey(breachId);
      return serialised(key, async () => {
        const next = change(await read(key, ProgressSchema, EMPTY_PROGRESS));
        await area.set({ [key]: next });
        return next;
      });
    },

    getSettings(): Promise<Settings> {
      return read(SETTINGS_KEY, SettingsSchema, {});
    },

    updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
      return serialised(SETTINGS_KEY, async () => {
        const next = change(await read(SETTINGS_KEY, SettingsSchema, {}));
        await area.set({ [SETTINGS_KEY]: next });
        return next;
      });
    },
  };
}

export type Store = ReturnType<typeof createStore>;
