// Runs `web-ext lint` on dist/firefox and fails on any error or on a warning not explained in the README.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/dataset-files';

// Each accepted warning is explained in README.md under "Firefox lint".
const EXPLAINED = new Set(['UNSAFE_VAR_ASSIGNMENT']);

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}
const bin = join(ROOT, 'node_modules', '.bin', 'web-ext');
let out: string;
try {
  out = execFileSync(bin, ['lint', '--source-dir', join(ROOT, 'dist', 'firefox'), '--output', 'json', '--no-input'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (e) {
  // web-ext exits non-zero when it finds errors; its JSON is still on stdout.
  out = (e as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(out) as { errors: LintMessage[]; warnings: LintMessage[] };
const unexplained = report.warnings.filter((w) => !EXPLAINED.has(w.code));
for (const m of [...report.errors, ...unexplained]) console.error(`  ${m.code} ${m.file ?? ''}: ${m.message}`);
const explained = report.warnings.length - unexplained.length;
if (report.errors.length || unexplained.length) {
  console.error(`web-ext lint: ${report.errors.length} error(s), ${unexplained.length} unexplained warning(s)`);
  process.exit(1);
}
console.log(`web-ext lint: 0 errors, 0 unexplained warnings (${explained} explained in README)`);
