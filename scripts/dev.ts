// npm run dev [-- --firefox] — the development loop: builds the data once, rebuilds the extension whenever a
// source file changes (vite build --watch), and opens it through npm start's web-ext run, which reloads the
// extension in the browser after each rebuild. Data changes need `npm run data:build` (the next rebuild picks
// them up).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/dataset-files';

const firefox = process.argv.includes('--firefox');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

const data = spawnSync(bin('tsx'), [join(ROOT, 'scripts', 'build-data.ts')], { stdio: 'inherit' });
if (data.status !== 0) process.exit(data.status ?? 1);

const vite = spawn(bin('vite'), ['build', '--watch', '--mode', firefox ? 'firefox' : 'chrome'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let browser: ReturnType<typeof spawn> | undefined;
vite.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  // The first finished build opens the browser; web-ext notices the later ones itself.
  if (!browser && /built in/.test(chunk.toString())) {
    browser = spawn(bin('tsx'), [join(ROOT, 'scripts', 'start.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
    browser.on('exit', (code) => {
      vite.kill();
      process.exit(code ?? 0);
    });
  }
});
vite.on('exit', (code) => {
  browser?.kill();
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    browser?.kill(signal);
    vite.kill(signal);
  });
