// npm run release: the packages for the stores, in dist/release/. Builds both browsers, lints Firefox, checks both
// manifests for what a store would reject, takes the listing screenshots, writes the source archive
// addons.mozilla.org asks for, and proves that the archive rebuilds the Firefox zip byte for byte in a clean folder.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { ROOT } from './lib/dataset-files';
import { manifestProblems } from './lib/manifest-checks';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const out = join(ROOT, 'dist', 'release');
const run = (cmd: string, args: string[], cwd = ROOT) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });
const fail = (why: string): never => {
  console.error(`release: ${why}`);
  process.exit(1);
};

// The source archive is a commit: nothing uncommitted may be in what is built.
const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim();
if (dirty) fail(`the working tree has uncommitted changes; commit them first:\n${dirty}`);
const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();

run('npm', ['run', '--silent', 'build']);
run('npm', ['run', '--silent', 'lint:firefox']);
for (const target of ['chrome', 'firefox'] as const) {
  const dir = join(ROOT, 'dist', target);
  const problems = manifestProblems(target, JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')), dir);
  if (problems.length) fail(`${target} manifest:\n  ${problems.join('\n  ')}`);
}
run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', 'tests/e2e/store.e2e.ts']);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'screenshots'), { recursive: true });
const zips = ['chrome', 'firefox'].map((t) => `am-i-affected-${version}-${t}.zip`);
for (const z of zips) copyFileSync(join(ROOT, 'dist', z), join(out, z));
const shots = join(ROOT, 'dist', 'store-screenshots');
for (const f of readdirSync(shots)) copyFileSync(join(shots, f), join(out, 'screenshots', f));
const source = join(out, `am-i-affected-${version}-source.zip`);
execFileSync('git', ['archive', '--format=zip', `--output=${source}`, commit], { cwd: ROOT });

// Rebuild from the archive alone, in a clean folder, and compare.
const clean = mkdtempSync(join(tmpdir(), 'amia-source-'));
try {
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(source)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(join(clean, name, '..'), { recursive: true });
    writeFileSync(join(clean, name), bytes);
  }
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], clean);
  run('npm', ['run', '--silent', 'build'], clean);
  const firefox = zips[1]!;
  const rebuilt = readFileSync(join(clean, 'dist', firefox));
  const released = readFileSync(join(out, firefox));
  if (!rebuilt.equals(released)) {
    const a = unzipSync(released);
    const b = unzipSync(rebuilt);
    const differ = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (f) => !a[f] || !b[f] || !Buffer.from(a[f]).equals(Buffer.from(b[f])),
    );
    fail(`the source archive does not rebuild ${firefox} byte for byte; files that differ:\n  ${differ.join('\n  ')}`);
  }
  console.log(`release: the source archive rebuilds ${firefox} byte for byte (${rebuilt.length} bytes)`);
} finally {
  rmSync(clean, { recursive: true, force: true });
}
console.log(`release ${version} (${commit.slice(0, 12)}) in dist/release/: ${readdirSync(out).join(', ')}`);
