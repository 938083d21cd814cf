// npm start [-- --firefox] — opens the built extension in the browser the person has, through web-ext run:
// Chrome or Chromium by default (web-ext finds it on Linux, macOS and Windows; CHROME_PATH picks another, e.g.
// Edge's binary), or Firefox with --firefox (FIREFOX_PATH picks the binary). web-ext loads the unpacked build
// through the DevTools protocol (branded Chrome 137+ ignores --load-extension), starts a fresh profile and
// reloads the extension when dist/ changes (which npm run dev relies on).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/dataset-files';

const firefox = process.argv.includes('--firefox');
const extra = process.argv.slice(2).filter((a) => a !== '--firefox');
const START_URL = 'https://www.coop.co.uk/';
const headless = !process.env.DISPLAY && process.platform === 'linux';

const sourceDir = join(ROOT, 'dist', firefox ? 'firefox' : 'chrome');
const args = ['run', '--source-dir', sourceDir, '--start-url', START_URL, '--no-input'];
const env = { ...process.env };
if (firefox) {
  args.push('--target', 'firefox-desktop');
  if (process.env.FIREFOX_PATH) args.push('--firefox', process.env.FIREFOX_PATH);
  if (headless) env.MOZ_HEADLESS = '1';
} else {
  args.push('--target', 'chromium');
  // web-ext (chrome-launcher) reads CHROME_PATH itself; naming it here makes the choice visible in the log.
  if (process.env.CHROME_PATH) args.push('--chromium-binary', process.env.CHROME_PATH);
  // Chromium refuses to run as root with its sandbox on (containers, CI machines).
  if (process.getuid?.() === 0) args.push('--arg=--no-sandbox');
  if (headless) args.push('--arg=--headless=new');
}
args.push(...extra);

const INSTALL_HINT = firefox
  ? 'No Firefox found. Install it (Linux: `apt-get install -y firefox-esr`; macOS and Windows: from ' +
    'https://www.mozilla.org/firefox/), or set FIREFOX_PATH=/path/to/firefox.'
  : 'No Chrome or Chromium found. Install one (Linux: `apt-get install -y chromium`; macOS and Windows: Google ' +
    'Chrome from https://www.google.com/chrome/), or set CHROME_PATH to a Chromium-based browser such as Edge ' +
    '(for example CHROME_PATH="C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe").';

console.log(`Starting ${firefox ? 'Firefox' : 'Chrome/Chromium'} with ${sourceDir} (fresh profile) at ${START_URL}`);
if (headless) console.log('  (no DISPLAY: running headless)');

const child = spawn(join(ROOT, 'node_modules', '.bin', 'web-ext'), args, {
  env,
  stdio: ['ignore', 'inherit', 'pipe'],
});
let errors = '';
child.stderr.on('data', (chunk: Buffer) => {
  errors += chunk.toString();
  process.stderr.write(chunk);
});
child.on('exit', (code) => {
  if (code && /CHROME_PATH|Chrome installations|no such file|ENOENT|not found|binary/i.test(errors))
    console.error(`\n${INSTALL_HINT}`);
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
