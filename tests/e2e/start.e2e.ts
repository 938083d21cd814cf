// Issue #21: `npm start` opens the extension in the browser the person has. Branded Chrome 137+ ignores
// --load-extension and --disable-extensions-except (which Chromium also loads an extension from), so the test's
// "Chrome" is a wrapper that drops both (as Chrome does) and runs Chromium
// headless with a DevTools port to look in: the extension's service worker must be running all the same.
// (The old start script, which only passed --load-extension, fails this.) Firefox ESR: the same command with
// --firefox installs the build as a temporary add-on.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumPath, findBrowser, poll, ROOT } from './harness';

let child: ChildProcess | undefined;
afterEach(() => {
  // The script, web-ext and the browser share one process group.
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  child = undefined;
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Runs what `npm start` runs after its build, without a display, with extra environment. */
function start(args: string[], env: Record<string, string>): { output: () => string } {
  const rest = { ...process.env };
  delete rest.DISPLAY;
  let output = '';
  child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'start.ts'), ...args], {
    env: { ...rest, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return { output: () => output };
}

describe('npm start', () => {
  it('loads the extension into a Chrome that ignores --load-extension, and opens Co-op', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'amia-chrome-'));
    const wrapper = join(dir, 'chrome');
    writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        'for a in "$@"; do shift; case "$a" in --load-extension=*|--disable-extensions-except=*) ;; *) set -- "$@" "$a" ;; esac; done',
        `exec "${chromiumPath()}" --headless=new --remote-debugging-port=${port} "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(wrapper, 0o755);
    const run = start([], { CHROME_PATH: wrapper });
    type Target = { type: string; url: string };
    const targets = () =>
      fetch(`http://127.0.0.1:${port}/json/list`)
        .then((r) => r.json() as Promise<Target[]>)
        .catch(() => [] as Target[]);
    const found = await poll(
      targets,
      (ts) =>
        ts.some(
          (t) =>
            t.type === 'service_worker' && /^chrome-extension:\/\/[a-p]{32}\/service-worker-loader\.js$/.test(t.url),
        ) && ts.some((t) => t.type === 'page' && t.url === 'https://www.coop.co.uk/'),
      30_000,
    );
    expect(
      found.map((t) => t.type),
      run.output(),
    ).toContain('service_worker');
    expect(found.some((t) => t.url === 'https://www.coop.co.uk/')).toBe(true);
    expect(run.output()).toContain('(no DISPLAY: running headless)');
  }, 60_000);

  it('--firefox installs the build into Firefox ESR, headless', async () => {
    const firefox = findBrowser('Firefox', 'FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox'], 'firefox-esr');
    const run = start(['--firefox'], { FIREFOX_PATH: firefox });
    const out = await poll(
      async () => run.output(),
      (o) => /Installed .* as a temporary add-on/.test(o),
      60_000,
    );
    expect(out).toMatch(/Installed .*dist\/firefox as a temporary add-on/);
  }, 90_000);

  it('names what to install on each system when no browser is found', async () => {
    const run = start([], { CHROME_PATH: '/nonexistent/chrome' });
    const exited = new Promise<number | null>((resolve) => child!.on('exit', resolve));
    expect(await exited).not.toBe(0);
    expect(run.output()).toContain('No Chrome or Chromium found');
    expect(run.output()).toMatch(/apt-get install -y chromium.*macOS and Windows.*CHROME_PATH/s);
  }, 60_000);
});
