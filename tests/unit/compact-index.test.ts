import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBreachIndex, compactBreachIndex, lookupUrl } from '../../src/core/breach-index';
import { buildCompactIndex, loadCompactIndex, serialiseCompactIndex } from '../../src/core/compact-index';
import { buildDatasetFromFiles } from '../../scripts/lib/dataset-files';
import { lookupUrls, syntheticDataset } from '../../bench/synthetic-dataset';

const roundTrip = <T extends { id: string; domains: string[] }>(breaches: T[], suffixes: string[] = []) =>
  compactBreachIndex(breaches, loadCompactIndex(serialiseCompactIndex(buildCompactIndex(breaches))), suffixes);
const ids = (r: ReturnType<typeof lookupUrl>) => (r.status === 'ok' ? r.breaches.map((b) => b.id) : r.reason);

describe('compact index', () => {
  it('answers exactly as the Map index on the bundled dataset', () => {
    const built = buildDatasetFromFiles();
    if (!built.ok) throw new Error(built.errors.join('\n'));
    const { breaches, publicSuffixes } = built.dataset;
    const map = buildBreachIndex(breaches, publicSuffixes);
    const compact = roundTrip(breaches, publicSuffixes);
    const domains = [...map.domains()];
    expect([...compact.domains()].sort()).toEqual(domains.sort());
    const { hits, misses } = lookupUrls(domains, 3000);
    for (const u of [...hits, ...misses, 'https://co.uk/', 'https://shop.coop.co.uk/', 'https://www.debenhams.com/']) {
      expect(ids(lookupUrl(compact, u))).toEqual(ids(lookupUrl(map, u)));
    }
  });

  it('answers as the Map index for generated breaches that share and nest domains', () => {
    const label = fc.constantFrom('a', 'b', 'shop', 'xn--mnchen-3ya', 'co', 'uk');
    const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((ls) => ls.join('.'));
    const breaches = fc.array(fc.array(domain, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 30 });
    const hosts = fc.array(
      fc.array(label, { minLength: 1, maxLength: 6 }).map((ls) => ls.join('.')),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(breaches, hosts, (domainLists, hs) => {
        const bs = domainLists.map((domains, i) => ({ id: `b${i}`, domains }));
        const map = buildBreachIndex(bs);
        const compact = roundTrip(bs);
        for (const host of hs) expect(compact.find(host).map((b) => b.id)).toEqual(map.find(host).map((b) => b.id));
      }),
      { numRuns: 500 },
    );
  });

  it('finds every domain of a 100,000-domain synthetic dataset after a round trip', () => {
    const { breaches } = syntheticDataset(100_000);
    const compact = roundTrip(breaches);
    for (const b of breaches.slice(0, 5000)) {
      for (const d of b.domains) expect(compact.find(`www.${d}`).map((x) => x.id)).toContain(b.id);
    }
    expect(compact.find('www.example.invalid')).toEqual([]);
  });

  it('answers as the Map index with its filter on (60,000 domains), hits and misses alike', () => {
    const { breaches } = syntheticDataset(60_000);
    const layout = buildCompactIndex(breaches);
    expect(layout.filter.length).toBeGreaterThan(0);
    const compact = compactBreachIndex(breaches, loadCompactIndex(serialiseCompactIndex(layout)));
    const map = buildBreachIndex(breaches);
    const { hits, misses } = lookupUrls([...map.domains()], 4000);
    for (const u of [...hits, ...misses]) expect(ids(lookupUrl(compact, u))).toEqual(ids(lookupUrl(map, u)));
  });
});
