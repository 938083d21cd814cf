// Zips dist/chrome and dist/firefox into dist/*.zip, ready to upload to the stores.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { ROOT } from './lib/dataset-files';

const version = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).version as string;
for (const target of ['chrome', 'firefox']) {
  const dir = join(ROOT, 'dist', target);
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p).split('\\').join('/')] = readFileSync(p);
    }
  };
  walk(dir);
  // A fixed mtime keeps the zips reproducible from the same sources.
  const zip = zipSync(files, { level: 9, mtime: new Date('2025-01-01T00:00:00Z') });
  const out = join(ROOT, 'dist', `am-i-affected-${version}-${target}.zip`);
  writeFileSync(out, zip);
  console.log(`zip: ${relative(ROOT, out)} (${Object.keys(files).length} files, ${(zip.length / 1024).toFixed(0)} kB)`);
}
