import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  alertsToCsv,
  filterAlerts,
  mergeAlerts,
  recordVisit,
  shouldAlert,
  withinAgeWindow,
  type Alert,
  type AlertSettings,
} from '../../src/core/alert-bookkeeping';
import { buildBreachIndex } from '../../src/core/breach-index';
import { createHandlers, parseAlertsExport, route } from '../../src/background/message-router';
import { fixedDataUpdates } from '../fixtures/data-status';
import { handleTabUrl } from '../../src/background/site-visit';
import { createStore, DEFAULT_SETTINGS, SCHEMA_VERSION } from '../../src/shared/storage';
import { memoryArea } from '../fixtures/memory-storage';
import { fakeT, recordingAction } from '../fixtures/recording-action';

const breach = { id: 'co-op-2025', title: 'Co-op cyber attack', breachDate: '2025-04', sensitive: false };
const settings: AlertSettings = { paused: false, mutedSites: [], maxAgeYears: null, recordSensitive: false };
const T0 = Date.UTC(2026, 10, 23);
const quiet = { warn: () => undefined };
const alert = (over: Partial<Alert>): Alert => ({
  id: 'a.example|x',
  site: 'a.example',
  breachId: 'x',
  title: 'X',
  firstSeen: T0,
  lastSeen: T0,
  visits: 1,
  state: 'new',
  ...over,
});

describe('alert bookkeeping', () => {
  it('creates one new alert on the first visit and counts later ones, keeping the state', () => {
    const first = recordVisit(undefined, 'coop.co.uk', breach, T0);
    expect(first).toEqual({
      id: 'coop.co.uk|co-op-2025',
      site: 'coop.co.uk',
      breachId: 'co-op-2025',
      title: 'Co-op cyber attack',
      breachDate: '2025-04',
      firstSeen: T0,
      lastSeen: T0,
      visits: 1,
      state: 'new',
    });
    const again = recordVisit({ ...first, state: 'reviewed' }, 'coop.co.uk', breach, T0 + 5000);
    expect(again).toMatchObject({ visits: 2, firstSeen: T0, lastSeen: T0 + 5000, state: 'reviewed' });
  });

  it('stores nothing of a sensitive breach unless the person opted in, and then its title too', () => {
    const sensitive = { ...breach, sensitive: true };
    expect(shouldAlert('s.example', sensitive, settings, T0)).toBe(false);
    expect(shouldAlert('s.example', sensitive, { ...settings, recordSensitive: true }, T0)).toBe(true);
    expect(recordVisit(undefined, 's.example', sensitive, T0).title).toBe(breach.title);
  });

  it('raises no alert when paused, on a muted site (or its subdomain), or for a breach older than the window', () => {
    expect(shouldAlert('coop.co.uk', breach, settings, T0)).toBe(true);
    expect(shouldAlert('coop.co.uk', breach, { ...settings, paused: true }, T0)).toBe(false);
    expect(shouldAlert('coop.co.uk', breach, { ...settings, mutedSites: ['coop.co.uk'] }, T0)).toBe(false);
    expect(shouldAlert('shop.coop.co.uk', breach, { ...settings, mutedSites: ['coop.co.uk'] }, T0)).toBe(false);
    expect(shouldAlert('notcoop.co.uk', breach, { ...settings, mutedSites: ['coop.co.uk'] }, T0)).toBe(true);
    expect(shouldAlert('coop.co.uk', { ...breach, breachDate: '2017-02' }, { ...settings, maxAgeYears: 5 }, T0)).toBe(
      false,
    );
  });

  it.each([
    ['2025-04', 1, false],
    ['2025-11-23', 1, true],
    ['2025-11-22', 1, false],
    ['2025-11', 1, true],
    ['2025-10', 1, false],
    ['2021', 5, true],
    ['2020', 5, false],
    ['1999', null, true],
  ] as const)('breach of %s is within %s year(s) on 23 Nov 2026: %s', (date, years, within) => {
    expect(withinAgeWindow(date, years, T0)).toBe(within);
  });

  it('merges imports without duplicates, keeping the widest history and the furthest state', () => {
    const stored = [alert({ visits: 3, lastSeen: T0 + 10, state: 'reviewed' })];
    const imported = [
      alert({ visits: 2, firstSeen: T0 - 10, state: 'done' }),
      alert({ id: 'b.example|y', site: 'b.example', breachId: 'y' }),
    ];
    const { merged, added } = mergeAlerts(stored, imported);
    expect(added).toBe(1);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ visits: 3, firstSeen: T0 - 10, lastSeen: T0 + 10, state: 'done' });
  });

  it('filters by state and searches site and title, newest first', () => {
    const alerts = [
      alert({ id: '1', site: 'coop.co.uk', title: 'Co-op', lastSeen: 1 }),
      alert({ id: '2', site: 'marksandspencer.com', title: 'M&S', lastSeen: 3, state: 'reviewed' }),
      alert({ id: '3', site: 'debenhamsflowers.com', title: 'Debenhams Flowers', lastSeen: 2, state: 'dismissed' }),
    ];
    expect(filterAlerts(alerts, 'all').map((a) => a.id)).toEqual(['2', '3', '1']);
    expect(filterAlerts(alerts, 'new').map((a) => a.id)).toEqual(['1']);
    expect(filterAlerts(alerts, 'dismissed').map((a) => a.id)).toEqual(['3']);
    expect(filterAlerts(alerts, 'all', 'DEBENHAMS').map((a) => a.id)).toEqual(['3']);
    expect(filterAlerts(alerts, 'all', 'coop').map((a) => a.id)).toEqual(['1']);
  });

  it('exports CSV with quoting and without spreadsheet formulas', () => {
    const csv = alertsToCsv([alert({ title: '=HYPERLINK("x"), "quoted"' })]);
    const [header, row] = csv.trim().split('\r\n');
    expect(header).toBe('site,breachId,title,state,visits,firstSeen,lastSeen');
    expect(row).toBe(
      `a.example,x,"'=HYPERLINK(""x""), ""quoted""",new,1,${new Date(T0).toISOString()},${new Date(T0).toISOString()}`,
    );
  });
});

describe('recording visits in the worker', () => {
  const index = buildBreachIndex(
    [
      {
        id: 'co-op-2025',
        title: 'Co-op cyber attack',
        domains: ['coop.co.uk'],
        breachDate: '2025-04',
        sensitive: false,
      },
      // Breached in 2012, known since 2016: old, so calm.
      {
        id: 'old-2012',
        title: 'Old leak',
        domains: ['old.example'],
        breachDate: '2012-07',
        knownSince: '2016-08-31',
        sensitive: false,
      },
      { id: 'dating-2025', title: 'Dating site', domains: ['dating.example'], breachDate: '2025-01', sensitive: true },
    ],
    ['co.uk'],
  );
  const setup = (initial = {}) => {
    const area = memoryArea(initial);
    const store = createStore(area, quiet);
    const { calls, action } = recordingAction();
    return { area, store, calls, deps: { index, action, t: fakeT, store, now: () => T0 } };
  };

  it('stores exactly one alert per site and breach however many tabs visit at once', async () => {
    const { store, deps } = setup();
    await Promise.all(Array.from({ length: 12 }, (_, i) => handleTabUrl(deps, i, 'https://www.coop.co.uk/', true)));
    const alerts = await store.listAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: 'coop.co.uk|co-op-2025', visits: 12, state: 'new' });
  });

  it('does not count a re-badge as a visit, and badges calm once the alert is reviewed', async () => {
    const { store, deps, calls } = setup();
    await handleTabUrl(deps, 1, 'https://coop.co.uk/', true);
    await store.updateAlert('coop.co.uk|co-op-2025', (a) => a && { ...a, state: 'reviewed' });
    await handleTabUrl(deps, 1, 'https://coop.co.uk/', false);
    expect((await store.listAlerts())[0]!.visits).toBe(1);
    expect(calls.colour!.map((c) => (c as { color: string }).color)).toEqual(['#b3261e', '#3c5a80']);
  });

  it('badges an old breach calm: no alert by default (3 years), and a calm badge even when alerts cover any year', async () => {
    const { store, deps, calls } = setup();
    await handleTabUrl(deps, 1, 'https://www.old.example/', true);
    expect(await store.listAlerts()).toEqual([]);
    await store.updateSettings((s) => ({ ...s, maxAgeYears: null }));
    await handleTabUrl(deps, 2, 'https://www.old.example/', true);
    expect((await store.listAlerts()).map((a) => [a.id, a.state])).toEqual([['old.example|old-2012', 'new']]);
    expect(calls.text).toEqual([
      { tabId: 1, text: '1' },
      { tabId: 2, text: '1' },
    ]);
    expect(calls.colour!.map((c) => (c as { color: string }).color)).toEqual(['#3c5a80', '#3c5a80']);
  });

  it('stores nothing of a sensitive breach by default, yet badges it; stores it once the person opts in', async () => {
    const { store, deps, calls, area } = setup();
    await handleTabUrl(deps, 1, 'https://dating.example/', true);
    await handleTabUrl(deps, 1, 'https://dating.example/', false);
    expect(Object.keys(area.data).filter((k) => k.includes('dating'))).toEqual([]);
    expect(calls.colour!.map((c) => (c as { color: string }).color)).toEqual(['#b3261e', '#b3261e']);
    await store.updateSettings((s) => ({ ...s, recordSensitive: true }));
    await handleTabUrl(deps, 2, 'https://dating.example/', true);
    expect((await store.listAlerts()).map((a) => [a.id, a.title])).toEqual([
      ['dating.example|dating-2025', 'Dating site'],
    ]);
  });

  it('badges a private (incognito) tab but records nothing from it', async () => {
    const { store, deps, calls, area } = setup();
    await handleTabUrl(deps, 1, 'https://www.coop.co.uk/', true, true);
    expect(await store.listAlerts()).toEqual([]);
    expect(Object.keys(area.data).filter((k) => k.startsWith('alert:'))).toEqual([]);
    expect(calls.text).toEqual([{ tabId: 1, text: '1' }]);
  });

  it('keeps a private tab, and a visit storage had no room for, alert-coloured when the page finishes loading', async () => {
    const { deps, calls, area } = setup();
    // The navigation (a visit) and then the load's completion (a re-badge that only reads).
    await handleTabUrl(deps, 1, 'https://www.coop.co.uk/', true, true);
    await handleTabUrl(deps, 1, 'https://www.coop.co.uk/', false, true);
    area.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    await handleTabUrl(deps, 2, 'https://www.coop.co.uk/', true);
    await handleTabUrl(deps, 2, 'https://www.coop.co.uk/', false);
    expect(calls.colour!.map((c) => (c as { color: string }).color)).toEqual([
      '#b3261e',
      '#b3261e',
      '#b3261e',
      '#b3261e',
    ]);
  });

  it('records nothing on a muted site and badges it grey (muted)', async () => {
    const { store, deps, calls } = setup({ settings: { ...DEFAULT_SETTINGS, mutedSites: ['coop.co.uk'] } });
    await handleTabUrl(deps, 1, 'https://www.coop.co.uk/', true);
    expect(await store.listAlerts()).toEqual([]);
    expect(calls.text).toEqual([{ tabId: 1, text: '1' }]);
    expect(calls.colour).toEqual([{ tabId: 1, color: '#5f6368' }]);
  });

  it('badges a muted site grey even when an alert from before the mute is still new', async () => {
    const { store, deps, calls } = setup();
    await handleTabUrl(deps, 1, 'https://www.coop.co.uk/', true);
    await store.updateSettings((s) => ({ ...s, mutedSites: ['coop.co.uk'] }));
    await handleTabUrl(deps, 1, 'https://www.coop.co.uk/', false);
    await handleTabUrl(deps, 2, 'https://www.coop.co.uk/', true);
    expect(calls.colour!.map((c) => (c as { color: string }).color)).toEqual(['#b3261e', '#5f6368', '#5f6368']);
    expect((await store.listAlerts())[0]).toMatchObject({ visits: 1, state: 'new' });
  });

  it('sets the badge without waiting for the visit to be written, in the colour the written alert calls for', async () => {
    const { store, deps, calls, area } = setup();
    // Writes hang until released: the badge must not be behind them.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const set = area.set.bind(area);
    area.set = async (items) => {
      await held;
      return set(items);
    };
    const visit = handleTabUrl(deps, 1, 'https://www.coop.co.uk/', true);
    await expect.poll(() => calls.text?.length ?? 0).toBe(1);
    expect(calls.colour).toEqual([{ tabId: 1, color: '#b3261e' }]);
    expect(await store.listAlerts()).toEqual([]);
    release();
    await visit;
    // The visit is still recorded, and handleTabUrl ends only once it is.
    expect((await store.listAlerts()).map((a) => [a.id, a.visits, a.state])).toEqual([
      ['coop.co.uk|co-op-2025', 1, 'new'],
    ]);
  });

  it('records the visit even when the badge cannot be set (the tab was closed or replaced meanwhile)', async () => {
    const { store, deps } = setup();
    const gone = async () => {
      throw new Error('No tab with id: 1.');
    };
    const action = { ...deps.action, setBadgeText: gone };
    await expect(handleTabUrl({ ...deps, action }, 1, 'https://www.coop.co.uk/', true)).rejects.toThrow('No tab');
    expect((await store.listAlerts()).map((a) => a.id)).toEqual(['coop.co.uk|co-op-2025']);
  });

  it('notifies once per breach, only when switched on and allowed', async () => {
    const notified: string[] = [];
    const { deps } = setup({ settings: { ...DEFAULT_SETTINGS, notifications: true } });
    const notifier = async () => ({ notify: async (a: Alert) => void notified.push(a.id) });
    await handleTabUrl({ ...deps, notifier }, 1, 'https://coop.co.uk/', true);
    await handleTabUrl({ ...deps, notifier }, 2, 'https://coop.co.uk/', true);
    expect(notified).toEqual(['coop.co.uk|co-op-2025']);
  });
});

describe('messages from pages', () => {
  const setup = (initial: Record<string, unknown> = {}) => {
    const area = memoryArea(initial);
    const store = createStore(area, quiet);
    let rebadged = 0;
    const handlers = createHandlers({ store, rebadgeAll: async () => void rebadged++, ...fixedDataUpdates() });
    return { area, store, handlers, rebadged: () => rebadged };
  };

  it('changes states and re-badges open tabs', async () => {
    const { handlers, store, rebadged } = setup({ 'alert:a.example|x': alert({}) });
    const r = await route(handlers, { type: 'alerts/set-state', payload: { ids: ['a.example|x'], state: 'done' } });
    expect(r).toMatchObject({ ok: true });
    expect((await store.listAlerts())[0]!.state).toBe('done');
    expect(rebadged()).toBe(1);
  });

  it('changes the state of a selection in one write, and creates no alert for an id it does not have', async () => {
    const { handlers, area, store } = setup({
      'alert:a.example|x': alert({}),
      'alert:b.example|y': alert({ id: 'b.example|y', site: 'b.example', breachId: 'y' }),
    });
    const writes: string[][] = [];
    const set = area.set.bind(area);
    area.set = async (items) => {
      writes.push(Object.keys(items));
      return set(items);
    };
    const r = await route(handlers, {
      type: 'alerts/set-state',
      payload: { ids: ['a.example|x', 'b.example|y', 'missing|z'], state: 'dismissed' },
    });
    expect(r).toMatchObject({ ok: true });
    expect(writes).toEqual([['alert:a.example|x', 'alert:b.example|y']]);
    expect((await store.listAlerts()).map((a) => [a.id, a.state]).sort()).toEqual([
      ['a.example|x', 'dismissed'],
      ['b.example|y', 'dismissed'],
    ]);
  });

  it('"seen" turns only new alerts into reviewed ones', async () => {
    const { handlers, store } = setup({
      'alert:a.example|x': alert({}),
      'alert:b.example|y': alert({ id: 'b.example|y', site: 'b.example', breachId: 'y', state: 'done' }),
    });
    await route(handlers, { type: 'alerts/seen', payload: { ids: ['a.example|x', 'b.example|y', 'missing|z'] } });
    const states = Object.fromEntries((await store.listAlerts()).map((a) => [a.id, a.state]));
    expect(states).toEqual({ 'a.example|x': 'reviewed', 'b.example|y': 'done' });
  });

  it('"seen" writes and re-badges only when an alert was new: the popup says it on every open', async () => {
    const { handlers, area, rebadged } = setup({
      'alert:a.example|x': alert({}),
      'alert:b.example|y': alert({ id: 'b.example|y', site: 'b.example', breachId: 'y', state: 'reviewed' }),
    });
    const writes: string[][] = [];
    const set = area.set.bind(area);
    area.set = async (items) => {
      writes.push(Object.keys(items));
      return set(items);
    };
    const seen = (ids: string[]) => route(handlers, { type: 'alerts/seen', payload: { ids } });
    expect(await seen(['a.example|x', 'b.example|y'])).toEqual({ ok: true, value: 1 });
    expect(writes).toEqual([['alert:a.example|x']]);
    expect(rebadged()).toBe(1);
    // Opened again: both are reviewed now, so nothing is written and no tab is re-badged.
    expect(await seen(['a.example|x', 'b.example|y', 'missing|z'])).toEqual({ ok: true, value: 0 });
    expect(writes).toHaveLength(1);
    expect(rebadged()).toBe(1);
  });

  it('imports an export back after clearing, without duplicates', async () => {
    const { handlers, store } = setup({ 'alert:a.example|x': alert({ visits: 4 }) });
    const exported = JSON.stringify({ format: 'am-i-affected/alerts', alerts: await store.listAlerts() });
    await route(handlers, { type: 'alerts/clear', payload: {} });
    expect(await store.listAlerts()).toEqual([]);
    expect(await route(handlers, { type: 'alerts/import', payload: { json: exported } })).toEqual({
      ok: true,
      value: { added: 1, merged: 0 },
    });
    expect(await route(handlers, { type: 'alerts/import', payload: { json: exported } })).toEqual({
      ok: true,
      value: { added: 0, merged: 1 },
    });
    expect(await store.listAlerts()).toEqual([alert({ visits: 4 })]);
  });

  it.each([
    ['{not json', 'not a JSON file'],
    ['{"format":"other","alerts":[]}', 'not an alerts export'],
    ['[{"id":"x"}]', 'not an alerts export'],
  ])('rejects the import %s with a clear reason and changes nothing', async (json, reason) => {
    const { handlers, store } = setup({ 'alert:a.example|x': alert({}) });
    const r = await route(handlers, { type: 'alerts/import', payload: { json } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(reason);
    expect(await store.listAlerts()).toHaveLength(1);
  });

  it('answers an unknown message with an error, not a crash', async () => {
    const { handlers } = setup();
    expect(await route(handlers, { type: 'nope', payload: {} })).toEqual({
      ok: false,
      error: 'unknown message "nope"',
    });
    expect(await route(handlers, undefined)).toMatchObject({ ok: false });
  });

  it('mutes and unmutes a site', async () => {
    const { handlers, store } = setup();
    await route(handlers, { type: 'sites/mute', payload: { site: 'coop.co.uk' } });
    expect((await store.getSettings()).mutedSites).toEqual(['coop.co.uk']);
    await route(handlers, { type: 'sites/unmute', payload: { site: 'coop.co.uk' } });
    expect((await store.getSettings()).mutedSites).toEqual([]);
  });

  it('parses a bare array export too', () => {
    expect(parseAlertsExport(JSON.stringify([alert({})]))).toEqual([alert({})]);
  });
});

describe('storage migrations and corruption', () => {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'storage', name), 'utf8')) as Record<
      string,
      unknown
    >;

  it.each(['v1.json', 'v1-no-meta.json'])('migrates %s to the current schema and loses nothing', async (name) => {
    const before = fixture(name);
    const area = memoryArea(before);
    const store = createStore(area, quiet);
    await store.migrate();
    expect(area.data.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
    for (const [key, value] of Object.entries(before)) {
      if (key.startsWith('progress:')) expect(await store.getProgress(key.slice('progress:'.length))).toEqual(value);
    }
    const settings = await store.getSettings();
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, ...((before.settings as object) ?? {}) });
    await store.migrate(); // a second run changes nothing
    expect(area.data.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
  });

  it('2 → 3: removes the alerts of sensitive breaches (schema 2 kept them without a title) unless opted in', async () => {
    const before = fixture('v2.json');
    const area = memoryArea(before);
    const store = createStore(area, quiet);
    await store.migrate();
    expect(area.data.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
    expect((await store.listAlerts()).map((a) => a.id)).toEqual(['coop.co.uk|co-op-2025']);
    expect(Object.keys(area.data).filter((k) => k.includes('ashleymadison'))).toEqual([]);
    expect(await store.getProgress('co-op-2025')).toEqual({ ticked: ['phishing'], notCustomer: false });
    // "Any year", the old default every install had stored, becomes the new default; the rest is kept.
    expect(await store.getSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      region: 'GB-EAW',
      mutedSites: ['marksandspencer.com'],
      maxAgeYears: 3,
      recordSensitive: false,
    });
    expect(area.data.settings).not.toHaveProperty('keepSensitiveTitles');

    const optedIn = fixture('v2.json');
    optedIn.settings = { ...(optedIn.settings as object), keepSensitiveTitles: true, maxAgeYears: 5 };
    const kept = memoryArea(optedIn);
    const keptStore = createStore(kept, quiet);
    await keptStore.migrate();
    expect((await keptStore.listAlerts()).map((a) => a.id).sort()).toEqual([
      'ashleymadison.com|hibp-ashleymadison',
      'coop.co.uk|co-op-2025',
    ]);
    expect(await keptStore.getSettings()).toMatchObject({ maxAgeYears: 5, recordSensitive: true });
  });

  it('sets corrupt alerts aside and keeps the good ones', async () => {
    const warnings: string[] = [];
    const area = memoryArea({
      'alert:a.example|x': alert({}),
      'alert:bad|y': { id: 'bad|y', visits: 'many' },
      'alert:worse|z': 'truncated {"id":',
    });
    const store = createStore(area, { warn: (m) => warnings.push(m) });
    expect((await store.listAlerts()).map((a) => a.id)).toEqual(['a.example|x']);
    expect(Object.keys(area.data).sort()).toEqual([
      'alert:a.example|x',
      'corrupt:alert:bad|y',
      'corrupt:alert:worse|z',
    ]);
    expect(warnings).toHaveLength(2);
  });

  it('repairs corrupt settings to defaults with a logged reason', async () => {
    const warnings: string[] = [];
    const store = createStore(memoryArea({ settings: { mutedSites: 'coop.co.uk' } }), {
      warn: (m) => warnings.push(m),
    });
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(warnings[0]).toContain('"settings"');
  });
});
