// A/B of the worker's warm badge between builds: `tsx bench/badge-ab.ts DIR_A DIR_B` (built extension folders,
// e.g. copies of dist/chrome). Each build runs in its own browser; their navigations alternate, so a slow spell of
// the machine falls on both. Prints the median of navigation committed → badge set, measured as browser-bench.ts
// does it (navigation-badge.ts).
import { launch, type Harness } from '../tests/e2e/harness';
import { navigationToBadgeMs } from './navigation-badge';
import { median } from './stats';

const ROUNDS = 40;
const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('Usage: tsx bench/badge-ab.ts DIR [DIR…] (built extension folders)');

const runs: { h: Harness; times: number[] }[] = [];
for (const dir of dirs) {
  const h = await launch(dir);
  await h.worker.evaluate(() => 1); // the worker is up before the first navigation
  runs.push({ h, times: [] });
}
const pages = await Promise.all(runs.map(({ h }) => h.context.newPage()));
for (let i = 0; i < ROUNDS; i++) {
  for (const [k, { h, times }] of runs.entries()) {
    times.push(await navigationToBadgeMs(h, pages[k]!, h.site('www.coop.co.uk', `/ab-${i}`)));
  }
}
for (const [k, { h, times }] of runs.entries()) {
  console.log(`${dirs[k]}: navigation → badge, worker warm, median ${median(times)} ms of ${ROUNDS}`);
  await h.close();
}
