// @vitest-environment jsdom
// Issue #15: the popup reads only the breaches it shows, one file each; a missing, damaged or mismatched file
// costs that breach alone, with a message that says so, and never a blank popup.
import type { RegionContacts } from '../../src/core/protective-steps';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import regions from '../../data/help/regions.json';
import { loadBreachDetails, type BreachRef, type DetailReaders } from '../../src/core/breach-details';
import type { Breach, Dataset } from '../../src/core/dataset-schema';
import { PopupApp } from '../../src/popup/PopupApp';
import { PopupFailure } from '../../src/popup/PopupFailure';
import { createStore, DEFAULT_SETTINGS } from '../../src/shared/storage';
import { GENERATED_DIR } from '../../scripts/lib/dataset-files';
import { bundledDataset } from '../fixtures/bundled-dataset';
import { memoryArea } from '../fixtures/memory-storage';
import { translate as t } from '../fixtures/translate';

let dataset: Dataset;
let byId: Map<string, Breach>;
beforeAll(() => {
  dataset = bundledDataset();
  byId = new Map(dataset.breaches.map((b) => [b.id, b]));
});
afterEach(cleanup);

/** Readers over an in-memory "package": files by id, as JSON text, so a test can damage one. */
function readers(files: Record<string, string>, downloaded?: Breach[]): DetailReaders {
  return {
    async readBundled(id) {
      const text = files[id];
      if (text === undefined) throw new Error('Failed to fetch');
      return JSON.parse(text);
    },
    readDownloaded: async (ids) => downloaded?.filter((b) => ids.includes(b.id)),
  };
}
const ref = (id: string, from: BreachRef['from'] = 'bundled'): BreachRef => ({
  id,
  title: byId.get(id)?.title ?? 'A new breach',
  from,
});

describe('loading breach details by id', () => {
  it('reads each breach found from its own file, checked against the schema', async () => {
    const coop = byId.get('co-op-2025')!;
    const { breaches, failed } = await loadBreachDetails(
      [ref('co-op-2025')],
      readers({ 'co-op-2025': JSON.stringify(coop) }),
    );
    expect(failed).toEqual([]);
    expect(breaches).toEqual([coop]);
  });

  it('names a missing file, a damaged file and a file of another breach, and still returns the good ones', async () => {
    const coop = byId.get('co-op-2025')!;
    const files = {
      'co-op-2025': JSON.stringify(coop),
      'marks-and-spencer-2025': JSON.stringify({ ...byId.get('marks-and-spencer-2025')!, domains: [] }),
      'debenhams-flowers-2017': JSON.stringify(byId.get('boots-2020')!),
    };
    const { breaches, failed } = await loadBreachDetails(
      [ref('co-op-2025'), ref('marks-and-spencer-2025'), ref('debenhams-flowers-2017'), ref('jd-sports-2023')],
      readers(files),
    );
    expect(breaches.map((b) => b.id)).toEqual(['co-op-2025']);
    expect(Object.fromEntries(failed.map((f) => [f.id, f.reason]))).toEqual({
      'marks-and-spencer-2025': expect.stringMatching(/damaged \(domains: must list at least one domain\)/),
      'debenhams-flowers-2017': 'its details file holds another breach ("boots-2020")',
      'jd-sports-2023': expect.stringMatching(/details file is missing \(Failed to fetch\)/),
    });
    expect(failed.find((f) => f.id === 'jd-sports-2023')!.title).toBe(byId.get('jd-sports-2023')!.title);
  });

  it('says a file that is not JSON is missing or unreadable, not blank', async () => {
    const { failed } = await loadBreachDetails([ref('co-op-2025')], readers({ 'co-op-2025': '{"id": "co-op-2025"' }));
    expect(failed[0]!.reason).toMatch(/^its details file is missing \(.*JSON/);
  });

  it('reads downloaded breaches from storage, and falls back to the bundled file when the download lacks one', async () => {
    const adobe = { ...byId.get('hibp-adobe')!, title: 'Adobe (downloaded)' };
    const dropbox = byId.get('hibp-dropbox')!;
    const { breaches, failed } = await loadBreachDetails(
      [ref('hibp-adobe', 'download'), ref('hibp-dropbox', 'download'), ref('new-in-download', 'download')],
      { ...readers({ 'hibp-dropbox': JSON.stringify(dropbox) }, [adobe]) },
    );
    expect(breaches.map((b) => b.title)).toEqual(['Adobe (downloaded)', dropbox.title]);
    expect(failed.map((f) => [f.id, f.reason])).toEqual([
      ['new-in-download', expect.stringMatching(/^it is not in the downloaded data/)],
    ]);
  });
});

describe('the built package', () => {
  it('has one details file per breach of the dataset, each the breach itself', () => {
    const dir = join(GENERATED_DIR, 'breaches');
    expect(existsSync(dir)).toBe(true);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(dataset.breaches.map((b) => `${b.id}.json`).sort());
    const coop = JSON.parse(readFileSync(join(dir, 'co-op-2025.json'), 'utf8'));
    expect(coop).toEqual(byId.get('co-op-2025'));
  });

  it('keeps each breach file small (the popup reads at most this per breach)', () => {
    const dir = join(GENERATED_DIR, 'breaches');
    const sizes = readdirSync(dir).map((f) => readFileSync(join(dir, f)).length);
    sizes.sort((a, b) => a - b);
    // A median breach is a few kB; the largest HIBP descriptions stay under 16 kB.
    expect(sizes[Math.floor(sizes.length / 2)]!).toBeLessThan(5 * 1024);
    expect(sizes.at(-1)!).toBeLessThan(16 * 1024);
  });
});

describe('the popup with details that could not be read', () => {
  it('shows the breaches it could read and names the one it could not, with the reason', () => {
    const store = createStore(memoryArea(), { warn: () => undefined });
    render(
      <PopupApp
        result={{ status: 'ok', host: 'www.coop.co.uk', breaches: [byId.get('co-op-2025')!] }}
        failed={[{ id: 'other-2024', title: 'Other breach', reason: 'its details file is missing (HTTP 404)' }]}
        dataset={dataset}
        region={regions.regions['GB-EAW']}
        store={store}
        t={t}
      />,
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('2 known data breaches for www.coop.co.uk');
    const failed = within(screen.getByTestId('breach-failed'));
    expect(failed.getByRole('heading', { level: 3 }).textContent).toBe('Other breach');
    expect(failed.getByRole('alert').textContent).toContain('its details file is missing (HTTP 404)');
    expect(document.querySelector('article[data-breach-id="co-op-2025"]')).not.toBeNull();
  });

  it('shows a breach count, not "no known breach", when every breach failed to load', () => {
    const store = createStore(memoryArea(), { warn: () => undefined });
    render(
      <PopupApp
        result={{ status: 'ok', host: 'www.coop.co.uk', breaches: [] }}
        failed={[{ id: 'co-op-2025', title: 'Co-op cyber attack', reason: 'damaged' }]}
        dataset={dataset}
        region={regions.regions['GB-EAW']}
        store={store}
        t={t}
      />,
    );
    expect(screen.queryByTestId('no-breach')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('1 known data breach for www.coop.co.uk');
  });

  it('says the lookup failed, with the reason, when the worker cannot answer', () => {
    render(<PopupFailure reason="no answer to lookup/url" t={t} />);
    expect(screen.getByRole('alert').textContent).toContain('no answer to lookup/url');
  });
});

describe("the worker's lookup for the popup", () => {
  it('reads curated and bundled breaches from the package and downloaded HIBP breaches from storage, with ticks', async () => {
    const { lookupSite } = await import('../../src/background/site-lookup');
    const { buildBreachIndex } = await import('../../src/core/breach-index');
    const { summariseBreach } = await import('../../src/core/assemble-dataset');
    const summaries = dataset.breaches.map(summariseBreach);
    const index = buildBreachIndex(summaries, dataset.publicSuffixes);
    const base = { index, dataDate: dataset.dataDate, counts: dataset.counts };
    const files = Object.fromEntries(dataset.breaches.map((b) => [b.id, JSON.stringify(b)]));
    const downloadedAdobe = { ...byId.get('hibp-adobe')!, title: 'Adobe (downloaded)' };
    const r = readers(files, [downloadedAdobe]);
    const region = async () => DEFAULT_SETTINGS;
    const ticks = async (id: string) => ({
      ticked: id === 'hibp-adobe' ? ['change-password' as const] : [],
      notCustomer: false,
    });

    const bundled = await lookupSite({ ...base, source: 'bundled' }, 'https://www.adobe.com/', r, ticks, async () => ({
      ...DEFAULT_SETTINGS,
      region: 'US',
      mutedSites: ['adobe.com'],
    }));
    expect(bundled.lookup).toEqual({
      status: 'ok',
      host: 'www.adobe.com',
      breaches: [{ id: 'hibp-adobe', title: 'Adobe', from: 'bundled' }],
    });
    expect(bundled.details.breaches.map((b) => b.title)).toEqual(['Adobe']);
    expect(bundled.region).toBe('US');
    expect(bundled.muted).toEqual(['adobe.com']);
    expect(bundled.recordSensitive).toBe(false);
    expect(bundled.progress).toEqual({ 'hibp-adobe': { ticked: ['change-password'], notCustomer: false } });

    const updated = await lookupSite(
      { ...base, source: 'updated', fetchedAt: 7 },
      'https://www.adobe.com/',
      r,
      ticks,
      region,
    );
    expect(updated.fetchedAt).toBe(7);
    expect(updated.lookup.status === 'ok' && updated.lookup.breaches[0]!.from).toBe('download');
    expect(updated.details.breaches.map((b) => b.title)).toEqual(['Adobe (downloaded)']);

    const curated = await lookupSite(
      { ...base, source: 'updated', fetchedAt: 7 },
      'https://www.coop.co.uk/',
      r,
      ticks,
      region,
    );
    expect(curated.lookup.status === 'ok' && curated.lookup.breaches[0]!.from).toBe('bundled');
    expect(curated.details.breaches[0]!.id).toBe('co-op-2025');

    // The answer carries the help contacts its popup needs: the decided region's (issue #15).
    const table = JSON.parse(readFileSync('data/generated/help-contacts.json', 'utf8')) as Record<
      string,
      RegionContacts
    >;
    const withContacts = await lookupSite(
      { ...base, source: 'bundled' },
      'https://www.coop.co.uk/',
      r,
      ticks,
      region,
      { languages: ['en-US'] },
      table,
    );
    expect(withContacts.contacts[withContacts.regionDecision.code]).toEqual(table[withContacts.regionDecision.code]);
    expect(Object.keys(withContacts.contacts).length).toBeLessThan(Object.keys(table).length);

    const none = await lookupSite({ ...base, source: 'bundled' }, 'chrome://settings', r, ticks, region);
    expect(none.lookup.status).toBe('not-applicable');
    expect(none.details).toEqual({ breaches: [], failed: [] });
  });

  it('keeps the last reads, forgets failed ones, and drops the oldest past its size', async () => {
    const { rememberLast } = await import('../../src/background/site-lookup');
    const calls: string[] = [];
    let fail = true;
    const read = rememberLast(async (key: string) => {
      calls.push(key);
      if (key === 'bad' && fail) throw new Error('missing');
      return key.toUpperCase();
    }, 2);
    expect(await read('a')).toBe('A');
    expect(await read('a')).toBe('A');
    await expect(read('bad')).rejects.toThrow('missing');
    fail = false;
    expect(await read('bad')).toBe('BAD');
    await read('c'); // 'a' is now the oldest of three: dropped
    await read('a');
    expect(calls).toEqual(['a', 'bad', 'bad', 'c', 'a']);
  });
});
