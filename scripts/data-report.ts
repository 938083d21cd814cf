// npm run data:report — what the bundled data covers: by origin, year and country, and the curated
// entries that rest on a single source.
import type { Breach } from '../src/core/dataset-schema';
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
