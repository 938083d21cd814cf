// Part of `npm run bench`: timings in real Chromium with the built extension (dist/chrome).
// navigation committed → badge set (worker warm, and stopped before each visit), and popup → first card.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT } from '../tests/e2e/harness';

const VISITS = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const h = await launch();
/** Waits inside the worker (2 ms polls, no round trips) until the tab at `url` has a badge; returns Date.now(). */
const badgeSetAt = (url: string) =>
  h.worker.evaluate(async (u) => {
    for (;;) {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      if (tab?.id !== undefined && (await chrome.action.getBadgeText({ tabId: tab.id })) !== '') return Date.now();
      await new Promise((r) => setTimeout(r, 2));
    }
  }, url);

async function navigationToBadge(cold: boolean): Promise<number[]> {
  const times: number[] = [];
  const page = await h.context.newPage();
  for (let i = 0; i < VISITS; i++) {
    await page.goto('about:blank');
    if (cold) await h.stopWorker();
    const url = h.site('www.coop.co.uk', `/visit-${cold ? 'cold' : 'warm'}-${i}`);
    await page.goto(url, { waitUntil: 'commit' });
    const committed = Date.now();
    times.push((await badgeSetAt(url)) - committed);
  }
  await page.close();
  return times;
}

const warm = await navigationToBadge(false);
const cold = await navigationToBadge(true);
const popup: number[] = [];
for (let i = 0; i < VISITS; i++) {
  const page = await h.context.newPage();
  await page.goto(h.popupUrl('https://www.coop.co.uk/'));
  await page.locator('article').first().waitFor();
  popup.push(await page.evaluate(() => performance.getEntriesByName('first-content')[0]!.startTime));
  await page.close();
}
await h.close();

const results = {
  'navigation → badge, worker warm (ms)': { median: median(warm), target: 50 },
  'navigation → badge, worker stopped first (ms)': { median: median(cold), target: 150 },
  'popup opened → first breach card (ms)': { median: median(popup), target: 100 },
};
console.log(`\nIn Chromium (${VISITS} runs each, medians):`);
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${r.median <= r.target ? 'met   ' : 'MISSED'} ${name.padEnd(48)} ${r.median.toFixed(1).padStart(7)} (target < ${r.target})`,
  );
}
const file = join(ROOT, 'bench', 'results.json');
const previous = JSON.parse(readFileSync(file, 'utf8'));
writeFileSync(file, JSON.stringify({ ...previous, browser: results }, null, 2));
