import { parseSuffixRules } from '../../src/core/suffix-rules';
import { exampleHibpEntry } from '../fixtures/hibp-entry';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import summaryJson from '@generated/dataset-summary.json';
import type { Alert } from '../../src/core/alert-bookkeeping';
import type { DatasetSummary } from '../../src/core/assemble-dataset';
import { compactBreachIndex } from '../../src/core/breach-index';
import { compactIndexFromBase64 } from '../../src/core/compact-index';
import type { HibpBreach } from '../../src/core/hibp-convert';
import { DAY_MS, FIRST_RETRY_MS } from '../../src/core/update-schedule';
import {
  bundledData,
  checkForUpdate,
  loadDataInUse,
  type DataInUse,
  type DataUpdateDeps,
} from '../../src/background/data-updates';
import { createStore } from '../../src/shared/storage';
import { DATA_DIR } from '../../scripts/lib/dataset-files';
import { memoryArea } from '../fixtures/memory-storage';

const summary = summaryJson as DatasetSummary;
const published = readFileSync(join(DATA_DIR, 'hibp', 'breaches.json'), 'utf8');
const list = JSON.parse(published) as HibpBreach[];
const T0 = Date.UTC(2026, 10, 23, 9);
const shippedSuffixRules = parseSuffixRules(readFileSync(join(DATA_DIR, 'psl', 'icann-suffixes.txt'), 'utf8'));

/** A made-up HIBP entry, as the endpoint would publish it. */
const entry = (over: Partial<HibpBreach>) => exampleHibpEntry(list, over);

interface Served {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}

function setup(initial: Record<string, unknown> = {}) {
  const area = memoryArea(initial);
  const store = createStore(area, { warn: () => undefined });
  const bundled = bundledData(
    summary,
    compactBreachIndex(summary.breaches, compactIndexFromBase64(summary.compactIndex), summary.publicSuffixes),
  );
  let data: DataInUse = bundled;
  let now = T0;
  let serve: Served = { body: published };
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const scheduled: number[] = [];
  const notified: Alert[] = [];
  const permission = { granted: true };
  const deps: DataUpdateDeps = {
    store,
    fetch: (async (url: string, init: RequestInit) => {
      requests.push({ url, headers: init.headers as Record<string, string> });
      return new Response(serve.status === 304 ? null : (serve.body ?? ''), {
        status: serve.status ?? 200,
        headers: serve.headers ?? {},
      });
    }) as unknown as typeof fetch,
    now: () => now,
    random: () => 0.5,
    bundled: summary,
    notifier: async () => ({ notify: async (a) => void notified.push(a) }),
    current: () => data,
    use: async (next) => {
      data = next;
    },
    schedule: async (at) => void scheduled.push(at),
    hostPermission: async () => permission.granted,
    suffixRules: async () => shippedSuffixRules,
  };
  return {
    area,
    store,
    deps,
    requests,
    scheduled,
    notified,
    bundled,
    data: () => data,
    permission,
    serveNext: (s: Served) => (serve = s),
    later: (ms: number) => (now += ms),
  };
}

const ids = (d: DataInUse, host: string) => d.index.find(host).map((b) => b.id);

describe('a good update', () => {
  it('adds a new breach to the index in use and stores it for the popup and the next start', async () => {
    const t = setup();
    t.serveNext({ body: JSON.stringify([...list, entry({})]), headers: { ETag: '"v2"' } });
    const state = await checkForUpdate(t.deps, false);
    expect(state).toMatchObject({ lastOutcome: 'updated', failures: 0, lastCheck: T0 });
    expect(t.scheduled).toEqual([T0 + DAY_MS + 30 * 60_000]);
    expect(t.requests).toEqual([
      { url: 'https://haveibeenpwned.com/api/v3/breaches', headers: { Accept: 'application/json' } },
    ]);
    expect(ids(t.data(), 'shop.newly-breached.example')).toEqual(['hibp-exampleshop']);
    expect(t.data()).toMatchObject({ source: 'updated', fetchedAt: T0, dataDate: '2026-11-20' });
    expect(t.data().counts.breaches).toBe(summary.counts.breaches + 1);
    // Curated entries are still there and still win.
    expect(ids(t.data(), 'www.coop.co.uk')).toEqual(['co-op-2025']);
    expect(ids(t.data(), 'www.romwe.com')).toEqual(ids(t.bundled, 'www.romwe.com'));

    const summaryStored = await t.store.getUpdateSummary();
    const full = await t.store.getUpdateBreaches(summaryStored!.fetchedAt);
    expect(full!.find((b) => b.id === 'hibp-exampleshop')).toMatchObject({
      // Kept as it came: the popup's sanitiser reduces it when it shows it.
      descriptionHtml: 'In October 2026, <a href="https://example.com/">Example Shop</a> lost <em>emails</em>.',
      description: 'In October 2026, Example Shop lost emails.',
      affectedCount: 12345,
    });
    const restarted = await loadDataInUse(t.store, summary, t.bundled);
    expect(ids(restarted, 'newly-breached.example')).toEqual(['hibp-exampleshop']);
  });

  it('leaves out what the build leaves out: flagged entries, and entries curated ones replace', async () => {
    const t = setup();
    const flagged = [
      entry({ Name: 'Spam', Domain: 'spam.example', IsSpamList: true }),
      entry({ Name: 'Fake', Domain: 'fake.example', IsFabricated: true }),
      entry({ Name: 'Old', Domain: 'retired.example', IsRetired: true }),
      entry({ Name: 'NoSite', Domain: '' }),
      // Co-op's own 2025 incident, newly listed: the curated entry describes it from the company's disclosure.
      entry({ Name: 'CoopLeak', Domain: 'coop.co.uk', BreachDate: '2025-05-01' }),
    ];
    t.serveNext({ body: JSON.stringify([...list, ...flagged]) });
    expect((await checkForUpdate(t.deps, false)).lastOutcome).toBe('updated');
    for (const host of ['spam.example', 'fake.example', 'retired.example']) expect(ids(t.data(), host)).toEqual([]);
    expect(ids(t.data(), 'coop.co.uk')).toEqual(['co-op-2025']);
  });

  it('raises "a site you visited has reported a breach" for a site in the alert history, once', async () => {
    const visited: Alert = {
      id: 'coop.co.uk|co-op-2025',
      site: 'coop.co.uk',
      breachId: 'co-op-2025',
      title: 'Co-op',
      firstSeen: T0 - DAY_MS,
      lastSeen: T0 - DAY_MS,
      visits: 2,
      state: 'done',
    };
    const t = setup({ [`alert:${visited.id}`]: visited, settings: { notifications: true } });
    const older = entry({ Name: 'CoopForum', Title: 'Co-op Forum', Domain: 'coop.co.uk', BreachDate: '2019-03-01' });
    t.serveNext({ body: JSON.stringify([...list, older, entry({})]) });
    await checkForUpdate(t.deps, true);
    const alerts = (await t.store.listAlerts()).sort((a, b) => a.id.localeCompare(b.id));
    expect(alerts).toEqual([
      // The visited breach's own alert is left exactly as it was.
      visited,
      {
        id: 'coop.co.uk|hibp-coopforum',
        site: 'coop.co.uk',
        breachId: 'hibp-coopforum',
        title: 'Co-op Forum',
        breachDate: '2019-03-01',
        firstSeen: T0,
        lastSeen: T0,
        visits: 0,
        state: 'new',
        reported: true,
        notified: true,
      },
    ]);
    expect(t.notified.map((a) => a.id)).toEqual(['coop.co.uk|hibp-coopforum']);
    // The same list again raises nothing more: the breach is no longer new.
    t.later(DAY_MS * 2);
    t.serveNext({
      body: JSON.stringify([...list, older, entry({}), entry({ Name: 'Other', Domain: 'other.example' })]),
    });
    await checkForUpdate(t.deps, false);
    expect(await t.store.listAlerts()).toHaveLength(2);
  });

  it('takes an HIBP rename (same domain and breach date, new Name) for the breach it was, not a new one', async () => {
    const adobe = list.find((b) => b.Name === 'Adobe')!;
    const a: Alert = {
      id: 'adobe.com|hibp-adobe',
      site: 'adobe.com',
      breachId: 'hibp-adobe',
      firstSeen: T0,
      lastSeen: T0,
      visits: 1,
      state: 'reviewed',
    };
    const t = setup({ [`alert:${a.id}`]: a, settings: { notifications: true } });
    const renamed = list.map((b) => (b.Name === 'Adobe' ? { ...adobe, Name: 'AdobeSystems' } : b));
    t.serveNext({ body: JSON.stringify(renamed) });
    await checkForUpdate(t.deps, true);
    expect((await t.store.listAlerts()).map((x) => x.id)).toEqual([a.id]);
    expect(t.notified).toEqual([]);
    // The renamed entry is in use, under its new id.
    expect(ids(t.data(), 'adobe.com')).toContain('hibp-adobesystems');
  });

  it('reports only breaches that are new in the download, not known ones the history lacks', async () => {
    // tesco.com has two known breaches; the history holds an alert for one of them only (the other was deleted).
    const a: Alert = {
      id: 'tesco.com|tesco-clubcard-2020',
      site: 'tesco.com',
      breachId: 'tesco-clubcard-2020',
      firstSeen: T0,
      lastSeen: T0,
      visits: 1,
      state: 'reviewed',
    };
    const t = setup({ [`alert:${a.id}`]: a });
    expect(ids(t.bundled, 'tesco.com')).toHaveLength(2);
    t.serveNext({ body: JSON.stringify([...list, entry({})]) });
    await checkForUpdate(t.deps, true);
    expect((await t.store.listAlerts()).map((x) => x.id)).toEqual([a.id]);
  });

  it('raises no reported alert for a muted site or while alerts are paused', async () => {
    const a: Alert = {
      id: 'coop.co.uk|co-op-2025',
      site: 'coop.co.uk',
      breachId: 'co-op-2025',
      firstSeen: T0,
      lastSeen: T0,
      visits: 1,
      state: 'new',
    };
    for (const settings of [{ mutedSites: ['coop.co.uk'] }, { paused: true }]) {
      const t = setup({ [`alert:${a.id}`]: a, settings });
      t.serveNext({
        body: JSON.stringify([...list, entry({ Name: 'CoopForum', Domain: 'coop.co.uk', BreachDate: '2019' })]),
      });
      await checkForUpdate(t.deps, true);
      expect(await t.store.listAlerts()).toHaveLength(1);
    }
  });
});

describe('conditional requests and refusals', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(async () => {
    t = setup();
    t.serveNext({
      body: JSON.stringify([...list, entry({})]),
      headers: { ETag: '"v2"', 'Last-Modified': 'Fri, 20 Nov 2026 10:00:00 GMT' },
    });
    await checkForUpdate(t.deps, false);
    t.later(DAY_MS * 2);
  });

  it('asks with the validators of the list in use and keeps it on 304', async () => {
    t.serveNext({ status: 304 });
    const state = await checkForUpdate(t.deps, false);
    expect(t.requests[1]!.headers).toEqual({
      Accept: 'application/json',
      'If-None-Match': '"v2"',
      'If-Modified-Since': 'Fri, 20 Nov 2026 10:00:00 GMT',
    });
    expect(state).toMatchObject({ lastOutcome: 'unchanged', failures: 0 });
    expect(ids(t.data(), 'newly-breached.example')).toEqual(['hibp-exampleshop']);
  });

  it.each([
    ['a server error', { status: 500, body: 'oops' }, 'failed', 'the server answered 500'],
    ['a truncated list', { body: JSON.stringify(list).slice(0, 10_000) }, 'rejected', 'not valid JSON'],
    [
      'a list that lost 90% of its breaches',
      { body: JSON.stringify(list.slice(0, list.length / 10)) },
      'rejected',
      'suspicious',
    ],
    [
      'an entry whose domain is a whole registry',
      { body: JSON.stringify([...list, entry({ Domain: 'co.uk' })]) },
      'rejected',
      'public suffix',
    ],
    [
      'an entry on a registry the bundled data never names (com.mx)',
      { body: JSON.stringify([...list, entry({ Domain: 'com.mx' })]) },
      'rejected',
      'domain "com.mx" is a public suffix',
    ],
    ['a body over 10 MB', { body: ' '.repeat(11 * 1024 * 1024) }, 'rejected', 'too large'],
  ])('keeps the previous data after %s, with the reason and a retry in 30 min', async (_n, served, outcome, reason) => {
    const before = await t.store.getUpdateSummary();
    t.serveNext(served);
    const now = T0 + DAY_MS * 2;
    const state = await checkForUpdate(t.deps, false);
    expect(state.lastOutcome).toBe(outcome);
    expect(state.lastError!.reason).toContain(reason);
    expect(state.lastError!.at).toBe(now);
    expect(state.failures).toBe(1);
    expect(state.nextCheck).toBe(now + FIRST_RETRY_MS);
    expect(await t.store.getUpdateSummary()).toEqual(before);
    expect(t.data()).toMatchObject({ source: 'updated', fetchedAt: T0 });
    expect(ids(t.data(), 'newly-breached.example')).toEqual(['hibp-exampleshop']);
  });
});

describe('the public suffix rules', () => {
  it('refuses a download when the packaged rules cannot be read, and keeps the data in use', async () => {
    const t = setup();
    t.deps.suffixRules = async () => {
      throw new Error('data/icann-suffixes.txt: 404');
    };
    const state = await checkForUpdate(t.deps, true);
    expect(state.lastOutcome).toBe('rejected');
    expect(state.lastError!.reason).toBe('the public suffix rules could not be read (data/icann-suffixes.txt: 404)');
    expect(await t.store.getUpdateSummary()).toBeUndefined();
    expect(t.data().source).toBe('bundled');
    expect(state.nextCheck).toBeDefined();
  });
});

describe('when checks run', () => {
  it('sends nothing while updates are off, even when asked to check now', async () => {
    const t = setup({ settings: { updates: false } });
    await checkForUpdate(t.deps, true);
    await checkForUpdate(t.deps, false);
    expect(t.requests).toEqual([]);
  });

  it('sends nothing without the host permission, and says so', async () => {
    const t = setup();
    t.permission.granted = false;
    const state = await checkForUpdate(t.deps, true);
    expect(t.requests).toEqual([]);
    expect(state).toMatchObject({
      lastOutcome: 'failed',
      lastError: { reason: 'no permission to contact haveibeenpwned.com' },
    });
    expect(t.data().source).toBe('bundled');
  });

  it('does not check again before the next check is due, unless asked to', async () => {
    const t = setup();
    await checkForUpdate(t.deps, false);
    t.later(60_000);
    await checkForUpdate(t.deps, false);
    expect(t.requests).toHaveLength(1);
    // The early alarm is set again for the time the last check chose.
    expect(t.scheduled.at(-1)).toBe(t.scheduled[0]);
    await checkForUpdate(t.deps, true);
    expect(t.requests).toHaveLength(2);
  });

  it('shares one download among checks asked for at the same time', async () => {
    const t = setup();
    await Promise.all([checkForUpdate(t.deps, true), checkForUpdate(t.deps, true), checkForUpdate(t.deps, false)]);
    expect(t.requests).toHaveLength(1);
  });

  it("after an extension update, merges the download with the new build's curated entries", async () => {
    const t = setup();
    t.serveNext({ body: JSON.stringify([...list, entry({})]) });
    await checkForUpdate(t.deps, true);
    const curatedNow: DatasetSummary['breaches'][number] = {
      id: 'example-shop-2026',
      title: 'Example Shop',
      domains: ['newly-breached.example'],
      breachDate: '2026-09',
      sensitive: false,
      origin: 'curated',
    };
    const newBuild = { ...summary, breaches: [curatedNow, ...summary.breaches] };
    const restarted = await loadDataInUse(t.store, newBuild, t.bundled);
    expect(restarted.source).toBe('updated');
    expect(ids(restarted, 'newly-breached.example')).toEqual(['example-shop-2026']);
    expect(restarted.counts.curated).toBe(summary.counts.curated + 1);
  });

  it('uses the bundled data when a new build brings a newer HIBP snapshot than the download', async () => {
    const t = setup();
    t.serveNext({ body: JSON.stringify([...list, entry({})]) });
    await checkForUpdate(t.deps, true);
    expect((await loadDataInUse(t.store, { ...summary, hibpSnapshot: '2026-11-20' }, t.bundled)).source).toBe(
      'updated',
    );
    expect((await loadDataInUse(t.store, { ...summary, hibpSnapshot: '2026-12-01' }, t.bundled)).source).toBe(
      'bundled',
    );
  });

  it('falls back to the bundled data when the stored download is corrupt', async () => {
    const t = setup();
    t.serveNext({ body: JSON.stringify([...list, entry({})]) });
    await checkForUpdate(t.deps, true);
    t.area.data['data:update:summary'] = { fetchedAt: 'yesterday' };
    const restarted = await loadDataInUse(t.store, summary, t.bundled);
    expect(restarted.source).toBe('bundled');
    expect(t.area.data['corrupt:data:update:summary']).toMatchObject({ value: { fetchedAt: 'yesterday' } });
  });
});

describe('storage full (#23)', () => {
  const good = () => JSON.stringify([...list, entry({})]);

  it('refuses a list that would not fit the space left, with its reason, keeps the data and schedules the next check', async () => {
    const t = setup();
    t.deps.freeBytes = async () => 1000;
    t.serveNext({ body: good() });
    const state = await checkForUpdate(t.deps, true);
    expect(state).toMatchObject({ lastOutcome: 'failed', failures: 1 });
    expect(state.lastError!.reason).toMatch(/^the list needs \d+ bytes of storage and 1000 are free$/);
    expect(t.data().source).toBe('bundled');
    expect(await t.store.getUpdateSummary()).toBeUndefined();
    expect(t.scheduled).toEqual([state.nextCheck]);
  });

  it('records a failed save as a failure with its reason, and schedules the next check', async () => {
    const t = setup();
    t.deps.store = { ...t.store, saveUpdate: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) };
    t.serveNext({ body: good() });
    const state = await checkForUpdate(t.deps, true);
    expect(state).toMatchObject({ lastOutcome: 'failed' });
    expect(state.lastError!.reason).toBe('could not store the list (QUOTA_BYTES quota exceeded)');
    expect(t.data().source).toBe('bundled');
    expect(t.scheduled).toHaveLength(1);
  });

  it('still schedules the next check when something unforeseen throws', async () => {
    const t = setup();
    t.deps.use = async () => Promise.reject(new Error('worker is shutting down'));
    t.serveNext({ body: good() });
    const state = await checkForUpdate(t.deps, true);
    expect(state.lastError!.reason).toBe('the check failed (worker is shutting down)');
    expect(t.scheduled).toEqual([state.nextCheck]);
  });
});

describe('a download stored by an older version (#19)', () => {
  it('still loads: breaches without noticeUrl, attribution, related or changePasswordUrl, summaries without related', async () => {
    const { checkHibpUpdate } = await import('../../src/core/hibp-update');
    const { summariseBreach } = await import('../../src/core/assemble-dataset');
    const body = JSON.stringify([...list, entry({})]);
    const r = checkHibpUpdate(body, 0);
    if (!r.ok) throw new Error(r.reason);
    // What versions before HIBP's DisclosureUrl/Attribution and Apple's lists stored: none of the new fields.
    const old = r.breaches.map((b) => {
      const copy: Record<string, unknown> = { ...b };
      for (const k of ['noticeUrl', 'attribution', 'related', 'changePasswordUrl']) delete copy[k];
      return copy;
    });
    const oldSummary = {
      fetchedAt: T0,
      hibpDate: '2026-11-20',
      breaches: old.map((b) => summariseBreach(b as never)),
    };
    const t = setup({ 'data:update:summary': oldSummary, 'data:update:breaches': { fetchedAt: T0, breaches: old } });
    const inUse = await loadDataInUse(t.store, summary, t.bundled);
    expect(inUse.source).toBe('updated');
    expect(ids(inUse, 'www.newly-breached.example')).toEqual(['hibp-exampleshop']);
    const stored = await t.store.getUpdateBreaches(T0, ['hibp-exampleshop', 'hibp-adobe']);
    expect(stored?.map((b) => b.id).sort()).toEqual(['hibp-adobe', 'hibp-exampleshop']);
    expect(t.area.data['corrupt:data:update:breaches']).toBeUndefined();
  });
});
