// Issue #13: the history check's rules (verdicts, grouping, odd URLs), its merge with visit alerts, its storage
// (one write, nothing half-stored), and "Stop using my history".
import { describe, expect, it } from 'vitest';
import { recordHistory, recordVisit, withoutHistory, type Alert } from '../../src/core/alert-bookkeeping';
import type { BreachSummary } from '../../src/core/assemble-dataset';
import { buildBreachIndex } from '../../src/core/breach-index';
import { historyFindings, sitesInHistory, type HistoryEntry } from '../../src/core/history-findings';
import { historyVerdict, notCustomerNow, type SiteHistory } from '../../src/core/history-verdict';
import {
  createHistoryScanner,
  HistoryWithdrawnError,
  readWholeHistory,
  type HistoryApi,
} from '../../src/background/history-scan';
import { createStore, DEFAULT_SETTINGS } from '../../src/shared/storage';
import { memoryArea } from '../fixtures/memory-storage';

const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
const quiet = { warn: () => undefined };

describe('the history verdict', () => {
  const breach = { breachDate: '2025-04-22', disclosedDate: '2025-05-01' };
  const seen = (first: string, last = first, visits = 3): SiteHistory => ({
    firstVisit: day(first),
    lastVisit: day(last),
    visits,
  });
  const START = day('2024-01-01'); // a history that reaches back before the breach

  it.each([
    ['2025-03-01', START, 'before-breach'],
    ['2025-04-22', START, 'before-breach'], // the breach's own day counts as before
    ['2025-04-25', START, 'before-disclosure'], // after the breach began, before it was public
    ['2025-05-01', START, 'before-disclosure'],
    ['2025-05-02', START, 'after-disclosure'],
    ['2026-11-01', START, 'after-disclosure'],
    // The history starts after the breach: the first visit it shows may not be the first.
    ['2026-11-01', day('2026-09-01'), 'history-short'],
    ['2025-05-02', day('2025-05-02'), 'history-short'],
  ] as const)('first visit %s, history from %s → %s', (first, start, expected) => {
    expect(historyVerdict(seen(first), breach, start)).toBe(expected);
  });

  it('compares partial dates conservatively: the same month or year as the breach may be affected', () => {
    expect(historyVerdict(seen('2018-06-28'), { breachDate: '2018-06' }, START)).toBe('before-breach');
    expect(historyVerdict(seen('2018-12-31'), { breachDate: '2018' }, START)).toBe('before-breach');
    expect(historyVerdict(seen('2019-01-01'), { breachDate: '2018', disclosedDate: '2019' }, START)).toBe(
      'before-disclosure',
    );
    expect(historyVerdict(seen('2020-01-01'), { breachDate: '2018', disclosedDate: '2019' }, day('2017-06-01'))).toBe(
      'after-disclosure',
    );
    // History starting in the breach's month reaches back to it as far as "2018-06" says.
    expect(
      historyVerdict(seen('2019-02-01'), { breachDate: '2018-06', disclosedDate: '2018-07' }, day('2018-06-30')),
    ).toBe('after-disclosure');
  });

  it('without a disclosure date, HIBP listing date or knownSince counts; else the breach date', () => {
    expect(historyVerdict(seen('2025-02-01'), { breachDate: '2024-12', addedDate: '2025-03-01' }, START)).toBe(
      'before-disclosure',
    );
    expect(historyVerdict(seen('2025-02-01'), { breachDate: '2024-12', knownSince: '2025-03' }, START)).toBe(
      'before-disclosure',
    );
    expect(historyVerdict(seen('2025-02-01'), { breachDate: '2024-12' }, START)).toBe('after-disclosure');
  });

  it('ticks "not a customer then" only when the history clearly says so and the person has not chosen', () => {
    const p = { notCustomer: false };
    expect(notCustomerNow(p, 'after-disclosure')).toBe(true);
    for (const v of ['before-breach', 'before-disclosure', 'history-short', undefined] as const)
      expect(notCustomerNow(p, v)).toBe(false);
    expect(notCustomerNow({ notCustomer: false, notCustomerChosen: true }, 'after-disclosure')).toBe(false);
    expect(notCustomerNow({ notCustomer: true, notCustomerChosen: true }, 'before-breach')).toBe(true);
  });
});

const summary = (
  id: string,
  domains: string[],
  breachDate: string,
  over: Partial<BreachSummary> = {},
): BreachSummary => ({
  id,
  title: id,
  domains,
  breachDate,
  sensitive: false,
  origin: 'curated',
  ...over,
});
const COOP = summary('co-op-2025', ['coop.co.uk'], '2025-04-22', { knownSince: '2025-05-01' });
const OLD = summary('old-shop-2012', ['old-shop.example'], '2012');
const DATING = summary('dating-2020', ['dating.example'], '2020', { sensitive: true });
const index = buildBreachIndex([COOP, OLD, DATING], ['co.uk', 'example']);

describe('history entries → breached sites', () => {
  it('groups a site’s hosts, sums visits, and never matches on a mere suffix of a label', () => {
    const { sites, hosts } = sitesInHistory(
      [
        { url: 'https://www.coop.co.uk/', lastVisitTime: day('2026-11-01'), visitCount: 4 },
        { url: 'https://shop.coop.co.uk/basket?x=1', lastVisitTime: day('2026-10-01'), visitCount: 2 },
        { url: 'https://notcoop.co.uk/', lastVisitTime: day('2026-10-01'), visitCount: 9 },
        { url: 'https://coop.co.uk.evil.example/', lastVisitTime: day('2026-10-01'), visitCount: 9 },
      ],
      index,
    );
    expect(hosts).toBe(4);
    expect(sites.map((s) => [s.site, s.breaches.map((b) => b.id), s.visits, s.urls.length])).toEqual([
      ['coop.co.uk', ['co-op-2025'], 6, 2],
    ]);
    expect(sites[0]!.earliestLastVisit).toBe(day('2026-10-01'));
  });

  it('skips odd entries without an error or a false match', () => {
    const odd: HistoryEntry[] = [
      { url: 'chrome://settings/', lastVisitTime: 1 },
      { url: 'file:///home/me/coop.co.uk.html', lastVisitTime: 1 },
      { url: 'data:text/html,<a href=https://coop.co.uk>', lastVisitTime: 1 },
      { url: 'http://192.168.1.1/coop.co.uk', lastVisitTime: 1 },
      { url: 'http://[::1]/', lastVisitTime: 1 },
      { url: 'https://xn--80ak6aa92e.com/', lastVisitTime: 1 },
      { url: 'https://co.uk/', lastVisitTime: 1 },
      { url: 'not a url', lastVisitTime: 1 },
      { url: undefined, lastVisitTime: 1 },
      { url: 'https://x.example/?q=https://www.coop.co.uk/', lastVisitTime: 1 },
      { url: `https://www.example.org/${'coop.co.uk/'.repeat(300)}`, lastVisitTime: 1 },
      { url: 'https://www.coop.co.uk/', lastVisitTime: Number.NaN, visitCount: -3 },
      { url: `https://shop.coop.co.uk/${'a'.repeat(5000)}`, lastVisitTime: day('2026-01-01') },
    ];
    const { sites } = sitesInHistory(odd, index);
    expect(sites.map((s) => s.site)).toEqual(['coop.co.uk']);
    // The undated entry counts a visit but no date; the 5,000-character URL is matched by its host alone.
    expect(sites[0]!.visits).toBe(2);
    expect(sites[0]!.earliestLastVisit).toBe(day('2026-01-01'));
  });

  it('gives one finding per site and breach, with the first visit from the visits, most concerning first', () => {
    const { sites } = sitesInHistory(
      [
        { url: 'https://www.coop.co.uk/', lastVisitTime: day('2026-11-01'), visitCount: 2 },
        { url: 'https://old-shop.example/', lastVisitTime: day('2026-11-02'), visitCount: 1 },
      ],
      index,
    );
    const first = new Map([['coop.co.uk', day('2025-03-01')]]);
    const findings = historyFindings(sites, (s) => first.get(s.site), day('2025-01-01'));
    expect(findings.map((f) => [f.site, f.breach.id, f.verdict, f.history.firstVisit])).toEqual([
      ['coop.co.uk', 'co-op-2025', 'before-breach', day('2025-03-01')],
      // No visits read: its first visit is its last visit, and the history (2025) does not reach back to 2012.
      ['old-shop.example', 'old-shop-2012', 'history-short', day('2026-11-02')],
    ]);
  });
});

describe('history alerts', () => {
  const h = { firstVisit: day('2025-01-01'), lastVisit: day('2026-11-01'), visits: 7 } as const;
  it('merges with a visit alert (state and counts kept) and creates one with no visit of its own', () => {
    const visited = recordVisit(undefined, 'coop.co.uk', COOP, day('2026-11-20'));
    const reviewed: Alert = { ...visited, state: 'done', visits: 3 };
    const merged = recordHistory(reviewed, 'coop.co.uk', COOP, { ...h, verdict: 'before-breach', checkedAt: 5 });
    expect(merged).toMatchObject({ id: visited.id, state: 'done', visits: 3, foundInHistory: true });
    expect(merged.history?.verdict).toBe('before-breach');
    const fresh = recordHistory(undefined, 'coop.co.uk', COOP, { ...h, verdict: 'history-short', checkedAt: 5 });
    expect(fresh).toMatchObject({ id: 'coop.co.uk|co-op-2025', visits: 0, state: 'new', foundInHistory: true });
    expect(withoutHistory(fresh)).not.toHaveProperty('history');
    expect(withoutHistory(fresh).foundInHistory).toBe(true);
  });
});

/** A browser history: search honours text, endTime and maxResults, newest first, as Chrome's does. */
function fakeHistory(entries: { url: string; visits: number[] }[]): HistoryApi & { searches: number } {
  const api = {
    searches: 0,
    async search(q: { text: string; startTime: number; endTime?: number; maxResults: number }) {
      api.searches++;
      return entries
        .map((e) => ({ url: e.url, lastVisitTime: Math.max(...e.visits), visitCount: e.visits.length }))
        .filter(
          (e) => e.url.includes(q.text) && e.lastVisitTime >= q.startTime && e.lastVisitTime < (q.endTime ?? Infinity),
        )
        .sort((a, b) => b.lastVisitTime - a.lastVisitTime)
        .slice(0, q.maxResults);
    },
    async getVisits({ url }: { url: string }) {
      return (entries.find((e) => e.url === url)?.visits ?? []).map((visitTime) => ({ visitTime }));
    },
  };
  return api;
}

function scanner(api: HistoryApi | undefined, area = memoryArea(), granted: () => Promise<boolean> = async () => true) {
  const store = createStore(area, quiet);
  const s = createHistoryScanner({
    history: () => api,
    granted,
    index: () => index,
    store,
    now: () => day('2026-11-25'),
  });
  return { s, store, area };
}

describe('the history scan', () => {
  const history = () =>
    fakeHistory([
      { url: 'https://www.coop.co.uk/', visits: [day('2025-03-01'), day('2026-11-20')] },
      { url: 'https://shop.coop.co.uk/', visits: [day('2026-02-01')] },
      { url: 'https://old-shop.example/', visits: [day('2026-11-02')] },
      { url: 'https://dating.example/', visits: [day('2026-11-02')] },
      { url: 'https://unbreached.example.org/', visits: [day('2024-12-01')] },
      { url: 'chrome://history/', visits: [day('2026-11-02')] },
    ]);

  it('stores one alert per finding the alert rules allow, and lists the others with why', async () => {
    const { s, store } = scanner(history());
    await store.updateSettings((x) => ({ ...x, maxAgeYears: 3 }));
    const result = await s.scan();
    expect(result.entries).toBe(6);
    expect(result.historyStart).toBe(day('2024-12-01'));
    expect(result.findings.map((f) => [f.site, f.verdict, f.alert, f.history.visits])).toEqual([
      ['coop.co.uk', 'before-breach', 'stored', 3],
      // The history goes back to December 2024 only: an account from 2012 or 2020 would not show.
      ['dating.example', 'history-short', 'sensitive', 1],
      ['old-shop.example', 'history-short', 'outside-window', 1],
    ]);
    const alerts = await store.listAlerts();
    expect(alerts.map((a) => [a.id, a.visits, a.history?.firstVisit, a.history?.visits])).toEqual([
      ['coop.co.uk|co-op-2025', 0, day('2025-03-01'), 3],
    ]);
    // A second scan (or one after an interrupted scan) stores each alert once.
    await s.scan();
    expect((await store.listAlerts()).length).toBe(1);
    expect(s.progress()).toMatchObject({ phase: 'done', checked: 5, total: 5 });
  });

  it('reads a history longer than one search answer, page by page, each entry once', async () => {
    const many = Array.from({ length: 23_456 }, (_, i) => ({
      url: `https://site${i % 5000}.example.org/page${i}`,
      visits: [day('2026-01-01') + i * 1000],
    }));
    const api = fakeHistory(many);
    const read = await readWholeHistory(api, day('2026-11-25'));
    expect(read.length).toBe(23_456);
    expect(new Set(read.map((e) => e.url)).size).toBe(23_456);
    expect(api.searches).toBe(3);
  });

  it('stores nothing when the permission is missing or withdrawn during the scan', async () => {
    const none = scanner(undefined);
    await expect(none.s.scan()).rejects.toBeInstanceOf(HistoryWithdrawnError);
    let calls = 0;
    const withdrawn = scanner(history(), memoryArea(), async () => ++calls === 1);
    await expect(withdrawn.s.scan()).rejects.toBeInstanceOf(HistoryWithdrawnError);
    expect(await withdrawn.store.listAlerts()).toEqual([]);
    // Withdrawn while the visits are read (permissions.onRemoved): stops and stores nothing.
    const api = history();
    const slow = scanner({
      search: api.search,
      getVisits: async (d) => {
        mid.s.withdraw();
        return api.getVisits(d);
      },
    });
    const mid = slow;
    await expect(mid.s.scan()).rejects.toBeInstanceOf(HistoryWithdrawnError);
    expect(await mid.store.listAlerts()).toEqual([]);
    expect(mid.s.progress().phase).toBe('failed');
  });

  it('merges with a visit to the same alert made during the scan: no visit is lost, no duplicate', async () => {
    const { s, store } = scanner(history());
    await store.updateSettings((x) => ({ ...x, maxAgeYears: null }));
    const id = 'coop.co.uk|co-op-2025';
    await Promise.all([
      s.scan(),
      ...Array.from({ length: 5 }, () =>
        store.updateAlert(id, (a) => recordVisit(a, 'coop.co.uk', COOP, day('2026-11-25'))),
      ),
    ]);
    const stored = (await store.listAlerts()).find((a) => a.id === id)!;
    expect(stored.visits).toBe(5);
    expect(stored.history?.verdict).toBe('before-breach');
  });

  it('"stop" deletes the visit dates from every alert and keeps the alerts', async () => {
    const { s, store, area } = scanner(history());
    await store.updateSettings((x) => ({ ...x, maxAgeYears: null }));
    await s.scan();
    expect(Object.values(area.data).some((v) => JSON.stringify(v).includes('"firstVisit"'))).toBe(true);
    expect(await s.forget()).toBe(2);
    const alerts = await store.listAlerts();
    expect(alerts.map((a) => [a.id, a.foundInHistory, a.history])).toEqual([
      ['coop.co.uk|co-op-2025', true, undefined],
      ['old-shop.example|old-shop-2012', true, undefined],
    ]);
    expect(JSON.stringify(area.data)).not.toContain('firstVisit');
  });

  it('answers the popup for one site only when the person turned the check on', async () => {
    const { s } = scanner(history());
    expect(await s.site('https://www.coop.co.uk/', DEFAULT_SETTINGS)).toEqual({
      use: false,
      granted: true,
      findings: [],
    });
    const on = { ...DEFAULT_SETTINGS, useHistory: true };
    const answer = await s.site('https://www.coop.co.uk/basket', on);
    expect(answer.findings.map((f) => [f.site, f.breachId, f.verdict, f.history.firstVisit, f.history.visits])).toEqual(
      [['coop.co.uk', 'co-op-2025', 'before-breach', day('2025-03-01'), 3]],
    );
    expect((await s.site('https://unbreached.example.org/', on)).findings).toEqual([]);
    expect(await scanner(undefined).s.site('https://www.coop.co.uk/', on)).toMatchObject({
      granted: false,
      findings: [],
    });
  });
});

describe('storage: several alerts in one write', () => {
  it('writes all the changed alerts in a single set and sets a damaged one aside', async () => {
    const area = memoryArea({ 'alert:bad|x': { id: 'bad|x' } });
    let sets = 0;
    const counting = { ...area, set: async (items: Record<string, unknown>) => (sets++, area.set(items)) };
    const store = createStore(counting, quiet);
    const made = await store.updateAlerts(['a.example|1', 'b.example|2', 'bad|x'], (a, id) => {
      const [site, breachId] = id.split('|') as [string, string];
      return a ?? recordVisit(undefined, site, { id: breachId, title: id, breachDate: '2025', sensitive: false }, 1);
    });
    expect(made.length).toBe(3);
    expect(sets).toBe(2); // the damaged value set aside, then one write of all three
    expect(area.data['corrupt:alert:bad|x']).toBeDefined();
  });
});

describe('history in exports and the timeline', () => {
  const h = {
    firstVisit: day('2025-01-01'),
    lastVisit: day('2026-11-01'),
    visits: 7,
    verdict: 'before-breach' as const,
    checkedAt: 1,
  };
  it('adds the verdict, first visit and count to the CSV only when an alert has them', async () => {
    const { alertsToCsv, firstUseOf } = await import('../../src/core/alert-bookkeeping');
    const visited = recordVisit(undefined, 'coop.co.uk', COOP, day('2026-11-20'));
    expect(alertsToCsv([visited]).split('\r\n')[0]).toBe('site,breachId,title,state,visits,firstSeen,lastSeen');
    const lines = alertsToCsv([visited, recordHistory(undefined, 'old-shop.example', OLD, h)]).split('\r\n');
    expect(lines[0]).toBe(
      'site,breachId,title,state,visits,firstSeen,lastSeen,historyVerdict,historyFirstVisit,historyVisits',
    );
    expect(lines[1]!.endsWith(',,,')).toBe(true);
    expect(lines[2]!.endsWith(',before-breach,2025-01-01T12:00:00.000Z,7')).toBe(true);
    // First use: the history's first visit where the check found one, even for an alert with visits of its own.
    expect(firstUseOf(visited)).toBe(day('2026-11-20'));
    expect(firstUseOf(recordHistory(visited, 'coop.co.uk', COOP, h))).toBe(day('2025-01-01'));
    expect(firstUseOf(recordHistory(undefined, 'old-shop.example', OLD, h))).toBe(day('2025-01-01'));
  });
});

describe('storage: the alerts kept in memory between reads (issue #16)', () => {
  const visit = (site: string, id: string, at: number) => recordVisit(undefined, site, { ...COOP, id }, at);
  function watched() {
    const area = memoryArea();
    let gets = 0;
    let listener: ((c: Record<string, { newValue?: unknown }>) => void) | undefined;
    const counting = { ...area, get: async (k: string | string[] | null) => (k === null && gets++, area.get(k)) };
    const store = createStore(counting, quiet, { watch: (l) => (listener = l) });
    /** Another context writes (the harness's seeding, another window): onChanged reports it. */
    const foreign = async (key: string, value: unknown) => {
      if (value === undefined) await area.remove(key);
      else await area.set({ [key]: value });
      listener!({ [key]: value === undefined ? {} : { newValue: value } });
    };
    return { store, foreign, gets: () => gets };
  }

  it('reads the area once, then stays current with its own writes and with changes reported by others', async () => {
    const { store, foreign, gets } = watched();
    await store.updateAlert('a.example|1', () => visit('a.example', '1', 1));
    expect((await store.listAlerts()).map((x) => x.id)).toEqual(['a.example|1']);
    expect((await store.listAlerts()).length).toBe(1);
    expect(gets()).toBe(1);
    await store.updateAlert('b.example|2', () => visit('b.example', '2', 2));
    await store.updateAlert('a.example|1', (a) => a && { ...a, state: 'done' });
    await foreign('alert:c.example|3', visit('c.example', '3', 3));
    await foreign('alert:bad|x', { id: 'bad|x' });
    const { alerts, setAside } = await store.listAlertsChecked();
    expect(alerts.map((x) => [x.id, x.state]).sort()).toEqual([
      ['a.example|1', 'done'],
      ['b.example|2', 'new'],
      ['c.example|3', 'new'],
    ]);
    expect(setAside).toBe(1);
    await foreign('alert:c.example|3', undefined);
    await store.clearAlerts();
    expect(await store.listAlerts()).toEqual([]);
    expect(gets()).toBe(2); // the list and clearAlerts' own key listing; the lists themselves came from memory
  });

  it('does not keep a read that a change overlapped', async () => {
    const area = memoryArea();
    let listener: ((c: Record<string, { newValue?: unknown }>) => void) | undefined;
    let gets = 0;
    const slow = {
      ...area,
      get: async (k: string | string[] | null) => {
        if (k === null) gets++;
        const value = await area.get(k);
        if (k === null && gets === 1) listener!({ 'alert:late|1': { newValue: {} } }); // a change while reading
        return value;
      },
    };
    const store = createStore(slow, quiet, { watch: (l) => (listener = l) });
    await store.listAlerts(); // overlapped by a change: not kept
    await store.listAlerts(); // read again, and kept
    await store.listAlerts(); // from memory
    expect(gets).toBe(2);
  });
});

describe('storage: the settings and ticks kept in memory between reads (issue #15)', () => {
  function watched() {
    const area = memoryArea();
    const reads: string[] = [];
    let listener: ((c: Record<string, { newValue?: unknown }>) => void) | undefined;
    const counting = {
      ...area,
      get: async (k: string | string[] | null) => {
        if (typeof k === 'string') reads.push(k);
        return area.get(k);
      },
    };
    const store = createStore(counting, quiet, { watch: (l) => (listener = l) });
    const foreign = async (key: string, value: unknown) => {
      if (value === undefined) await area.remove(key);
      else await area.set({ [key]: value });
      listener!({ [key]: value === undefined ? {} : { newValue: value } });
    };
    return { store, foreign, reads, area };
  }

  it('reads each record once, then follows its own writes and the changes others report', async () => {
    const { store, foreign, reads } = watched();
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect((await store.getProgress('coop-2025')).ticked).toEqual([]);
    await store.getSettings();
    await store.getProgress('coop-2025');
    expect(reads).toEqual(['settings', 'progress:coop-2025']);
    await store.updateProgress('coop-2025', (p) => ({ ...p, ticked: ['change-password'] }));
    expect((await store.getProgress('coop-2025')).ticked).toEqual(['change-password']);
    await foreign('settings', { ...DEFAULT_SETTINGS, mutedSites: ['coop.co.uk'] });
    expect((await store.getSettings()).mutedSites).toEqual(['coop.co.uk']);
    await foreign('progress:coop-2025', undefined);
    expect((await store.getProgress('coop-2025')).ticked).toEqual([]);
    // The update read the area itself (a read-modify-write never trusts the copy); the gets after came from memory.
    expect(reads).toEqual(['settings', 'progress:coop-2025', 'progress:coop-2025']);
  });

  it('does not keep a read that a change overlapped, and still sets a corrupt record aside', async () => {
    const { store, foreign, reads, area } = watched();
    const slowGet = area.get;
    let once = true;
    area.get = async (k) => {
      const value = await slowGet(k);
      if (once && k === 'settings') {
        once = false;
        await foreign('progress:other', { ticked: [] }); // a change while the settings were read
      }
      return value;
    };
    await store.getSettings(); // overlapped: not kept
    await store.getSettings(); // read again, kept
    await store.getSettings(); // from memory
    expect(reads.filter((k) => k === 'settings')).toHaveLength(2);
    await foreign('progress:broken', { ticked: 'not a list' });
    expect((await store.getProgress('broken')).ticked).toEqual([]);
    expect(Object.keys(area.data)).toContain('corrupt:progress:broken');
    expect(area.data['progress:broken']).toBeUndefined();
  });
});
