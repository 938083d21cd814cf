// npm start — opens Chromium (or Chrome via CHROME_PATH) with the built extension and a fresh profile.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib/dataset-files';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
const browser = candidates.find((p): p is string => Boolean(p) && existsSync(p!));
if (!browser) {
  console.error('No Chromium found. Install it (apt-get install -y chromium) or set CHROME_PATH=/path/to/chrome.');
  process.exit(1);
}
const extension = join(ROOT, 'dist', 'chrome');
const profile = mkdtempSync(join(tmpdir(), 'am-i-affected-start-'));
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${extension}`,
  `--load-extension=${extension}`,
  '--no-first-run',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ...(process.env.DISPLAY || process.platform !== 'linux' ? [] : ['--headless']),
  ...process.argv.slice(2),
  'https://www.coop.co.uk/',
];
console.log(`Starting ${browser} with ${extension}\n  profile: ${profile}`);
if (!process.env.DISPLAY && process.platform === 'linux') console.log('  (no DISPLAY: running headless)');
spawn(browser, args, { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
