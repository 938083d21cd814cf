import { ownDomains } from '../../src/core/domain-families';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleDataset, summariseDataset, type DatasetInputs } from '../../src/core/assemble-dataset';
import { buildBreachIndex, compactBreachIndex, lookupUrl } from '../../src/core/breach-index';
import { compactIndexFromBase64 } from '../../src/core/compact-index';
import type { Dataset } from '../../src/core/dataset-schema';
import { buildDatasetFromFiles, DATA_DIR, readDatasetInputs, suffixRules } from '../../scripts/lib/dataset-files';

let dataset: Dataset;
let inputs: DatasetInputs;
beforeAll(() => {
  inputs = readDatasetInputs();
  const built = assembleDataset(inputs, suffixRules);
  if (!built.ok) throw new Error(built.errors.join('\n'));
  dataset = built.dataset;
});

const goodEntry = () => JSON.parse(readFileSync(join(DATA_DIR, 'curated', 'co-op-2025.json'), 'utf8'));
const assembleWith = (entry: unknown, extra: Partial<DatasetInputs> = {}) =>
  assembleDataset({ ...inputs, curated: [{ file: 'data/curated/test.json', entry }], ...extra }, suffixRules);
const errorsOf = (r: ReturnType<typeof assembleDataset>) => (r.ok ? [] : r.errors);

describe('the bundled dataset', () => {
  it('keeps HIBP entries with a domain and drops spam lists, fabricated and retired ones', () => {
    const replaced = new Set(
      dataset.breaches.flatMap((b) => (b.origin === 'curated' ? [b.hibpName, ...(b.replacesHibp ?? [])] : [])),
    );
    const hibpKept = inputs.hibp.filter(
      (b) => b.Domain && !b.IsSpamList && !b.IsFabricated && !b.IsRetired && !replaced.has(b.Name),
    );
    expect(dataset.counts.hibp).toBe(hibpKept.length);
    const kept = new Set(dataset.breaches.map((b) => b.hibpName));
    for (const b of inputs.hibp.filter((b) => b.IsSpamList || b.IsFabricated || b.IsRetired)) {
      expect(kept.has(b.Name)).toBe(false);
    }
  });

  it('contains the curated Co-op, Debenhams Flowers and M&S entries', () => {
    const curated = dataset.breaches.filter((b) => b.origin === 'curated').map((b) => b.id);
    expect(curated).toEqual(expect.arrayContaining(['co-op-2025', 'debenhams-flowers-2017', 'marks-and-spencer-2025']));
  });

  it('records its date as the newest date in it, and its counts', () => {
    const newest = dataset.breaches
      .flatMap((b) => [b.breachDate, b.disclosedDate, b.addedDate])
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1);
    expect(dataset.dataDate).toBe(newest);
    expect(dataset.counts.breaches).toBe(dataset.breaches.length);
    expect(dataset.counts.domains).toBe(new Set(dataset.breaches.flatMap((b) => b.domains)).size);
  });

  it('matches Debenhams Flowers but never debenhams.com', () => {
    const index = buildBreachIndex(dataset.breaches, dataset.publicSuffixes);
    const ids = (u: string) => {
      const r = lookupUrl(index, u);
      return r.status === 'ok' ? r.breaches.map((b) => b.id) : [];
    };
    expect(ids('https://www.debenhamsflowers.com/')).toContain('debenhams-flowers-2017');
    expect(ids('https://www.debenhams.com/')).toEqual([]);
    expect(ids('https://www.coop.co.uk/')).toEqual(['co-op-2025']);
    expect(ids('https://www.marksandspencer.com/')).toEqual(['marks-and-spencer-2025']);
  });

  it("shows Sony's breach on sonypictures.com, where it happened (data/domain-groups.json)", () => {
    const sony = dataset.breaches.find((b) => b.hibpName === 'Sony')!;
    expect(ownDomains(sony)).toEqual(['sony.com']);
    expect(sony.related).toContainEqual({ domain: 'sonypictures.com', via: 'sony.com', kind: 'same-breach' });
  });

  it('treats the public suffixes of its domains as no site', () => {
    const index = buildBreachIndex(dataset.breaches, dataset.publicSuffixes);
    expect(lookupUrl(index, 'https://co.uk/')).toEqual({ status: 'not-applicable', reason: 'no-site', host: 'co.uk' });
  });

  it('never carries raw HIBP markup in plain-text descriptions', () => {
    for (const b of dataset.breaches) expect(b.description).not.toMatch(/<[a-z/]/i);
  });

  it('gives the worker a summary with only what it needs', () => {
    const summary = summariseDataset(dataset);
    expect(Object.keys(summary.breaches[0]!).sort()).toEqual([
      'breachDate',
      'domains',
      'id',
      'knownSince',
      'origin',
      'sensitive',
      'title',
    ]);
    // When it became known decides the alarm: HIBP's listing date where no disclosure is known.
    const dropbox = summary.breaches.find((b) => b.id === 'hibp-dropbox')!;
    expect([dropbox.breachDate, dropbox.knownSince]).toEqual(['2012-07-01', '2016-08-31']);
    // What a curated entry replaces travels with it, so a downloaded list is merged as the build merges.
    expect(summary.breaches.find((b) => b.replacesHibp)).toMatchObject({ origin: 'curated', replacesHibp: ['Romwe'] });
    expect(summary.breaches).toHaveLength(dataset.breaches.length);
    const index = compactBreachIndex(summary.breaches, compactIndexFromBase64(summary.compactIndex));
    expect(index.find('shop.coop.co.uk').map((b) => b.id)).toEqual(['co-op-2025']);
    expect(index.find('www.debenhams.com')).toEqual([]);
  });
});

describe('a malformed entry fails the build with its file and field named', () => {
  it.each([
    ['a missing title', (e: Record<string, unknown>) => delete e.title, 'data/curated/test.json: title'],
    ['an upper-case domain', (e: Record<string, unknown>) => (e.domains = ['Coop.co.uk']), 'domains.0'],
    ['a bare public suffix as domain', (e: Record<string, unknown>) => (e.domains = ['co.uk']), 'public suffix'],
    ['an impossible date', (e: Record<string, unknown>) => (e.breachDate = '2025-02-30'), 'breachDate'],
    ['an unknown data class', (e: Record<string, unknown>) => (e.dataClasses = ['Shoe sizes']), 'Shoe sizes'],
    ['no sources', (e: Record<string, unknown>) => (e.sources = []), 'sources'],
    [
      'an http source',
      (e: Record<string, unknown>) => ((e.sources as { url: string }[])[0]!.url = 'http://x.example/'),
      'sources.0.url',
    ],
    ['a negative count', (e: Record<string, unknown>) => (e.affectedCount = -1), 'affectedCount'],
    ['an unknown field', (e: Record<string, unknown>) => (e.colour = 'red'), 'colour'],
    ['disclosure before the breach', (e: Record<string, unknown>) => (e.disclosedDate = '2024-01'), 'disclosedDate'],
    [
      'an unknown breach date without a disclosure date',
      (e: Record<string, unknown>) => ((e.breachDateUnknown = true), delete e.disclosedDate),
      'breachDateUnknown needs a disclosedDate',
    ],
  ])('rejects %s', (_name, mutate, expected) => {
    const entry = goodEntry();
    mutate(entry);
    const errors = errorsOf(assembleWith(entry));
    expect(errors.join('\n')).toContain(expected);
  });

  it('accepts the unmodified entry (so the cases above fail for their one reason)', () => {
    expect(errorsOf(assembleWith(goodEntry()))).toEqual([]);
  });

  it('accepts an unknown breach date that holds the day it was found or made public, never one after it', () => {
    const entry = { ...goodEntry(), breachDateUnknown: true };
    expect(errorsOf(assembleWith(entry))).toEqual([]);
    entry.breachDate = entry.disclosedDate;
    expect(errorsOf(assembleWith(entry))).toEqual([]);
    entry.breachDate = '2099';
    expect(errorsOf(assembleWith(entry)).join('\n')).toContain('disclosedDate');
  });

  it('rejects a domain group of ours without a reason, naming the file and group', () => {
    const apple = readDatasetInputs().apple!;
    const errors = errorsOf(
      assembleWith(goodEntry(), { apple: { ...apple, ownGroups: [{ from: ['a.example'], to: ['b.example'] }] } }),
    );
    expect(errors.join('\n')).toMatch(/data\/domain-groups\.json: group 0: reason/);
  });

  it('rejects two entries with one id', () => {
    const r = assembleDataset(
      {
        ...inputs,
        curated: [
          { file: 'a.json', entry: goodEntry() },
          { file: 'b.json', entry: goodEntry() },
        ],
      },
      suffixRules,
    );
    expect(errorsOf(r).join('\n')).toContain('id "co-op-2025" is also used');
  });

  it('reports a file that is not JSON by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-'));
    cpSync(DATA_DIR, join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'curated', 'broken.json'), '{"id": "broken",');
    expect(() => buildDatasetFromFiles(join(dir, 'data'))).toThrow(/data\/curated\/broken\.json: not valid JSON/);
  });
});

describe('npm run data:build on bad data', () => {
  it('exits 1 naming the file and field of a malformed entry, and writes nothing', async () => {
    const { spawnSync } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'data-'));
    cpSync(DATA_DIR, join(dir, 'data'), { recursive: true });
    const entry = goodEntry();
    entry.id = 'bad-entry';
    entry.domains = ['https://www.example.com/'];
    entry.breachDate = 'last spring';
    writeFileSync(join(dir, 'data', 'curated', 'bad-entry.json'), JSON.stringify(entry));
    const root = join(import.meta.dirname, '..', '..');
    const r = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'scripts', 'build-data.ts'), '--data', join(dir, 'data'), '--out', join(dir, 'out')],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('data/curated/bad-entry.json: domains.0: must be a lower-case host name');
    expect(r.stderr).toContain('data/curated/bad-entry.json: breachDate: must be an ISO date');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 30_000);
});
