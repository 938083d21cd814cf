// npm run data:build — validates data/ and writes the bundled dataset to data/generated/.
// `-- --data DIR --out DIR` reads and writes other folders (tests build hostile datasets this way).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkOwnGroups } from '../src/core/apple-lists';
import { summariseDataset } from '../src/core/assemble-dataset';
import { BREACH_DETAILS_DIR, breachDetailsFile } from '../src/core/breach-details';
import { buildDatasetFromFiles, DATA_DIR, GENERATED_DIR, readDatasetInputs } from './lib/dataset-files';

const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
const dataDir = values.data ? resolve(values.data) : DATA_DIR;
const outDir = values.out ? resolve(values.out) : GENERATED_DIR;

let result;
try {
  result = buildDatasetFromFiles(dataDir);
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
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'dataset.json'), JSON.stringify(dataset));
// One file per breach, which the popup reads by id (issue #15): it never loads the whole dataset to show one.
const detailsDir = join(outDir, BREACH_DETAILS_DIR);
rmSync(detailsDir, { recursive: true, force: true });
mkdirSync(detailsDir);
for (const b of dataset.breaches) writeFileSync(join(detailsDir, breachDetailsFile(b.id)), JSON.stringify(b));
writeFileSync(join(outDir, 'dataset-summary.json'), JSON.stringify(summariseDataset(dataset)));
// The popup's help contacts without their sources (which the data-quality test checks, and the popup never shows).
const help = JSON.parse(readFileSync(join(dataDir, 'help', 'regions.json'), 'utf8')) as {
  regions: Record<string, Record<string, unknown>>;
};
const contacts = Object.fromEntries(
  Object.entries(help.regions).map(([code, region]) => [
    code,
    Object.fromEntries(
      Object.entries(region).map(([k, v]) => {
        if (!v || typeof v !== 'object') return [k, v];
        const contact = { ...(v as Record<string, unknown>) };
        delete contact.source;
        return [k, contact];
      }),
    ),
  ]),
);
writeFileSync(join(outDir, 'help-contacts.json'), JSON.stringify(contacts));
/** Our own groups without their reasons (the build has checked them). */
function checkedOwnGroups(value: unknown) {
  const own = checkOwnGroups(value);
  return own.ok ? own.groups : [];
}

// Apple's lists and our own groups for the worker, which applies them to downloaded lists as the build does (checked by the build).
const inputs = readDatasetInputs(dataDir);
writeFileSync(
  join(outDir, 'password-resources.json'),
  JSON.stringify({
    pages: inputs.apple?.changePasswordUrls,
    groups: [...(inputs.apple?.sharedCredentials as unknown[]), ...checkedOwnGroups(inputs.apple?.ownGroups)],
  }),
);
const c = dataset.counts;
console.log(
  `data:build: ${c.breaches} breaches (${c.curated} curated, ${c.hibp} from HIBP), ${c.domains} domains, data of ${dataset.dataDate}; ` +
    `left out: ${
      Object.entries(skipped)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'none'
    }`,
);
