// Issue #23 (part): fail safe, never fail open — the message router, settings and imported alerts.
import { describe, expect, it } from 'vitest';
import { createHandlers, MAX_IMPORTED_ALERTS, parseAlertsExport, route } from '../../src/background/message-router';
import { createStore, repairSettings } from '../../src/shared/storage';
import { EXPORT_FORMAT } from '../../src/shared/messages';
import { fixedDataUpdates } from '../fixtures/data-status';
import { memoryArea } from '../fixtures/memory-storage';

const quiet = { warn: () => undefined };
/** `n` new alerts of made-up sites, as an export holds them. */
const siteAlerts = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i}.example|b`,
    site: `s${i}.example`,
    breachId: 'b',
    firstSeen: Date.UTC(2025, 0, 1),
    lastSeen: Date.UTC(2025, 0, 1),
    visits: 1,
    state: 'new',
  }));
const handlers = (area = memoryArea()) => {
  const store = createStore(area, quiet);
  return { store, area, handlers: createHandlers({ store, rebadgeAll: async () => undefined, ...fixedDataUpdates() }) };
};

describe('message router', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'answers "%s" as an unknown message',
    async (type) => {
      expect(await route(handlers().handlers, { type, payload: {} })).toEqual({
        ok: false,
        error: `unknown message ${JSON.stringify(type)}`,
      });
    },
  );

  it('checks a settings change before writing it, and writes nothing when it is wrong', async () => {
    const { handlers: h, store } = handlers();
    const reply = await route(h, { type: 'settings/update', payload: { updates: 'yes' } });
    expect(reply.ok).toBe(false);
    expect(await route(h, { type: 'settings/update', payload: { shell: 'rm -rf /' } })).toMatchObject({ ok: false });
    expect((await store.getSettings()).updates).toBe(true);
    expect(await route(h, { type: 'settings/update', payload: { updates: false } })).toMatchObject({ ok: true });
    expect((await store.getSettings()).updates).toBe(false);
  });
});

describe('settings with one damaged field', () => {
  it('keeps the good fields, and never turns on what may have been off', () => {
    expect(
      repairSettings({
        updates: 'no',
        notifications: 3,
        mutedSites: ['coop.co.uk'],
        region: 'XX',
        paused: true,
        useHistory: 'yes',
      }),
    ).toEqual({
      updates: false,
      notifications: false,
      mutedSites: ['coop.co.uk'],
      paused: true,
      region: undefined,
      maxAgeYears: 3,
      recordSensitive: false,
      useHistory: false,
    });
    expect(repairSettings({ useHistory: true, updates: 7 })).toMatchObject({ useHistory: true, updates: false });
    expect(repairSettings('not a record')).toBeUndefined();
  });

  it('keeps updates off when another field is damaged, stores the repair and sets the damaged copy aside', async () => {
    const area = memoryArea({ settings: { updates: false, maxAgeYears: 'five', mutedSites: ['coop.co.uk'] } });
    const store = createStore(area, quiet);
    const settings = await store.getSettings();
    expect(settings.updates).toBe(false);
    expect(settings.mutedSites).toEqual(['coop.co.uk']);
    expect(settings.maxAgeYears).toBe(3);
    const stored = await area.get(null);
    expect(stored.settings).toMatchObject({ updates: false, mutedSites: ['coop.co.uk'] });
    expect(stored['corrupt:settings']).toMatchObject({ value: { maxAgeYears: 'five' } });
  });
});

describe('imported alerts', () => {
  const alert = (over: Record<string, unknown> = {}) => ({
    id: 'coop.co.uk|co-op-2025',
    site: 'coop.co.uk',
    breachId: 'co-op-2025',
    title: 'Co-op cyber attack',
    firstSeen: Date.UTC(2025, 4, 2),
    lastSeen: Date.UTC(2025, 4, 3),
    visits: 2,
    state: 'new',
    ...over,
  });
  const file = (alerts: unknown[]) => JSON.stringify({ format: EXPORT_FORMAT, alerts });

  it('accepts a good export', () => {
    expect(parseAlertsExport(file([alert()]))).toHaveLength(1);
  });

  it.each([
    ['an id that is not its site and breach', { id: 'evil.example|co-op-2025' }],
    ['a first-seen time in the year 318857', { firstSeen: 1e16 }],
    ['a time before 2000', { lastSeen: 0 }],
    ['a 10,000-character title', { title: 'x'.repeat(10_000) }],
  ])('refuses %s', (_what, over) => {
    expect(() => parseAlertsExport(file([alert(over)]))).toThrow(/not an alerts export/);
  });

  it(`refuses more than ${MAX_IMPORTED_ALERTS} alerts before reading them one by one`, () => {
    const many = Array.from({ length: MAX_IMPORTED_ALERTS + 1 }, (_, i) =>
      alert({ id: `s${i}.example|b`, site: `s${i}.example`, breachId: 'b' }),
    );
    expect(() => parseAlertsExport(file(many))).toThrow(/not an alerts export/);
  });
});

describe('a downloaded list that is wrong or hostile', async () => {
  const { checkHibpUpdate } = await import('../../src/core/hibp-update');
  const { recordCheck, MAX_REASON_LENGTH } = await import('../../src/core/update-schedule');
  const entry = (over: Record<string, unknown> = {}) => ({
    Name: 'Adobe',
    Title: 'Adobe',
    Domain: 'adobe.com',
    BreachDate: '2013-10-04',
    AddedDate: '2013-12-04T00:00:00Z',
    ModifiedDate: '2022-05-15T23:52:49Z',
    PwnCount: 152445165,
    Description: 'Adobe lost accounts.',
    DataClasses: ['Email addresses', 'Passwords'],
    IsVerified: true,
    IsFabricated: false,
    IsSensitive: false,
    IsRetired: false,
    IsSpamList: false,
    ...over,
  });
  const now = Date.UTC(2026, 10, 25);
  const check = (list: unknown[], options = {}) => checkHibpUpdate(JSON.stringify(list), 0, { now, ...options });

  it('accepts a plain entry (so each case below fails for its one reason)', () => {
    expect(check([entry()]).ok).toBe(true);
  });

  it.each([
    ['a breach dated 9999-12-31', [entry({ BreachDate: '9999-12-31' })], /dated in the future/],
    [
      'two names that make one id',
      [entry({ Name: 'Foo Bar' }), entry({ Name: 'Foo.Bar', Domain: 'foo.example' })],
      /are one id/,
    ],
    [
      '200,000 data classes',
      [entry({ DataClasses: Array.from({ length: 200_000 }, (_, i) => `c${i}`) })],
      /DataClasses|entry 0/,
    ],
    ['a PwnCount of 1e300', [entry({ PwnCount: 1e300 })], /entry 0/],
  ])('refuses %s', (_what, list, reason) => {
    const r = check(list);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(reason);
  });

  it('keeps half of the bundled count too, so updates of 55% each cannot ratchet the data down', () => {
    const list = Array.from({ length: 42 }, (_, i) => entry({ Name: `B${i}`, Domain: `b${i}.example` }));
    expect(checkHibpUpdate(JSON.stringify(list), 45, { now }).ok).toBe(true);
    expect(checkHibpUpdate(JSON.stringify(list), 45, { now, bundledCount: 813 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/42 breaches where 813 were known/),
    });
  });

  it('caps a stored failure reason', () => {
    const state = recordCheck({ failures: 0 }, 'rejected', now, 0.5, { reason: 'x'.repeat(100_000) });
    expect(state.lastError!.reason.length).toBe(MAX_REASON_LENGTH);
  });
});

describe('what counts as a visit', async () => {
  const { createVisitCounter, REVISIT_AFTER_MS } = await import('../../src/background/visit-counter');
  it('counts a host once per tab, again after a while or after another host, and each tab on its own', () => {
    let t = 0;
    const c = createVisitCounter(() => t);
    expect(c.isVisit(1, 'https://www.coop.co.uk/')).toBe(true);
    for (let i = 0; i < 50; i++) expect(c.isVisit(1, `https://www.coop.co.uk/app?i=${i}`)).toBe(false);
    expect(c.isVisit(2, 'https://www.coop.co.uk/')).toBe(true);
    expect(c.isVisit(1, 'https://www.example.com/')).toBe(true);
    expect(c.isVisit(1, 'https://www.coop.co.uk/')).toBe(true);
    t += REVISIT_AFTER_MS;
    expect(c.isVisit(1, 'https://www.coop.co.uk/later')).toBe(true);
    c.forget(1);
    expect(c.isVisit(1, 'https://www.coop.co.uk/later')).toBe(true);
  });
});

describe('npm run data:update with a URL', () => {
  it('refuses a plain-http URL before fetching anything, and leaves data/ as it was', async () => {
    const { spawnSync } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { DATA_DIR } = await import('../../scripts/lib/dataset-files');
    const file = join(DATA_DIR, 'hibp', 'breaches.json');
    const before = readFileSync(file);
    const root = join(DATA_DIR, '..');
    const r = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'scripts', 'data-update.ts'), 'http://127.0.0.1:9/breaches'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('only https URLs');
    expect(readFileSync(file)).toEqual(before);
  }, 30_000);
});

describe('storage full: imports and visits (#23)', () => {
  it('reports how far an import got and why it stopped, keeping what was written', async () => {
    const area = memoryArea();
    const store = createStore(area, quiet);
    let writes = 0;
    const full = {
      ...store,
      updateAlert: (async (id: string, change: Parameters<typeof store.updateAlert>[1]) => {
        if (++writes > 2) throw new Error('QUOTA_BYTES quota exceeded');
        return store.updateAlert(id, change);
      }) as typeof store.updateAlert,
    };
    const h = createHandlers({ store: full, rebadgeAll: async () => undefined, ...fixedDataUpdates() });
    const alerts = siteAlerts(4);
    const reply = await route(h, { type: 'alerts/import', payload: { json: JSON.stringify(alerts) } });
    expect(reply).toEqual({ ok: false, error: 'imported 2 of 4; stopped because QUOTA_BYTES quota exceeded' });
    expect(await store.listAlerts()).toHaveLength(2);
  });

  it('badges a breached site for alert even when its visit cannot be stored', async () => {
    const { handleTabUrl } = await import('../../src/background/site-visit');
    const { buildBreachIndex } = await import('../../src/core/breach-index');
    const { recordingAction } = await import('../fixtures/recording-action');
    const store = createStore(memoryArea(), quiet);
    const full = { ...store, updateAlert: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) };
    const index = buildBreachIndex(
      [{ id: 'co-op-2025', title: 'Co-op', domains: ['coop.co.uk'], breachDate: '2025-04', sensitive: false }],
      ['co.uk'],
    );
    const { calls, action } = recordingAction();
    await handleTabUrl(
      { index, action, t: (k) => k, store: full as typeof store, now: () => Date.UTC(2026, 0, 1) },
      1,
      'https://www.coop.co.uk/',
      true,
    );
    expect(calls.text).toEqual([{ tabId: 1, text: '1' }]);
    expect(calls.colour).toEqual([{ tabId: 1, color: '#b3261e' }]);
  });
});

describe('clearing the region choice', () => {
  it('takes region: null to mean "from my browser" (undefined does not survive a message)', async () => {
    const { handlers: h, store } = handlers();
    await route(h, { type: 'settings/update', payload: { region: 'GB-SCT' } });
    expect((await store.getSettings()).region).toBe('GB-SCT');
    expect(
      await route(h, { type: 'settings/update', payload: JSON.parse(JSON.stringify({ region: null })) }),
    ).toMatchObject({ ok: true });
    expect((await store.getSettings()).region).toBeUndefined();
    // A change of another field leaves the region alone.
    await route(h, { type: 'settings/update', payload: { region: 'US' } });
    await route(h, { type: 'settings/update', payload: { paused: true } });
    expect((await store.getSettings()).region).toBe('US');
  });
});

describe('an import that would not fit', () => {
  it('is refused before anything is written, saying how much it needs and how much is free', async () => {
    const area = memoryArea();
    const store = createStore(area, quiet);
    const h = createHandlers({
      store,
      rebadgeAll: async () => undefined,
      ...fixedDataUpdates(),
      freeBytes: async () => 500,
    });
    const alerts = siteAlerts(6);
    const reply = await route(h, { type: 'alerts/import', payload: { json: JSON.stringify(alerts) } });
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not enough storage: the import needs about \d+ bytes and 500 are free$/),
    });
    expect(await store.listAlerts()).toEqual([]);
  });
});
