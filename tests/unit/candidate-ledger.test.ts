// The curation ledger (issue #19): every curated file is in it once as included, every excluded candidate says
// why, and the data keeps the sizes the issue asks for.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPartialDate } from '../../src/core/partial-date';
import {
  EXCLUSION_REASONS,
  LEDGER_FILE,
  parseCsv,
  readLedger,
  reasonCategory,
} from '../../scripts/lib/candidate-ledger';
import { buildDatasetFromFiles, DATA_DIR } from '../../scripts/lib/dataset-files';

const ledger = readLedger();
const files = readdirSync(join(DATA_DIR, 'curated')).filter((f) => f.endsWith('.json') && f !== 'candidates.csv');

describe('candidate ledger', () => {
  it('lists every curated file exactly once as included, and nothing included that has no file', () => {
    const included = ledger.filter((r) => r.status === 'included').map((r) => r.file);
    expect(included.slice().sort()).toEqual(files.slice().sort());
    expect(new Set(included).size).toBe(included.length);
  });

  it('keeps one line ending throughout (rows appended by hand or by data:new once mixed LF into the CRLF file)', () => {
    const text = readFileSync(LEDGER_FILE, 'utf8');
    const lines = text.split('\n').length - 1;
    const crlf = text.split('\r\n').length - 1;
    expect([0, lines]).toContain(crlf);
  });

  it('gives every excluded candidate a reason of a known kind, and every row a status and a check date', () => {
    for (const r of ledger) {
      expect(['included', 'excluded']).toContain(r.status);
      expect(isPartialDate(r.checked), `${r.organisation}: checked "${r.checked}"`).toBe(true);
      expect(r.organisation.trim()).not.toBe('');
      if (r.status === 'excluded') {
        expect(r.file).toBe('');
        expect(EXCLUSION_REASONS as readonly string[]).toContain(reasonCategory(r.reason));
      } else expect(r.sector.trim()).not.toBe('');
    }
  });

  it('holds at least 250 curated entries, at least 100 of them disclosed in 2024 or later', () => {
    const built = buildDatasetFromFiles();
    if (!built.ok) throw new Error(built.errors.join('\n'));
    const curated = built.dataset.breaches.filter((b) => b.origin === 'curated');
    expect(curated.length).toBeGreaterThanOrEqual(250);
    expect(curated.filter((b) => (b.disclosedDate ?? b.breachDate) >= '2024').length).toBeGreaterThanOrEqual(100);
  });

  it('reads quoted CSV fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","x\ny"\n1,2,3,4\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'x\ny'],
      ['1', '2', '3', '4'],
    ]);
  });
});
