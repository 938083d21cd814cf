// Issue #15: the popup's answer prepared by the worker in storage.session, and when it may be used.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPreparedAnswers } from '../../src/background/prepared-answers';
import { contactsFor } from '../../src/core/help-contacts';
import type { RegionContacts } from '../../src/core/protective-steps';
import type { SiteLookup } from '../../src/shared/messages';
import {
  answerKey,
  currentAnswer,
  GENERATION_KEY,
  readPreparedAnswer,
  type SessionArea,
} from '../../src/shared/prepared-answer';
import { createStore, DEFAULT_SETTINGS } from '../../src/shared/storage';
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
  it('uses it only for the same address and the current generation', () => {
    const stored = { [GENERATION_KEY]: 4, [answerKey(url)]: { url, generation: 4, answer: answer('a') } };
    expect(currentAnswer(stored, url)?.dataDate).toBe('a');
    expect(currentAnswer({ ...stored, [GENERATION_KEY]: 5 }, url)).toBeUndefined(); // changed since
    expect(currentAnswer(stored, 'https://www.coop.co.uk/other')).toBeUndefined(); // not this page's
    expect(currentAnswer({ [answerKey(url)]: stored[answerKey(url)] }, url)).toBeUndefined(); // no generation
    expect(currentAnswer({ [GENERATION_KEY]: 4 }, url)).toBeUndefined(); // none prepared
    // Another layout (an older worker's, say) is asked for again rather than shown half.
    expect(currentAnswer({ ...stored, [answerKey(url)]: { url, generation: 4, answer: { lookup: 1 } } }, url)).toBe(
      undefined,
    );
    expect(currentAnswer({ ...stored, [answerKey(url)]: 'garbage' }, url)).toBeUndefined();
  });

  it('asks instead when storage.session fails or is missing', async () => {
    const failing = { get: async () => Promise.reject(new Error('no session area')) } as unknown as SessionArea;
    expect(await readPreparedAnswer(failing, url)).toBeUndefined();
    expect(await readPreparedAnswer(undefined, url)).toBeUndefined();
  });
});

describe('preparing answers (the worker side)', () => {
  it('prepares an answer the popup reads, and none after a change until it is prepared again', async () => {
    const area = session();
    let marker = 'before';
    let computed = 0;
    const prepared = createPreparedAnswers(area, async () => (computed++, answer(marker)), quiet);
    await prepared.prepare(1, 'https://www.coop.co.uk/');
    await prepared.prepare(1, 'https://www.coop.co.uk/'); // badged again when the page finished loading
    await prepared.prepare(2, 'https://www.coop.co.uk/'); // the same page in another tab
    expect(computed).toBe(1);
    expect((await readPreparedAnswer(area, 'https://www.coop.co.uk/'))?.dataDate).toBe('before');

    marker = 'after';
    await prepared.invalidate();
    // Once invalidate has resolved, the old answer is never current again.
    const right = await area.get([GENERATION_KEY, answerKey('https://www.coop.co.uk/')]);
    expect(currentAnswer(right, 'https://www.coop.co.uk/')?.dataDate).not.toBe('before');
    await settle();
    expect((await readPreparedAnswer(area, 'https://www.coop.co.uk/'))?.dataDate).toBe('after');
    expect(computed).toBe(2);
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
      quiet,
    );
    const first = prepared.prepare(1, 'https://www.coop.co.uk/');
    await settle();
    await prepared.invalidate(); // the settings change meanwhile
    release();
    await first;
    await settle();
    // The slow, out-of-date first answer was dropped; the one prepared after the change is there.
    expect((await readPreparedAnswer(area, 'https://www.coop.co.uk/'))?.dataDate).toBe('call 2');
  });

  it('keeps one address per tab and drops an address no tab shows', async () => {
    const area = session();
    const prepared = createPreparedAnswers(area, async (url) => answer(url), quiet);
    await prepared.prepare(1, 'https://a.example/');
    await prepared.prepare(2, 'https://a.example/');
    await prepared.prepare(1, 'https://b.example/'); // tab 1 moved on; tab 2 still shows a.example
    expect(
      Object.keys(area.data)
        .filter((k) => k.startsWith('answer:'))
        .sort(),
    ).toEqual([answerKey('https://a.example/'), answerKey('https://b.example/')]);
    await prepared.forget(2);
    await prepared.forget(1);
    expect(Object.keys(area.data).filter((k) => k.startsWith('answer:'))).toEqual([]);
  });

  it('continues the count after the worker restarts, so a stopped worker’s answers never match again', async () => {
    const area = session();
    const first = createPreparedAnswers(area, async () => answer('old worker'), quiet);
    await first.prepare(1, 'https://www.coop.co.uk/');
    expect(await readPreparedAnswer(area, 'https://www.coop.co.uk/')).toBeDefined();
    // A new worker starts over the same session storage (the old one stopped); its first act is to count on.
    const second = createPreparedAnswers(area, async () => answer('new worker'), quiet);
    await second.invalidate();
    expect(await readPreparedAnswer(area, 'https://www.coop.co.uk/')).toBeUndefined();
    await second.prepare(1, 'https://www.coop.co.uk/');
    expect((await readPreparedAnswer(area, 'https://www.coop.co.uk/'))?.dataDate).toBe('new worker');
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
