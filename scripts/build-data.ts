// npm run data:build — validates data/ and writes the bundled dataset to data/generated/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summariseDataset } from '../src/core/assemble-dataset';
import { buildDatasetFromFiles, GENERATED_DIR } from './lib/dataset-files';

let result;
try {
  result = buildDatasetFromFiles();
} catch (e) {
  console.error(`data:build failed: ${(e as Error).message}`);
  process.exit(1);
}
if (!result.ok) {
  console.error(`data:build failed: ${result.errors.length} problem(s) in data/:`);
  for (const line of result.errors) console.error(`  - ${line}`);
  process.exit(1);
}
const { dataset, skipped } = result;
mkdirSync(GENERATED_DIR, { recursive: true });
writeFileSync(join(GENERATED_DIR, 'dataset.json'), JSON.stringify(dataset));
writeFileSync(join(GENERATED_DIR, 'dataset-summary.json'), JSON.stringify(summariseDataset(dataset)));
const c = dataset.counts;
console.log(
  `data:build: ${c.breaches} breaches (${c.curated} curated, ${c.hibp} from HIBP), ${c.domains} domains, data of ${dataset.dataDate}; ` +
    `left out: ${
      Object.entries(skipped)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'none'
    }`,
);
