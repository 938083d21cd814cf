// Checks the gzip size of each entry point's JavaScript (the entry and every chunk it imports, however
// indirectly) against the budgets in package.json "sizeBudgets", and that each page starts from one script and at
// most one style sheet.
// Breach data chunks (data-*.js) are data, not code, and are reported apart. Run after `npm run build`; part of
// `npm test`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './lib/dataset-files';
import { scriptClosure } from './lib/script-closure';
import { styleSheetsIn } from './lib/style-sheet-links';

const DIST = join(ROOT, 'dist', 'chrome');
const budgets = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).sizeBudgets as Record<string, number>;

/** The entry file of each budgeted part: a page's module script, or the worker's loader. */
function entryOf(part: string): string {
  if (part === 'worker') return join(DIST, 'service-worker-loader.js');
  const html = readFileSync(join(DIST, 'src', part, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`no module script in src/${part}/index.html`);
  return join(DIST, src.replace(/^\//, ''));
}

/** How many style sheets a page's HTML links. */
const styleSheetsOf = (part: string) =>
  styleSheetsIn(readFileSync(join(DIST, 'src', part, 'index.html'), 'utf8')).length;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
let failed = false;
for (const [part, budget] of Object.entries(budgets)) {
  const { initial: files, lazy } = scriptClosure(entryOf(part));
  const lazyBytes = lazy.reduce((n, f) => n + gz(f), 0);
  const code = files.filter((f) => !/\/data-[^/]+\.js$/.test(f));
  const data = files.filter((f) => /\/data-[^/]+\.js$/.test(f));
  const codeBytes = code.reduce((n, f) => n + gz(f), 0);
  const dataBytes = data.reduce((n, f) => n + gz(f), 0);
  // Each page starts from one script (vite.config.ts, oneStartScriptPerPage): more means a split start-up again.
  const oneScript = part === 'worker' || files.length === 1;
  if (!oneScript) console.error(`size: ${part} starts from ${files.length} scripts, not one`);
  // And from one style sheet at most (oneStyleSheet there): each more is a request the first paint waits for.
  const sheets = part === 'worker' ? 0 : styleSheetsOf(part);
  if (sheets > 1) console.error(`size: ${part} links ${sheets} style sheets, not one`);
  const ok = codeBytes <= budget && oneScript && sheets <= 1;
  failed ||= !ok;
  console.log(
    `size ${ok ? 'ok  ' : 'OVER'} ${part.padEnd(8)} ${(codeBytes / 1024).toFixed(1).padStart(6)} kB gzip of ${(budget / 1024).toFixed(0)} kB ` +
      `loaded at start (${code.length} files; loaded on demand: ${(lazyBytes / 1024).toFixed(1)} kB; data apart: ${(dataBytes / 1024).toFixed(1)} kB)`,
  );
}
if (failed) {
  console.error('size: over budget (see package.json "sizeBudgets")');
  process.exit(1);
}
