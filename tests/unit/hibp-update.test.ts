import { toSafeDescription } from '../../src/core/safe-description';
import { familyIndex } from '../../src/core/domain-families';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHibpUpdate, diffHibpLists } from '../../src/core/hibp-update';
import type { HibpBreach } from '../../src/core/hibp-convert';
import { DATA_DIR } from '../../scripts/lib/dataset-files';

const list = JSON.parse(readFileSync(join(DATA_DIR, 'hibp', 'breaches.json'), 'utf8')) as HibpBreach[];
const kept = list.filter((b) => b.Domain && !b.IsSpamList && !b.IsFabricated && !b.IsRetired).length;

describe('checking a downloaded HIBP list', () => {
  it('accepts the list as published, keeping what the build keeps', () => {
    const r = checkHibpUpdate(JSON.stringify(list), kept);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.breaches).toHaveLength(kept);
  });

  it.each([
    ['a truncated body', JSON.stringify(list).slice(0, 5000), 'not valid JSON'],
    ['an object instead of a list', '{"breaches": []}', 'not a list'],
    ['an entry without a Name', JSON.stringify([{ ...list[0], Name: undefined }]), 'entry 0'],
    ['a list that shrinks by 90%', JSON.stringify(list.slice(0, Math.floor(list.length / 10))), 'suspicious'],
  ])('refuses %s with a reason', (_name, body, reason) => {
    const r = checkHibpUpdate(body, kept);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('refuses a body over the size limit before parsing it', () => {
    const r = checkHibpUpdate('x'.repeat(2000), kept, { limits: { maxBytes: 1000, minKeptShare: 0.5 } });
    expect(r).toEqual({ ok: false, reason: 'too large: 2000 bytes, the limit is 1000' });
  });

  it("with the build's converter (npm run data:update), turns hostile descriptions into inert text and links", () => {
    const hostile = [{ ...list[0], Description: '<img src=x onerror=alert(1)><a href="javascript:x">y</a>ok' }];
    const r = checkHibpUpdate(JSON.stringify(hostile), 0, { describe: toSafeDescription });
    expect(r.ok && r.breaches[0]!.descriptionHtml).toBe('yok');
  });

  it('in the worker, keeps the markup for the page to sanitise and gives a plain text without tags', () => {
    const markup =
      '<script>steal()</script><img src=x onerror=alert(1)>In 2020, <em>Foo</em> lost &quot;data&quot; &amp; more&#33;';
    const r = checkHibpUpdate(JSON.stringify([{ ...list[0], Description: markup }]), 0);
    expect(r.ok && r.breaches[0]!.descriptionHtml).toBe(markup);
    expect(r.ok && r.breaches[0]!.description).toBe('In 2020, Foo lost "data" & more!');
  });
});

describe('what changed between two lists', () => {
  it('names added, modified and removed breaches', () => {
    const [a, b, c] = list as [HibpBreach, HibpBreach, HibpBreach];
    const changes = diffHibpLists([a, b], [{ ...b, ModifiedDate: '2099-01-01T00:00:00Z' }, c]);
    expect(changes).toEqual({ added: [c.Name], modified: [b.Name], removed: [a.Name] });
  });
});

describe('the rules the build and the extension share', () => {
  const base = list.find((b) => b.Name === 'Adobe')!;

  it('drops entries without a domain and those flagged spam, fabricated or retired', () => {
    const flagged = [
      { ...base, Name: 'A', Domain: '' },
      { ...base, Name: 'B', IsSpamList: true },
      { ...base, Name: 'C', IsFabricated: true },
      { ...base, Name: 'D', IsRetired: true },
      { ...base, Name: 'E' },
    ];
    const r = checkHibpUpdate(JSON.stringify(flagged), 0);
    expect(r.ok && r.breaches.map((b) => b.id)).toEqual(['hibp-e']);
    expect(r.ok && r.skipped).toBe(4);
  });

  it("adds family domains and the change-password page as the build does (Apple's lists, our groups)", () => {
    const resources = {
      families: familyIndex([{ from: ['behance.net'], to: ['adobe.com'] }]),
      pages: { 'adobe.com': 'https://account.adobe.com/security' },
    };
    const r = checkHibpUpdate(JSON.stringify([base]), 0, { resources });
    expect(r.ok && r.breaches[0]!.domains).toEqual(['adobe.com', 'behance.net']);
    expect(r.ok && r.breaches[0]!.changePasswordUrl).toBe('https://account.adobe.com/security');
  });

  it('refuses a list with a breach on a whole registry, which would match every site under it', () => {
    const r = checkHibpUpdate(JSON.stringify([{ ...base, Domain: 'CO.UK' }]), 0, {
      publicSuffixes: new Set(['co.uk']),
    });
    expect(r).toEqual({ ok: false, reason: '"Adobe": domain "co.uk" is a public suffix, not a site' });
  });
});
