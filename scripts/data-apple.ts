// npm run data:apple -- <folder>
// Refreshes data/apple/ from a copy of the `quirks/` folder of Apple's password-manager-resources (MIT): the
// change-password pages and the shared-credentials groups, checked as the data build checks them, copied byte for
// byte with the licence notice. Anything wrong leaves data/apple/ as it was.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAppleLists } from '../src/core/apple-lists';
import { DATA_DIR, buildDatasetFromFiles } from './lib/dataset-files';

const FILES = ['change-password-URLs.json', 'shared-credentials.json', 'LICENSE.md'];
const from = process.argv[2];
if (!from) {
  console.error("usage: npm run data:apple -- <folder with Apple's quirks/ files and LICENSE.md>");
  process.exit(2);
}
const missing = FILES.filter((f) => !existsSync(join(from, f)));
if (missing.length) {
  console.error(`data:apple: ${from} lacks ${missing.join(', ')}. data/ is unchanged.`);
  process.exit(1);
}
const read = (f: string): unknown => {
  try {
    return JSON.parse(readFileSync(join(from, f), 'utf8'));
  } catch (e) {
    console.error(`data:apple: ${f} is not valid JSON (${(e as Error).message}). data/ is unchanged.`);
    process.exit(1);
  }
};
const checked = checkAppleLists(read(FILES[0]!), read(FILES[1]!));
if (!checked.ok) {
  console.error(`data:apple refused ${from}:\n  ${checked.errors.join('\n  ')}\ndata/ is unchanged.`);
  process.exit(1);
}
const dir = join(DATA_DIR, 'apple');
const previous = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f))]));
for (const f of FILES) copyFileSync(join(from, f), join(dir, f));
const rebuilt = buildDatasetFromFiles();
if (!rebuilt.ok) {
  const { writeFileSync } = await import('node:fs');
  for (const f of FILES) writeFileSync(join(dir, f), previous[f]!);
  console.error(
    `data:apple: the new lists break the dataset, restored the old ones:\n  ${rebuilt.errors.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `data:apple: ${Object.keys(checked.pages).length} change-password pages, ${checked.groups.length} shared-login groups. ` +
    'Update data/apple/SOURCE.md with the upstream commit.',
);
