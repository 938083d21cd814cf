import { describe, expect, it } from 'vitest';
import { describeBreaches, mergeWithCurated, withDownloadedHibp, type Mergeable } from '../../src/core/merge-breaches';

const curated = (over: Partial<Mergeable> = {}): Mergeable => ({
  id: 'co-op-2025',
  origin: 'curated',
  domains: ['coop.co.uk'],
  breachDate: '2025-04',
  ...over,
});
const hibp = (id: string, domains: string[], breachDate: string): Mergeable => ({
  id,
  origin: 'hibp',
  domains,
  breachDate,
  hibpName: id,
});

describe('curated entries win over Have I Been Pwned entries', () => {
  it('leaves out the HIBP entries a curated entry names', () => {
    const c = curated({ id: 'shein-romwe-2018', domains: ['shein.com'], hibpName: 'SHEIN', replacesHibp: ['Romwe'] });
    const { breaches, dropped } = mergeWithCurated(
      [c],
      [
        hibp('hibp-shein', ['shein.com'], '2018-06'),
        hibp('hibp-romwe', ['romwe.com'], '2018'),
        hibp('hibp-x', ['x.com'], '2018'),
      ],
    );
    expect(breaches.map((b) => b.id)).toEqual(['shein-romwe-2018', 'hibp-x']);
    expect(dropped).toEqual([
      { id: 'hibp-shein', by: 'shein-romwe-2018', reason: 'replaced-by-curated' },
      { id: 'hibp-romwe', by: 'shein-romwe-2018', reason: 'replaced-by-curated' },
    ]);
  });

  it.each([
    ['the same month', '2025-04-22', true],
    ['eleven months later', '2026-03', true],
    ['a year without a month (its first day is in range)', '2025', true],
    ['two years earlier', '2023-03', false],
    ['fourteen months later', '2026-06-30', false],
  ])('treats an HIBP entry on the same domain from %s as the same incident: %s', (_n, date, same) => {
    const { breaches } = mergeWithCurated([curated()], [hibp('hibp-coop', ['coop.co.uk'], date)]);
    expect(breaches.map((b) => b.id)).toEqual(same ? ['co-op-2025'] : ['co-op-2025', 'hibp-coop']);
  });

  it('keeps an HIBP entry of the same time on another domain, even a subdomain', () => {
    const { breaches } = mergeWithCurated([curated()], [hibp('hibp-shop', ['shop.coop.co.uk'], '2025-04')]);
    expect(breaches).toHaveLength(2);
  });

  it('puts a downloaded HIBP list beside the bundled curated entries, with the facts given', () => {
    const bundled = { breaches: [curated(), hibp('hibp-old', ['old.example'], '2015')], note: 'kept' };
    const facts = describeBreaches([curated(), hibp('hibp-new', ['new.example'], '2026-10')]);
    const next = withDownloadedHibp(bundled, [hibp('hibp-new', ['new.example'], '2026-10')], facts);
    expect(next.breaches.map((b) => b.id)).toEqual(['co-op-2025', 'hibp-new']);
    expect(next).toMatchObject({
      note: 'kept',
      dataDate: '2026-10',
      counts: { breaches: 2, curated: 1, hibp: 1, domains: 2 },
    });
  });
});
