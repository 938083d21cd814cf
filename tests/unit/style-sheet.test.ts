// @vitest-environment jsdom
// Issue #15: the popup's style sheet is linked print-only by the build and applied by its script, so the script
// does not wait for it; the first render must still come after the sheet is applied.
import { afterEach, describe, expect, it } from 'vitest';
import { styleSheetApplied } from '../../src/shared/style-sheet';

function linkSheet(media = 'print', loaded = false): HTMLLinkElement {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.media = media;
  link.href = '/assets/popup-style.css';
  if (loaded) Object.defineProperty(link, 'sheet', { value: {} as CSSStyleSheet });
  document.head.append(link);
  return link;
}
const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 10));
  return done;
};

afterEach(() => document.head.replaceChildren());

describe('the style sheet the build links print-only', () => {
  it('is applied to the screen once it has loaded, and not before', async () => {
    const link = linkSheet();
    const applied = styleSheetApplied();
    expect(await settled(applied)).toBe(false);
    expect(link.media).toBe('print');
    link.dispatchEvent(new Event('load'));
    await applied;
    expect(link.media).toBe('all');
  });

  it('is applied at once when it loaded before the script asked', async () => {
    const link = linkSheet('print', true);
    expect(await settled(styleSheetApplied())).toBe(true);
    expect(link.media).toBe('all');
  });

  it('does not hold the page back when it fails to load', async () => {
    const link = linkSheet();
    const applied = styleSheetApplied();
    link.dispatchEvent(new Event('error'));
    await applied;
    expect(link.media).toBe('all');
  });

  it('leaves a page whose sheet is linked as usual alone', async () => {
    const link = linkSheet('all');
    expect(await settled(styleSheetApplied())).toBe(true);
    expect(link.media).toBe('all');
    document.head.replaceChildren();
    expect(await settled(styleSheetApplied())).toBe(true); // no sheet at all
  });
});
