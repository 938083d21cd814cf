// Issue #15: the popup's answer prepared by the worker in storage.session, and when it may be used.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPreparedAnswers, type PopupAction } from '../../src/background/prepared-answers';
import { contactsFor } from '../../src/core/help-contacts';
import type { RegionContacts } from '../../src/core/protective-steps';
import type { SiteLookup } from '../../src/shared/messages';
import {
  answerKey,
  clearVerdictOf,
  currentAnswer,
  GENERATION_KEY,
  popupForTab,
  readPrepared,
  tabOfPopup,
  type SessionArea,
} from '../../src/shared/prepared-answer';
import { createStore, DEFAULT_SETTINGS } from '../../src/shared/storage';
import { clearVerdictIn } from '../../src/popup/clear-verdict';
import { memoryArea } from '../fixtures/memory-storage';

const quiet = { warn: () => undefined };
const settle = () => new Promise((r) => setTimeout(r, 20));

/** An answer as lookupSite gives it, told apart by `marker` (carried in the data date). */
function answer(marker: string): SiteLookup {
  return {
    lookup: { status: 'ok', host: 'www.coop.co.uk', breaches: [] },
    dataDate: marker,
    counts: { breaches: 1, curated: 1, hibp: 0, domains: 1 },
    details: { breaches: [], failed: [] },
    progress: {},
    region: undefined,
    regionDecision: { code: 'GB-EAW', basis: 'browser' },
    contacts: {},
    muted: [],
    recordSensitive: false,
  };
}

function session(): SessionArea & { data: Record<string, unknown> } {
  return memoryArea() as SessionArea & { data: Record<string, unknown> };
}

describe('reading a prepared answer (the popup side)', () => {
  const url = 'https://www.coop.co.uk/';
  it('uses it only for the same tab, the address the tab shows and the current generation', () => {
    const stored = { [GENERATION_KEY]: 4, [answerKey(7)]: { url, generation: 4, answer: answer('a') } };
    expect(currentAnswer(stored, 7, url)?.dataDate).toBe('a');
    expect(currentAnswer(stored, 8, url)).toBeUndefined(); // another tab's
    expect(currentAnswer({ ...stored, [GENERATION_KEY]: 5 }, 7, url)).toBeUndefined(); // changed since
    expect(currentAnswer(stored, 7, 'https://www.coop.co.uk/other')).toBeUndefined(); // the tab moved on since
    expect(currentAnswer(stored, 7, '')).toBeUndefined(); // the tab's address unknown (it closed)
    expect(currentAnswer({ [answerKey(7)]: stored[answerKey(7)] }, 7, url)).toBeUndefined(); // no generation
    expect(currentAnswer({ [GENERATION_KEY]: 4 }, 7, url)).toBeUndefined(); // none prepared
    // Another layout (an older worker's, say) is asked for again rather than shown half.
    expect(currentAnswer({ ...stored, [answerKey(7)]: { url, generation: 4, answer: { lookup: 1 } } }, 7, url)).toBe(
      undefined,
    );
    expect(currentAnswer({ ...stored, [answerKey(7)]: 'garbage' }, 7, url)).toBeUndefined();
  });

  it('asks instead when storage.session fails or is missing', async () => {
    const failing = { get: async () => Promise.reject(new Error('no session area')) } as unknown as SessionArea;
    expect(currentAnswer(await readPrepared(failing, 7), 7, url)).toBeUndefined();
    expect(currentAnswer(await readPrepared(undefined, 7), 7, url)).toBeUndefined();
  });

  it('reads the tab from its own popup address, and nothing else as one', () => {
    expect(tabOfPopup(new URL(`chrome-extension://x/${popupForTab(42)}`).search)).toBe(42);
    expect(tabOfPopup('?tab=0')).toBe(0);
    for (const bad of ['', '?url=https%3A%2F%2Fa.example%2F', '?tab=', '?tab=-1', '?tab=1.5', '?tab=1e3', '?tab=abc'])
      expect(tabOfPopup(bad), bad).toBeUndefined();
  });
});

/** What the popup of tab `tab` showing `url` would read (its own address read beside the answer). */
const popupReads = async (area: SessionArea, tab: number, url: string) =>
  currentAnswer(await readPrepared(area, tab), tab, url);

describe('preparing answers (the worker side)', () => {
  it('prepares an answer the popup reads, and none after a change until it is prepared again', async () => {
    const area = session();
    let marker = 'before';
    let computed = 0;
    const prepared = createPreparedAnswers(area, async () => (computed++, answer(marker)), undefined, quiet);
    await prepared.prepare(1, 'https://www.coop.co.uk/');
    await prepared.prepare(1, 'https://www.coop.co.uk/'); // badged again when the page finished loading
    expect(computed).toBe(1);
    expect((await popupReads(area, 1, 'https://www.coop.co.uk/'))?.dataDate).toBe('before');
    await prepared.prepare(2, 'https://www.coop.co.uk/'); // the same page in another tab: that tab's own answer
    expect((await popupReads(area, 2, 'https://www.coop.co.uk/'))?.dataDate).toBe('before');

    marker = 'after';
    await prepared.invalidate();
    // Once invalidate has resolved, the old answer is never current again.
    const right = await area.get([GENERATION_KEY, answerKey(1)]);
    expect(currentAnswer(right, 1, 'https://www.coop.co.uk/')?.dataDate).not.toBe('before');
    await settle();
    expect((await popupReads(area, 1, 'https://www.coop.co.uk/'))?.dataDate).toBe('after');
    expect((await popupReads(area, 2, 'https://www.coop.co.uk/'))?.dataDate).toBe('after');
    // Two tabs on one page: computed once again, not once per tab.
    expect(computed).toBe(3);
  });

  it('never stores an answer that a change overtook while it was computed', async () => {
    const area = session();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const prepared = createPreparedAnswers(
      area,
      async () => {
        calls++;
        if (calls === 1) await gate; // the first computation is slow
        return answer(`call ${calls}`);
      },
      undefined,
      quiet,
    );
    const first = prepared.prepare(1, 'https://www.coop.co.uk/');
    await settle();
    await prepared.invalidate(); // the settings change meanwhile
    release();
    await first;
    await settle();
    // The slow, out-of-date first answer was dropped; the one prepared after the change is there.
    expect((await popupReads(area, 1, 'https://www.coop.co.uk/'))?.dataDate).toBe('call 2');
  });

  it('keeps one answer per tab, for the page it shows now, and drops a closed tab’s', async () => {
    const area = session();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const prepared = createPreparedAnswers(
      area,
      async (url) => {
        if (url === 'https://slow.example/') await gate;
        return answer(url);
      },
      undefined,
      quiet,
    );
    await prepared.prepare(1, 'https://a.example/');
    await prepared.prepare(2, 'https://a.example/');
    // Tab 1 moves on to a page whose answer is slow, then on again before it comes: the slow one is never stored.
    const slow = prepared.prepare(1, 'https://slow.example/');
    await prepared.prepare(1, 'https://b.example/');
    release();
    await slow;
    expect(await popupReads(area, 1, 'https://slow.example/')).toBeUndefined();
    expect((await popupReads(area, 1, 'https://b.example/'))?.dataDate).toBe('https://b.example/');
    expect(await popupReads(area, 1, 'https://a.example/')).toBeUndefined(); // not where tab 1 is now
    expect((await popupReads(area, 2, 'https://a.example/'))?.dataDate).toBe('https://a.example/');
    expect(
      Object.keys(area.data)
        .filter((k) => k.startsWith('answer:'))
        .sort(),
    ).toEqual([answerKey(1), answerKey(2)]);
    await prepared.forget(2);
    await prepared.forget(1);
    expect(Object.keys(area.data).filter((k) => k.startsWith('answer:'))).toEqual([]);
  });

  it('gives each tab it prepares for a popup address naming the tab, on every badge', async () => {
    const area = session();
    const set: string[] = [];
    const action: PopupAction = { setPopup: async ({ tabId, popup }) => void set.push(`${tabId} ${popup}`) };
    const prepared = createPreparedAnswers(area, async (url) => answer(url), action, quiet);
    await prepared.prepare(3, 'https://a.example/');
    await prepared.prepare(3, 'https://a.example/'); // the browser may have reset it when the page loaded
    // No breach: once the answer is written, the address carries the verdict, and a re-badge keeps it.
    const clear = popupForTab(3, clearVerdictOf(answer('https://a.example/')));
    expect(clear).toMatch(/[?&]clear=www\.coop\.co\.uk&date=/);
    expect(set).toEqual([`3 ${popupForTab(3)}`, `3 ${clear}`, `3 ${clear}`]);
    expect(tabOfPopup(new URL(`chrome-extension://x/${set[0]!.split(' ')[1]}`).search)).toBe(3);
    expect(tabOfPopup(new URL(`chrome-extension://x/${clear}`).search)).toBe(3);
    // A tab that closed before the call: its answer is still prepared (and forgotten when the close is told).
    const failing: PopupAction = { setPopup: async () => Promise.reject(new Error('No tab with id: 4')) };
    const other = createPreparedAnswers(area, async (url) => answer(url), failing, quiet);
    await other.prepare(4, 'https://a.example/');
    expect(await popupReads(area, 4, 'https://a.example/')).toBeDefined();
  });

  it('puts a verdict in the address only for a page with no breach, and never one from before a change', async () => {
    const area = session();
    const set: string[] = [];
    const action: PopupAction = { setPopup: async ({ tabId, popup }) => void set.push(`${tabId} ${popup}`) };
    const breached = (url: string): SiteLookup => ({
      ...answer(url),
      lookup: {
        status: 'ok',
        host: 'www.coop.co.uk',
        breaches: [{ id: 'co-op-2025', title: 'Co-op', from: 'bundled' }],
      },
    });
    const failedRead = (url: string): SiteLookup => ({
      ...answer(url),
      details: { breaches: [], failed: [{ id: 'co-op-2025', title: 'Co-op', reason: 'unreadable' }] },
    });
    for (const compute of [breached, failedRead]) {
      set.length = 0;
      const prepared = createPreparedAnswers(area, async (url) => compute(url), action, quiet);
      await prepared.prepare(5, 'https://www.coop.co.uk/');
      expect(set).toEqual([`5 ${popupForTab(5)}`]);
    }
    // Data or settings changed: the re-badge sets the plain address until the new answer is written.
    set.length = 0;
    let marker = '2026-01';
    const prepared = createPreparedAnswers(area, async () => answer(marker), action, quiet);
    await prepared.prepare(6, 'https://b.example/');
    marker = '2026-02';
    await prepared.invalidate();
    await settle();
    const verdicts = set.map((s) => clearVerdictIn(new URL(`chrome-extension://x/${s.split(' ')[1]}`).search));
    expect(verdicts.map((v) => v?.dataDate)).toEqual([undefined, '2026-01', undefined, '2026-02']);
  });

  it('reads a verdict from an address only when every part of it is well formed', () => {
    const good = { host: 'shop.example.co.uk', dataDate: '2026-06-30', breaches: 1697 };
    const search = (address: string) => new URL(`chrome-extension://x/${address}`).search;
    expect(clearVerdictIn(search(popupForTab(9, good)))).toEqual(good);
    expect(clearVerdictIn(search(popupForTab(9)))).toBeUndefined();
    for (const bad of [
      '?tab=9&clear=a.example&date=2026-06-30', // no count
      '?tab=9&clear=a.example&date=June&of=3',
      '?tab=9&clear=a.example&date=2026-06-30&of=-3',
      '?tab=9&clear=a.example&date=2026-06-30&of=1e3',
      '?tab=9&clear=A.EXAMPLE&date=2026-06-30&of=3',
      '?tab=9&clear=a.example/path&date=2026-06-30&of=3',
      '?tab=9&clear=a%20example&date=2026-06-30&of=3',
      `?tab=9&clear=${'a'.repeat(254)}&date=2026-06-30&of=3`,
    ])
      expect(clearVerdictIn(bad), bad).toBeUndefined();
  });

  it('continues the count after the worker restarts, so a stopped worker’s answers never match again', async () => {
    const area = session();
    const first = createPreparedAnswers(area, async () => answer('old worker'), undefined, quiet);
    await first.prepare(1, 'https://www.coop.co.uk/');
    expect(await popupReads(area, 1, 'https://www.coop.co.uk/')).toBeDefined();
    // A new worker starts over the same session storage (the old one stopped); its first act is to count on.
    const second = createPreparedAnswers(area, async () => answer('new worker'), undefined, quiet);
    await second.invalidate();
    expect(await popupReads(area, 1, 'https://www.coop.co.uk/')).toBeUndefined();
    await second.prepare(1, 'https://www.coop.co.uk/');
    expect((await popupReads(area, 1, 'https://www.coop.co.uk/'))?.dataDate).toBe('new worker');
  });
});

describe('the store tells of changes to the settings and ticks', () => {
  function watched() {
    const area = memoryArea();
    let listener: ((c: Record<string, { newValue?: unknown }>) => void) | undefined;
    const told: string[] = [];
    let last = '';
    const store = createStore(area, quiet, {
      watch: (l) => (listener = l),
      onRecordChange: async () => {
        await settle(); // a slow hook: the write must wait for it
        told.push(last);
      },
    });
    return {
      store,
      area,
      told,
      echo: (key: string) => listener!({ [key]: { newValue: area.data[key] } }),
      note: (s: string) => (last = s),
      foreign: (key: string, value: unknown) => listener!({ [key]: { newValue: value } }),
    };
  }

  it('after its own writes to them, before the write resolves, and not for alerts or their echo', async () => {
    const { store, told, echo, note, foreign } = watched();
    note('settings');
    await store.updateSettings((s) => ({ ...s, recordSensitive: true }));
    expect(told).toEqual(['settings']); // already told when the write resolved
    note('progress');
    await store.updateProgress('coop-2025', (p) => ({ ...p, ticked: ['change-password'] }));
    expect(told).toEqual(['settings', 'progress']);
    note('alert');
    await store.updateAlert('coop.co.uk|coop-2025', () => ({
      id: 'coop.co.uk|coop-2025',
      site: 'coop.co.uk',
      breachId: 'coop-2025',
      title: 'Co-op',
      firstSeen: 1,
      lastSeen: 1,
      visits: 1,
      state: 'new',
    }));
    // onChanged reports the store's own writes too: those are no news.
    echo('settings');
    echo('progress:coop-2025');
    await settle();
    await settle();
    expect(told).toEqual(['settings', 'progress']);
    note('foreign');
    foreign('settings', { ...DEFAULT_SETTINGS, mutedSites: ['coop.co.uk'] });
    await settle();
    await settle();
    expect(told).toEqual(['settings', 'progress', 'foreign']);
  });
});

describe("the contacts a popup's answer carries", () => {
  const regions = JSON.parse(readFileSync('data/generated/help-contacts.json', 'utf8')) as Record<
    string,
    RegionContacts
  >;
  it("are the person's region's and those of the breaches' countries, as the whole table would give", () => {
    const someOther = Object.entries(regions).find(
      ([code, r]) => code !== 'GB-EAW' && r.country && r.country !== 'GB',
    )!;
    const picked = contactsFor(regions, 'GB-EAW', [someOther[1].country, undefined, 'ZZ']);
    expect(Object.keys(picked).sort()).toEqual(
      Object.entries(regions)
        .filter(([code, r]) => code === 'GB-EAW' || r.country === someOther[1].country)
        .map(([code]) => code)
        .sort(),
    );
    expect(picked['GB-EAW']).toEqual(regions['GB-EAW']);
    expect(Object.keys(contactsFor(regions, 'US', []))).toEqual(['US']);
  });
});
