// npm run data:update -- <file or https URL>
// Refreshes data/hibp/breaches.json from a downloaded copy of Have I Been Pwned's public breach list, after the
// same checks the extension's updates use (src/core/hibp-update.ts), and prints what changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOWNLOAD_LIMITS, downloadBreachList } from '../src/background/download-list';
import { checkHibpUpdate, diffHibpLists } from '../src/core/hibp-update';
import type { HibpBreach } from '../src/core/hibp-convert';
import { parseSuffixRules } from '../src/core/suffix-rules';
import { toSafeDescription } from '../src/core/safe-description';
import { DATA_DIR, buildDatasetFromFiles } from './lib/dataset-files';

const source = process.argv[2];
if (!source) {
  console.error('usage: npm run data:update -- <file or https URL of the HIBP breaches list>');
  process.exit(2);
}
// A URL is fetched with the extension's own download rules: no redirects, the status checked, the size capped
// while the body streams in, a timeout (src/background/download-list.ts).
async function readSource(): Promise<string> {
  if (!/^https?:\/\//.test(source!)) return readFileSync(source!, 'utf8');
  if (!source!.startsWith('https://')) {
    console.error(`data:update refused ${source}: only https URLs. data/ is unchanged.`);
    process.exit(1);
  }
  const download = await downloadBreachList(fetch, {}, Date.now(), DOWNLOAD_LIMITS, source!);
  if (download.kind !== 'body') {
    const reason = download.kind === 'failed' ? download.reason : 'not modified';
    console.error(`data:update refused ${source}: ${reason}. data/ is unchanged.`);
    process.exit(1);
  }
  return download.body;
}
const body = await readSource();
const file = join(DATA_DIR, 'hibp', 'breaches.json');
const previousBytes = readFileSync(file);
const before = JSON.parse(previousBytes.toString('utf8')) as HibpBreach[];
const current = buildDatasetFromFiles();
const previousCount = current.ok ? current.dataset.counts.hibp : 0;
// The extension's own suffix rules, so that the bundled list passes exactly what a download must pass.
const rules = parseSuffixRules(readFileSync(join(DATA_DIR, 'psl', 'icann-suffixes.txt'), 'utf8'));
const result = checkHibpUpdate(body, previousCount, {
  isPublicSuffix: rules.isPublicSuffix,
  describe: toSafeDescription,
});
if (!result.ok) {
  console.error(`data:update refused ${source}: ${result.reason}. data/ is unchanged.`);
  process.exit(1);
}
const changes = diffHibpLists(before, result.hibp);
// Written exactly as received, so SOURCE.md's checksum can describe the file.
writeFileSync(file, body);
const rebuilt = buildDatasetFromFiles();
if (!rebuilt.ok) {
  writeFileSync(file, previousBytes);
  console.error(
    `data:update: the new list breaks the dataset, restored the old one:\n  ${rebuilt.errors.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `data:update: ${result.hibp.length} HIBP breaches (${result.breaches.length} kept, ${result.skipped} skipped); ` +
    `added ${changes.added.length}, modified ${changes.modified.length}, removed ${changes.removed.length}`,
);
for (const [kind, names] of Object.entries(changes)) if (names.length) console.log(`  ${kind}: ${names.join(', ')}`);
console.log('Update data/hibp/SOURCE.md with where and when this copy was taken.');
