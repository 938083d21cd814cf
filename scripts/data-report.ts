// npm run data:report — what the bundled data covers: by origin, year and country, and the curated
// entries that rest on a single source.
import type { Breach } from '../src/core/dataset-schema';
import { readLedger, reasonCategory, type LedgerRow } from './lib/candidate-ledger';
import { buildDatasetFromFiles } from './lib/dataset-files';

const built = buildDatasetFromFiles();
if (!built.ok) {
  console.error(`the dataset in data/ is invalid:\n  ${built.errors.join('\n  ')}`);
  process.exit(1);
}
const { breaches, counts, dataDate } = built.dataset;
const tally = (key: (b: Breach) => string, list = breaches) =>
  [...list.reduce((m, b) => m.set(key(b), (m.get(key(b)) ?? 0) + 1), new Map<string, number>())].sort();
const table = (title: string, rows: [string, number][]) => {
  console.log(`\n${title}`);
  for (const [k, n] of rows) console.log(`  ${k.padEnd(12)} ${String(n).padStart(5)}`);
};

console.log(`${counts.breaches} breaches on ${counts.domains} domains, data of ${dataDate}`);
table(
  'by origin',
  tally((b) => b.origin),
);
table(
  'all breaches by year of breach',
  tally((b) => b.breachDate.slice(0, 4)),
);
table(
  'curated by year',
  tally(
    (b) => b.breachDate.slice(0, 4),
    breaches.filter((b) => b.origin === 'curated'),
  ),
);
table(
  'curated by country',
  tally(
    (b) => b.country ?? 'unknown',
    breaches.filter((b) => b.origin === 'curated'),
  ),
);
const single = breaches.filter((b) => b.origin === 'curated' && b.sources.length === 1);
console.log(`\ncurated entries with only one source (${single.length}):`);
for (const b of single) console.log(`  ${b.id}: ${b.sources[0]!.publisher ?? b.sources[0]!.url}`);

// The candidate ledger: what was considered, and why what is missing is missing.
const ledger = readLedger();
const included = ledger.filter((r) => r.status === 'included');
const excluded = ledger.filter((r) => r.status === 'excluded');
console.log(
  `\ncandidate ledger (data/curated/candidates.csv): ${ledger.length} considered, ${included.length} included`,
);
const countBy = (rows: LedgerRow[], key: (r: LedgerRow) => string): [string, number][] =>
  [...rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string, number>())].sort();
table(
  `excluded (${excluded.length}) by reason`,
  countBy(excluded, (r) => reasonCategory(r.reason)),
);
table(
  'curated by sector',
  countBy(included, (r) => r.sector),
);
const curatedAll = breaches.filter((b) => b.origin === 'curated');
const recent = curatedAll.filter((b) => (b.disclosedDate ?? b.breachDate).slice(0, 4) >= '2024').length;
console.log(`\ncurated entries disclosed in 2024 or later: ${recent} of ${curatedAll.length}`);
