// Run by `npm version <patch|minor|major|x.y.z>` after it has set package.json's version (the "version" script):
// writes the same version into manifest.json and moves CHANGELOG.md's "Unreleased" notes under it, so that the
// commit and tag npm then makes carry one version everywhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/dataset-files';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const manifestFile = join(ROOT, 'manifest.json');
const manifest = readFileSync(manifestFile, 'utf8');
// A line edit, so the file keeps its formatting.
writeFileSync(manifestFile, manifest.replace(/("version":\s*")[^"]*(")/, `$1${version}$2`));

const changelogFile = join(ROOT, 'CHANGELOG.md');
const changelog = readFileSync(changelogFile, 'utf8');
if (!changelog.includes(`## [${version}]`)) {
  const today = new Date().toISOString().slice(0, 10);
  writeFileSync(
    changelogFile,
    changelog.replace('## [Unreleased]\n', `## [Unreleased]\n\n## [${version}] - ${today}\n`),
  );
}
console.log(`version ${version}: manifest.json and CHANGELOG.md`);
