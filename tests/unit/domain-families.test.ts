// Issue #20: real change-password pages and brand families, over the bundled data and Apple's lists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordVisit } from '../../src/core/alert-bookkeeping';
import { checkAppleLists } from '../../src/core/apple-lists';
import { buildBreachIndex, lookupUrl } from '../../src/core/breach-index';
import {
  familyIndex,
  ownDomains,
  relatedMatch,
  withFamilies,
  type RelatedDomain,
} from '../../src/core/domain-families';
import { protectiveSteps, type RegionContacts } from '../../src/core/protective-steps';
import help from '../../data/help/regions.json';
import { buildDatasetFromFiles, DATA_DIR, readDatasetInputs, suffixRules } from '../../scripts/lib/dataset-files';
import { assembleDataset } from '../../src/core/assemble-dataset';

const built = buildDatasetFromFiles();
if (!built.ok) throw new Error(built.errors.join('\n'));
const dataset = built.dataset;
const index = buildBreachIndex(dataset.breaches, dataset.publicSuffixes);
const pages = JSON.parse(readFileSync(join(DATA_DIR, 'apple', 'change-password-URLs.json'), 'utf8')) as Record<
  string,
  string
>;
const ids = (url: string) => {
  const r = lookupUrl(index, url);
  return r.status === 'ok' ? r.breaches.map((b) => b.id) : [];
};
const GB = help.regions['GB-EAW'] as RegionContacts;

describe('change-password pages', () => {
  it("gives every breach on a domain of Apple's list that page (or the curated entry's own)", () => {
    let checked = 0;
    for (const b of dataset.breaches) {
      const listed = ownDomains(b).find((d) => Object.hasOwn(pages, d));
      if (!listed || b.related?.some((r) => r.kind === 'renamed')) continue;
      checked++;
      expect(b.changePasswordUrl, b.id).toBeDefined();
      if (b.origin === 'hibp') expect(b.changePasswordUrl, b.id).toBe(pages[listed]);
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("links Adobe's step to account.adobe.com, and a renamed account to its new name's page", () => {
    const adobe = dataset.breaches.find((b) => b.id === 'hibp-adobe')!;
    const step = protectiveSteps(adobe, GB, 'www.adobe.com').find((s) => s.id === 'change-password')!;
    expect(step.contact).toEqual({ label: 'adobe.com', url: 'https://account.adobe.com/security' });
    expect(dataset.breaches.find((b) => b.id === 'hibp-twitter')!.changePasswordUrl).toBe(pages['x.com']);
  });

  it('offers the standard well-known address, said to be that, where no page is known', () => {
    // Debenhams Flowers without what the company did (it reset the passwords, so its step has no link).
    const df = { ...dataset.breaches.find((b) => b.id === 'debenhams-flowers-2017')!, companyDid: [] };
    const step = protectiveSteps(df, GB, 'www.debenhamsflowers.com').find((s) => s.id === 'change-password')!;
    expect(step.contact).toEqual({
      label: 'debenhamsflowers.com',
      url: 'https://debenhamsflowers.com/.well-known/change-password',
      wellKnown: true,
    });
  });
});

describe('saying since when', () => {
  const input = { dataClasses: ['Passwords'], domains: ['example.com'] };
  const now = Date.UTC(2026, 10, 25);
  const step = (breachDate: string, disclosedDate?: string) =>
    protectiveSteps({ ...input, breachDate, disclosedDate }, GB, 'example.com', undefined, now).find(
      (s) => s.id === 'change-password',
    )!;

  it('keeps a password breach made public in the last three years "now"', () => {
    expect(step('2025-04')).toMatchObject({ urgency: 'now' });
    expect(step('2025-04').since).toBeUndefined();
  });

  it('turns an older one into a check since its breach date', () => {
    expect(step('2012-07')).toMatchObject({ urgency: 'soon', since: '2012-07' });
  });

  it('goes by the disclosure when there is one: disclosed last year is still "now"', () => {
    expect(step('2012-07', '2025-12-01')).toMatchObject({ urgency: 'now' });
  });
});

describe('brand families', () => {
  it("shows Twitter's breaches on x.com, its new name, but nothing on notx.com or x.com.evil.example", () => {
    expect(ids('https://x.com/home')).toEqual(expect.arrayContaining(['hibp-twitter']));
    expect(ids('https://mobile.x.com/')).toContain('hibp-twitter');
    expect(ids('https://notx.com/')).toEqual([]);
    expect(ids('https://x.com.evil.example/')).toEqual([]);
    const twitter = dataset.breaches.find((b) => b.id === 'hibp-twitter')!;
    expect(relatedMatch(twitter, 'x.com')).toEqual({ domain: 'x.com', via: 'twitter.com', kind: 'renamed' });
    expect(relatedMatch(twitter, 'twitter.com')).toBeUndefined();
  });

  it("shows Adobe's breach on behance.net (signs in with Adobe), and no behance breach on adobe.com", () => {
    expect(ids('https://www.behance.net/')).toContain('hibp-adobe');
    const groups = [{ from: ['behance.net'], to: ['adobe.com'] }];
    const fam = familyIndex(groups);
    expect(withFamilies({ domains: ['adobe.com'] }, fam).domains).toEqual(['adobe.com', 'behance.net']);
    expect(withFamilies({ domains: ['behance.net'] }, fam)).toEqual({ domains: ['behance.net'] });
  });

  it('treats shared groups as equal in both directions', () => {
    const fam = familyIndex([{ shared: ['airfrance.com', 'klm.com', 'flyingblue.com'] }]);
    expect(
      withFamilies<{ domains: string[]; related?: RelatedDomain[] }>({ domains: ['klm.com'] }, fam).related,
    ).toEqual([
      { domain: 'airfrance.com', via: 'klm.com', kind: 'shared' },
      { domain: 'flyingblue.com', via: 'klm.com', kind: 'shared' },
    ]);
    expect(withFamilies({ domains: ['flyingblue.com'] }, fam).domains).toContain('klm.com');
  });

  it("shows a renamed domain's breach on the new name only, not the other way", () => {
    const fam = familyIndex([{ from: ['twitter.com'], to: ['x.com'], fromDomainsAreObsoleted: true }]);
    expect(withFamilies({ domains: ['twitter.com'] }, fam).domains).toEqual(['twitter.com', 'x.com']);
    expect(withFamilies({ domains: ['x.com'] }, fam).domains).toEqual(['x.com']);
  });

  it('records on the alert why a family domain matched', () => {
    const twitter = dataset.breaches.find((b) => b.id === 'hibp-twitter')!;
    expect(recordVisit(undefined, 'x.com', twitter, 1).matchedVia).toEqual({
      via: 'twitter.com',
      kind: 'renamed',
    });
    expect(recordVisit(undefined, 'twitter.com', twitter, 1).matchedVia).toBeUndefined();
  });
});

describe("checking Apple's lists", () => {
  it('accepts the bundled copies', () => {
    const inputs = readDatasetInputs();
    expect(checkAppleLists(inputs.apple!.changePasswordUrls, inputs.apple!.sharedCredentials).ok).toBe(true);
  });

  it('fails the data build naming the file and the entry of a malformed list', () => {
    const inputs = readDatasetInputs();
    const bad = assembleDataset(
      {
        ...inputs,
        apple: {
          changePasswordUrls: { 'Adobe.com': 'https://account.adobe.com/', 'x.com': 'http://x.com/settings' },
          sharedCredentials: [{ shared: ['a.example', 'b.example'] }, { from: ['UPPER.example'], to: [] }],
        },
      },
      suffixRules,
    );
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^data\/apple\/change-password-URLs\.json: Adobe\.com: must be a lower-case host name/),
        expect.stringMatching(/^data\/apple\/change-password-URLs\.json: x\.com: must be an https URL/),
        expect.stringMatching(/^data\/apple\/shared-credentials\.json: group 1: /),
      ]),
    );
  });
});

describe('npm run data:apple', () => {
  it('refuses a malformed copy, naming the file and entry, and leaves data/apple as it was', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'amia-apple-'));
    copyFileSync(join(DATA_DIR, 'apple', 'LICENSE.md'), join(dir, 'LICENSE.md'));
    copyFileSync(join(DATA_DIR, 'apple', 'shared-credentials.json'), join(dir, 'shared-credentials.json'));
    writeFileSync(join(dir, 'change-password-URLs.json'), JSON.stringify({ 'example.com': 'ftp://example.com/' }));
    const before = readFileSync(join(DATA_DIR, 'apple', 'change-password-URLs.json'));
    const root = join(DATA_DIR, '..');
    const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'data-apple.ts'), dir], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/change-password-URLs\.json: example\.com: must be an https URL/);
    expect(readFileSync(join(DATA_DIR, 'apple', 'change-password-URLs.json'))).toEqual(before);
  }, 30_000);
});

describe("the worker's download path with the bundled lists", () => {
  it('accepts the bundled HIBP list with the same families and pages the build applies', async () => {
    const { checkHibpUpdate } = await import('../../src/core/hibp-update');
    const resources = JSON.parse(readFileSync(join(DATA_DIR, 'generated', 'password-resources.json'), 'utf8')) as {
      groups: Parameters<typeof familyIndex>[0];
      pages: Record<string, string>;
    };
    const body = readFileSync(join(DATA_DIR, 'hibp', 'breaches.json'), 'utf8');
    const r = checkHibpUpdate(body, dataset.counts.hibp, {
      publicSuffixes: new Set(dataset.publicSuffixes),
      resources: { families: familyIndex(resources.groups), pages: resources.pages },
    });
    expect(r.ok ? 'ok' : r.reason).toBe('ok');
    const fromDownload = r.ok ? r.breaches.find((b) => b.id === 'hibp-sony')! : undefined;
    expect(fromDownload?.domains).toEqual(dataset.breaches.find((b) => b.id === 'hibp-sony')!.domains);
  });
});
