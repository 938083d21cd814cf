// A test variant of the extension: the repository's data with made-up HIBP entries added, built by the real data
// build and vite into a temporary folder (hostile.e2e.ts, history.e2e.ts). Store builds never use this.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness';

export interface TestBuild {
  /** The temporary folder (remove it when done). */
  work: string;
  /** The built Chromium extension inside it. */
  dist: string;
}

/** Builds the Chromium extension with `extraHibp` entries (each on a real entry's fields) and extra build `env`. */
export function buildTestVariant(
  name: string,
  extraHibp: (list: { Name: string }[]) => object[],
  env: Record<string, string> = {},
): TestBuild {
  const work = mkdtempSync(join(tmpdir(), `amia-${name}-`));
  cpSync(join(ROOT, 'data'), join(work, 'data'), { recursive: true, filter: (p) => !p.includes('generated') });
  const hibpFile = join(work, 'data', 'hibp', 'breaches.json');
  const hibp = JSON.parse(readFileSync(hibpFile, 'utf8'));
  hibp.push(...extraHibp(hibp));
  writeFileSync(hibpFile, JSON.stringify(hibp));
  const bin = (tool: string) => join(ROOT, 'node_modules', '.bin', tool);
  execFileSync(bin('tsx'), ['scripts/build-data.ts', '--data', join(work, 'data'), '--out', join(work, 'generated')], {
    cwd: ROOT,
  });
  execFileSync(bin('vite'), ['build', '--mode', 'chrome', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, AMIA_GENERATED_DIR: join(work, 'generated'), AMIA_OUT_DIR: join(work, 'dist'), ...env },
  });
  return { work, dist: join(work, 'dist') };
}
