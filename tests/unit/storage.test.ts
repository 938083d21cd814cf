import { describe, expect, it } from 'vitest';
import { recordVisit } from '../../src/core/alert-bookkeeping';
import { createStore, SCHEMA_VERSION } from '../../src/shared/storage';

import { memoryArea } from '../fixtures/memory-storage';
const quiet = { warn: () => undefined };
const BREACH = { id: 'co-op-2025', title: 'Co-op cyber attack', breachDate: '2025-04', sensitive: false };

describe('storage', () => {
  it('returns empty progress for a breach never seen', async () => {
    const store = createStore(memoryArea(), quiet);
    expect(await store.getProgress('x')).toEqual({ ticked: [], notCustomer: false });
  });

  it('loses no tick when many are saved at once', async () => {
    const area = memoryArea();
    const store = createStore(area, quiet);
    const steps = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    await Promise.all(steps.map((s) => store.updateProgress('x', (p) => ({ ...p, ticked: [...p.ticked, s] }))));
    expect((await store.getProgress('x')).ticked.sort()).toEqual(steps);
  });

  it('sets a corrupt value aside with its reason and carries on', async () => {
    const warnings: string[] = [];
    const area = memoryArea({ 'progress:x': { ticked: 'oops', notCustomer: 3 } });
    const store = createStore(area, { warn: (m) => warnings.push(m) });
    expect(await store.getProgress('x')).toEqual({ ticked: [], notCustomer: false });
    expect(area.data['corrupt:progress:x']).toMatchObject({ value: { ticked: 'oops', notCustomer: 3 } });
    expect(warnings[0]).toContain('progress:x');
  });

  it('repairs a damaged record in the same write that keeps the damaged copy: the key is never missing meanwhile', async () => {
    const area = memoryArea({ settings: { updates: false, maxAgeYears: 'five' } });
    const removed: unknown[] = [];
    const written: string[][] = [];
    const watched = {
      ...area,
      remove: async (k: string | string[]) => (removed.push(k), area.remove(k)),
      set: async (items: Record<string, unknown>) => (written.push(Object.keys(items).sort()), area.set(items)),
    };
    const store = createStore(watched, quiet);
    expect(await store.getSettings()).toMatchObject({ updates: false, maxAgeYears: 3 });
    expect(removed).toEqual([]);
    expect(written).toEqual([['corrupt:settings', 'settings']]);
  });

  it('never lets a repair by a plain read delete a good value written at the same time', async () => {
    const { createStore: make } = await import('../../src/shared/storage');
    for (let round = 0; round < 20; round++) {
      const area = memoryArea({ 'alert:a.example|x': { id: 'a.example|x', visits: 'corrupt' } });
      const store = make(area, quiet);
      const good = {
        id: 'a.example|x',
        site: 'a.example',
        breachId: 'x',
        firstSeen: 1,
        lastSeen: 1,
        visits: 1,
        state: 'new' as const,
      };
      // A reader (the re-badge) and a writer (the visit) race on one corrupt key.
      await Promise.all([
        store.getAlert('a.example|x'),
        store.updateAlert('a.example|x', () => good),
        store.listAlerts(),
      ]);
      expect(area.data['alert:a.example|x']).toEqual(good);
      expect(area.data['corrupt:alert:a.example|x']).toBeDefined();
    }
  });

  it('stamps the schema version and leaves a newer one alone', async () => {
    const area = memoryArea();
    await createStore(area, quiet).migrate();
    expect(area.data.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
    const newer = memoryArea({ meta: { schemaVersion: SCHEMA_VERSION + 1 } });
    await createStore(newer, quiet).migrate();
    expect(newer.data.meta).toEqual({ schemaVersion: SCHEMA_VERSION + 1 });
  });
});

describe('storage of downloaded breach data', () => {
  const summary = {
    fetchedAt: 1000,
    hibpDate: '2026-11-20',
    breaches: [
      {
        id: 'hibp-x',
        title: 'X',
        domains: ['x.example'],
        breachDate: '2026',
        sensitive: false,
        origin: 'hibp' as const,
      },
    ],
  };

  it('keeps the summary and the full breaches together, and drops the summary when the breaches are gone', async () => {
    const area = memoryArea();
    const store = createStore(area, quiet);
    await store.saveUpdate(summary, []);
    expect(await store.getUpdateSummary()).toEqual(summary);
    expect(await store.getUpdateBreaches(1000)).toEqual([]);
    // Asked for by a reader of an older summary (a newer download was saved meanwhile): not used, not discarded.
    expect(await store.getUpdateBreaches(999)).toBeUndefined();
    expect(await store.getUpdateSummary()).toEqual(summary);
    expect(await store.getUpdateBreaches(1000)).toEqual([]);
    expect(area.data['corrupt:data:update:breaches']).toBeUndefined();
    // No full copy at all: the summary cannot be used either.
    await area.remove('data:update:breaches');
    expect(await store.getUpdateBreaches(1000)).toBeUndefined();
    expect(await store.getUpdateSummary()).toBeUndefined();
  });

  it('removes the damaged copies set aside when all alerts are cleared', async () => {
    const area = memoryArea({ 'corrupt:settings': { value: 1 }, 'alert:a.example|b': {}, 'corrupt:alert:x': {} });
    const store = createStore(area, quiet);
    await store.clearAlerts();
    expect(Object.keys(area.data).filter((k) => k.startsWith('corrupt:') || k.startsWith('alert:'))).toEqual([]);
  });

  it('sets a corrupt copy of the full breaches aside', async () => {
    const area = memoryArea({ 'data:update:breaches': { fetchedAt: 1000, breaches: [{ id: 'no' }] } });
    const store = createStore(area, quiet);
    expect(await store.getUpdateBreaches(1000)).toBeUndefined();
    expect(area.data['corrupt:data:update:breaches']).toBeDefined();
  });

  it('checks only the breaches asked for, and sets the copy aside when one of them is corrupt', async () => {
    const good = JSON.parse(JSON.stringify(await import('@generated/dataset.json'))).default.breaches.find(
      (b: { origin: string }) => b.origin === 'hibp',
    );
    const area = memoryArea({
      'data:update:summary': summary,
      'data:update:breaches': { fetchedAt: 1000, breaches: [good, { id: 'hibp-broken', title: 3 }] },
    });
    const store = createStore(area, quiet);
    expect(await store.getUpdateBreaches(1000, [good.id])).toEqual([good]);
    expect(await store.getUpdateBreaches(1000, ['hibp-broken'])).toBeUndefined();
    expect(area.data['corrupt:data:update:breaches']).toBeDefined();
    expect(await store.getUpdateSummary()).toBeUndefined();
  });

  it('turns updates on by default and keeps a stored choice', async () => {
    expect((await createStore(memoryArea(), quiet).getSettings()).updates).toBe(true);
    expect((await createStore(memoryArea({ settings: { updates: false } }), quiet).getSettings()).updates).toBe(false);
  });
});

describe('storage: the alerts kept in memory for the badge', () => {
  it("reads one alert from memory once the alerts are kept, follows writes and others' changes, sets a damaged one aside", async () => {
    const area = memoryArea({ 'alert:coop.co.uk|co-op-2025': recordVisit(undefined, 'coop.co.uk', BREACH, 1) });
    const gets: unknown[] = [];
    let listener: ((c: Record<string, { newValue?: unknown }>) => void) | undefined;
    const counting = { ...area, get: async (k: string | string[] | null) => (gets.push(k), area.get(k)) };
    const store = createStore(counting, quiet, { watch: (l) => (listener = l) });
    const foreign = async (key: string, value: unknown) => {
      await area.set({ [key]: value });
      listener!({ [key]: { newValue: value } });
    };
    // Before: each read goes to the area.
    expect((await store.getAlert('coop.co.uk|co-op-2025'))?.visits).toBe(1);
    expect(gets).toEqual(['alert:coop.co.uk|co-op-2025']);
    await store.keepAlertsInMemory();
    gets.length = 0;
    expect((await store.getAlert('coop.co.uk|co-op-2025'))?.state).toBe('new');
    expect(await store.getAlert('other.example|x')).toBeUndefined();
    expect(gets).toEqual([]);
    await store.updateAlert('coop.co.uk|co-op-2025', (a) => a && { ...a, state: 'reviewed' });
    expect((await store.getAlert('coop.co.uk|co-op-2025'))?.state).toBe('reviewed');
    await foreign('alert:coop.co.uk|co-op-2025', { id: 'broken' });
    expect(await store.getAlert('coop.co.uk|co-op-2025')).toBeUndefined();
    expect(Object.keys(area.data)).toContain('corrupt:alert:coop.co.uk|co-op-2025');
  });

  it('keeps nothing in memory without a watch (every read goes to the area)', async () => {
    const area = memoryArea({ 'alert:coop.co.uk|co-op-2025': recordVisit(undefined, 'coop.co.uk', BREACH, 1) });
    const store = createStore(area, quiet);
    await store.keepAlertsInMemory();
    await area.set({ 'alert:coop.co.uk|co-op-2025': { ...area.data['alert:coop.co.uk|co-op-2025']!, visits: 5 } });
    expect((await store.getAlert('coop.co.uk|co-op-2025'))?.visits).toBe(5);
  });
});
