// A/B of the popup as the toolbar opens it, between builds: `tsx bench/popup-ab.ts DIR_A DIR_B` (built extension
// folders, e.g. copies of dist/chrome). Each build runs in its own browser with its own bare popup (popup-floor.ts);
// the builds take turns, twice each, so a slow spell of the machine falls on both. Prints each build's medians of
// first content for the bare popup, a site with one breach, one with three and an unbreached site, with the ratios.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../tests/e2e/harness';
import { toolbar } from '../tests/e2e/toolbar-popup';
import { barePopupFirstContent, openPreparedTabs, popupFirstContent, writeBarePage } from './popup-floor';
import { median, ratioInterval } from './stats';

// OPENS=80 for a longer run (5 minutes for two builds): each ratio is printed with its 95% interval (stats.ts).
const OPENS = Number(process.env.OPENS) > 0 ? Number(process.env.OPENS) : 20;
const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error('Usage: tsx bench/popup-ab.ts DIR [DIR…] (built extension folders)');

async function run(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'amia-popup-ab-'));
  cpSync(source, dir, { recursive: true });
  writeBarePage(dir);
  const h = await launch(dir);
  try {
    await h.worker.evaluate(() => 1);
    const bar = toolbar(h);
    const tabs = await openPreparedTabs(h, ['www.coop.co.uk', 'www.xfinity.com', 'www.unbreached-example.com'], '/ab');
    const empty = await h.context.newPage();
    const times: Record<string, number[]> = { bare: [], breach: [], three: [], unbreached: [] };
    for (let i = 0; i < OPENS; i++) {
      times.bare!.push(await barePopupFirstContent(h, bar, empty));
      times.breach!.push(await popupFirstContent(bar, tabs['www.coop.co.uk']!, 'article[data-breach-id]'));
      times.three!.push(await popupFirstContent(bar, tabs['www.xfinity.com']!, 'article[data-breach-id]'));
      times.unbreached!.push(
        await popupFirstContent(bar, tabs['www.unbreached-example.com']!, '[data-testid="no-breach"]'),
      );
    }
    const floor = median(times.bare!);
    return Object.entries(times)
      .map(([k, v]) => {
        const [low, high] = ratioInterval(v, times.bare!);
        return `${k} ${median(v).toFixed(1)} ms (${(median(v) / floor).toFixed(2)}×, 95%: ${low.toFixed(2)}–${high.toFixed(2)})`;
      })
      .join(', ');
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (let turn = 0; turn < 2; turn++) for (const dir of dirs) console.log(`${dir}: ${await run(dir)}`);
