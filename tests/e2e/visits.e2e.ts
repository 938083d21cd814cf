/// <reference types="chrome" />
// Issue #23 (part) in real Chromium: a single-page app that rewrites its URL 50 times is one visit, not 51.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, poll, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
  await h.worker.evaluate(() => 1);
});
afterAll(async () => {
  await h?.close();
});

const coopVisits = async () => {
  const all = await h.storage();
  return (all['alert:coop.co.uk|co-op-2025'] as { visits?: number } | undefined)?.visits ?? 0;
};

describe('what counts as a visit', () => {
  it('counts a page that rewrites its own URL 55 times as one visit, and a return from another site as the next', async () => {
    const page = await h.context.newPage();
    await page.goto(h.site('www.coop.co.uk', '/app'));
    expect(await poll(coopVisits, (n) => n >= 1)).toBe(1);
    await page.evaluate(() => {
      for (let i = 0; i < 50; i++) history.replaceState(null, '', `/app?step=${i}`);
      for (let i = 0; i < 5; i++) history.pushState(null, '', `/app/page-${i}`);
    });
    await page.goto(h.site('www.coop.co.uk', '/membership'));
    // Nothing trickles in from the rewrites (unfixed, this reached 56).
    expect(await poll(coopVisits, (n) => n > 1, 1500)).toBe(1);
    await page.goto(h.site('www.example-unbreached.test'));
    await page.goto(h.site('www.coop.co.uk'));
    expect(await poll(coopVisits, (n) => n >= 2)).toBe(2);
    await page.close();
  });
});
