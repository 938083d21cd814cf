import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPublicSuffix } from 'tldts';
import { describe, expect, it } from 'vitest';
import summaryJson from '../../data/generated/dataset-summary.json';
import type { DatasetSummary } from '../../src/core/assemble-dataset';
import { checkHibpUpdate } from '../../src/core/hibp-update';
import { parseSuffixRules } from '../../src/core/suffix-rules';
import { DATA_DIR } from '../../scripts/lib/dataset-files';

const text = readFileSync(join(DATA_DIR, 'psl', 'icann-suffixes.txt'), 'utf8');
const shipped = parseSuffixRules(text);
const ruleLines = text.split('\n').filter((l) => l && !l.startsWith('//'));
const icann = { allowPrivateDomains: false } as const;

describe('parseSuffixRules', () => {
  const rules = parseSuffixRules('// comment\nco.uk\n*.ck\n!www.ck\n*.kawasaki.jp\n!city.kawasaki.jp\n\n');

  it('knows plain rules, wildcards and their exceptions, and that every single label is a suffix', () => {
    expect(rules.size).toBe(5);
    expect(rules.isPublicSuffix('co.uk')).toBe(true);
    expect(rules.isPublicSuffix('coop.co.uk')).toBe(false);
    expect(rules.isPublicSuffix('uk')).toBe(true);
    expect(rules.isPublicSuffix('anything.ck')).toBe(true);
    expect(rules.isPublicSuffix('www.ck')).toBe(false);
    expect(rules.isPublicSuffix('shop.anything.ck')).toBe(false);
    expect(rules.isPublicSuffix('nakahara.kawasaki.jp')).toBe(true);
    expect(rules.isPublicSuffix('city.kawasaki.jp')).toBe(false);
    expect(rules.isPublicSuffix('example.com')).toBe(false);
  });

  it('names the line that is not a rule', () => {
    expect(() => parseSuffixRules('co.uk\n<script>\n')).toThrow(
      'suffix rules line 2: "<script>" is not a public suffix rule',
    );
    expect(() => parseSuffixRules('co.uk\nCO.UK\n')).toThrow('line 2');
    expect(() => parseSuffixRules('!uk\n')).toThrow('line 1');
  });
});

describe('the shipped rules (data/psl/icann-suffixes.txt)', () => {
  it('carries the MPL notice, and thousands of rules', () => {
    expect(text).toMatch(/^\/\/ This Source Code Form is subject to the terms of the Mozilla Public License, v\. 2\.0/);
    expect(shipped.size).toBeGreaterThan(5000);
  });

  it('agrees with tldts (ICANN section) on every rule and on a name under each', () => {
    const disagree: string[] = [];
    for (const rule of ruleLines) {
      if (rule.startsWith('!')) {
        const name = rule.slice(1);
        if (shipped.isPublicSuffix(name) !== (getPublicSuffix(name, icann) === name)) disagree.push(rule);
        continue;
      }
      const base = rule.replace(/^\*\./, '');
      for (const name of [
        rule.startsWith('*.') ? `probe.${base}` : base,
        `probe-site.${rule.startsWith('*.') ? `probe.${base}` : base}`,
      ]) {
        if (shipped.isPublicSuffix(name) !== (getPublicSuffix(name, icann) === name)) disagree.push(name);
      }
    }
    expect(disagree).toEqual([]);
  });

  it('refuses the registries a hostile list could name, and no breached domain of the bundled data', () => {
    for (const d of ['com.mx', 'ac.uk', 'co.uk', 'com.bd', 'gov.uk', 'com.au', 'co.jp'])
      expect(shipped.isPublicSuffix(d), d).toBe(true);
    for (const d of ['coop.co.uk', 'www.some-bank.com.mx', 'cam.ac.uk', 'github.io'])
      expect(shipped.isPublicSuffix(d), d).toBe(false);
    const summary = summaryJson as DatasetSummary;
    const onSuffix = summary.breaches.flatMap((b) => b.domains).filter((d) => shipped.isPublicSuffix(d));
    expect(onSuffix).toEqual([]);
  });

  it('makes checkHibpUpdate refuse a list with a breach on a registry the bundled data never names', () => {
    const list = JSON.parse(readFileSync(join(DATA_DIR, 'hibp', 'breaches.json'), 'utf8')) as Record<string, unknown>[];
    const hostile = [...list, { ...list.find((b) => b.Name === 'Adobe')!, Name: 'BankMx', Domain: 'com.mx' }];
    const r = checkHibpUpdate(JSON.stringify(hostile), list.length, { isPublicSuffix: shipped.isPublicSuffix });
    expect(r).toEqual({ ok: false, reason: '"BankMx": domain "com.mx" is a public suffix, not a site' });
    expect(checkHibpUpdate(JSON.stringify(list), list.length, { isPublicSuffix: shipped.isPublicSuffix }).ok).toBe(
      true,
    );
  });
});
