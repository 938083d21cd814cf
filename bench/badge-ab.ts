// A/B of the worker's warm badge between builds: `tsx bench/badge-ab.ts DIR_A DIR_B` (built extension folders,
// e.g. copies of dist/chrome). Each build runs in its own browser; their navigations alternate, so a slow spell of
// the machine falls on both. Prints the median of navigation committed → badge set, measured as browser-bench.ts does.
import { launch, type Harness } from '../tests/e2e/harness';

const ROUNDS = 40;
const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('Usage: tsx bench/badge-ab.ts DIR [DIR…] (built extension folders)');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const runs: { h: Harness; times: number[] }[] = [];
for (const dir of dirs) {
  const h = await launch(dir);
  await h.worker.evaluate(() => 1); // the worker is up before the first navigation
  runs.push({ h, times: [] });
}
const pages = await Promise.all(runs.map(({ h }) => h.context.newPage()));
for (let i = 0; i < ROUNDS; i++) {
  for (const [k, { h, times }] of runs.entries()) {
    const page = pages[k]!;
    await page.goto('about:blank');
    const url = h.site('www.coop.co.uk', `/ab-${i}`);
    await page.goto(url, { waitUntil: 'commit' });
    const committed = Date.now();
    const badged = await h.worker.evaluate(async (u) => {
      for (;;) {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
        if (tab?.id !== undefined && (await chrome.action.getBadgeText({ tabId: tab.id })) !== '') return Date.now();
        await new Promise((r) => setTimeout(r, 2));
      }
    }, url);
    times.push(badged - committed);
  }
}
for (const [k, { h, times }] of runs.entries()) {
  console.log(`${dirs[k]}: navigation → badge, worker warm, median ${median(times)} ms of ${ROUNDS}`);
  await h.close();
}
