import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Breach } from '../../src/core/dataset-schema';
import { comparePartialDates } from '../../src/core/partial-date';
import { buildDatasetFromFiles, DATA_DIR } from '../../scripts/lib/dataset-files';

// The quality bar of data/curated/: every fact sourced and dated, nothing contradicting itself, no breach twice.

const built = buildDatasetFromFiles();
if (!built.ok) throw new Error(`data/ does not build:\n${built.errors.join('\n')}`);
const dataset = built.dataset;
const curated = dataset.breaches.filter((b) => b.origin === 'curated');
const year = (b: Breach) => b.breachDate.slice(0, 4);

/** Pairs of data classes where exposing the first while saying the second was not taken is a contradiction. */
const IMPLIES: [string, string][] = [
  ['Credit card CVV', 'Credit cards'],
  ['Historical passwords', 'Passwords'],
];

describe('curated breach entries', () => {
  it('are one file per breach, named after its id', () => {
    const files = readdirSync(join(DATA_DIR, 'curated')).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(curated.map((b) => `${b.id}.json`).sort());
    for (const f of files)
      expect(JSON.parse(readFileSync(join(DATA_DIR, 'curated', f), 'utf8')).id).toBe(f.slice(0, -5));
  });

  it.each(curated.map((b) => [b.id, b] as const))('%s: has dated https sources and a review date', (_id, b) => {
    expect(b.sources.length).toBeGreaterThan(0);
    for (const s of b.sources) {
      expect(s.url.startsWith('https://')).toBe(true);
      expect(s.date).toBeTruthy();
      expect(s.publisher).toBeTruthy();
    }
    expect(b.reviewed).toBeTruthy();
  });

  it.each(curated.map((b) => [b.id, b] as const))('%s: dates run breach ≤ disclosed ≤ reviewed', (_id, b) => {
    if (b.disclosedDate) expect(comparePartialDates(b.breachDate, b.disclosedDate)).toBeLessThanOrEqual(0);
    expect(comparePartialDates(b.disclosedDate ?? b.breachDate, b.reviewed!)).toBeLessThanOrEqual(0);
    for (const s of b.sources) expect(comparePartialDates(s.date!, b.reviewed!)).toBeLessThanOrEqual(0);
  });

  it.each(curated.map((b) => [b.id, b] as const))('%s: what was not taken never contradicts what was', (_id, b) => {
    expect(b.notExposed.filter((c) => b.dataClasses.includes(c))).toEqual([]);
    for (const [exposed, notTaken] of IMPLIES) {
      expect(b.dataClasses.includes(exposed) && b.notExposed.includes(notTaken)).toBe(false);
    }
    expect(b.dataClasses.length).toBeGreaterThan(0);
  });

  it.each(curated.map((b) => [b.id, b] as const))('%s: scope, offer and notice, where given, are usable', (_id, b) => {
    if (b.scope !== undefined) expect(b.scope.length).toBeGreaterThan(10);
    if (b.noticeUrl !== undefined) expect(b.noticeUrl).toMatch(/^https:\/\//);
    if (b.offer) {
      expect(b.offer.text.length).toBeGreaterThan(10);
      if (b.offer.url) expect(b.offer.url).toMatch(/^https:\/\//);
      // An offer's deadline comes after the company made the offer.
      if (b.offer.deadline && b.disclosedDate)
        expect(comparePartialDates(b.disclosedDate, b.offer.deadline)).toBeLessThanOrEqual(0);
    }
    if (b.dataMayInclude !== undefined) expect(typeof b.dataMayInclude).toBe('boolean');
    // "May include" is about what was exposed: an entry that says so still names what it may include.
    if (b.dataMayInclude) expect(b.dataClasses.length).toBeGreaterThan(0);
  });

  it.each(curated.map((b) => [b.id, b] as const))("%s: counts as stated, or the company's words", (_id, b) => {
    expect(b.affectedCount !== null || Boolean(b.affectedText)).toBe(true);
  });

  it('never list one domain for two breaches of the same year without a stated reason', () => {
    const seen = new Map<string, Breach>();
    const clashes: string[] = [];
    for (const b of dataset.breaches) {
      for (const d of b.domains) {
        const key = `${d} ${year(b)}`;
        const other = seen.get(key);
        const explained = b.sameSiteReason || other?.sameSiteReason;
        if (other && (other.origin === 'curated' || b.origin === 'curated') && !explained) {
          clashes.push(`${other.id} and ${b.id} share ${key}`);
        }
        seen.set(key, b);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('replace, not repeat, the HIBP entry of the same incident', () => {
    const hibpNames = new Set(dataset.breaches.filter((b) => b.origin === 'hibp').map((b) => b.hibpName));
    for (const b of curated) {
      for (const name of [b.hibpName, ...(b.replacesHibp ?? [])].filter(Boolean))
        expect(hibpNames.has(name)).toBe(false);
    }
  });
});
