// The pages' `browser` (src/shared/page-browser.ts): the browser's own namespace where it has one, the polyfill
// (loaded on demand) where it has not; and the translator pages and the worker build from it.
import { describe, expect, it, vi } from 'vitest';
import type Browser from 'webextension-polyfill';
import { translateWith } from '../../src/shared/i18n';

const own = { runtime: { id: 'amia@example' } } as unknown as Browser.Browser;
const polyfill = { runtime: { id: 'from-polyfill' } } as unknown as Browser.Browser;

describe('pickBrowser', async () => {
  // Imported with a namespace in place, as in an extension page: the module's own pick must not load the polyfill
  // (which throws outside an extension).
  vi.stubGlobal('browser', own);
  const { browser, pickBrowser } = await import('../../src/shared/page-browser');
  vi.unstubAllGlobals();

  it('uses the browser’s own namespace and never loads the polyfill', async () => {
    expect(browser).toBe(own);
    const load = vi.fn(async () => ({ default: polyfill }));
    await expect(pickBrowser({ browser: own }, load)).resolves.toBe(own);
    expect(load).not.toHaveBeenCalled();
  });

  it('loads the polyfill where there is no namespace, or one that is not an extension’s', async () => {
    const load = vi.fn(async () => ({ default: polyfill }));
    await expect(pickBrowser({}, load)).resolves.toBe(polyfill);
    await expect(pickBrowser({ browser: {} }, load)).resolves.toBe(polyfill);
    await expect(pickBrowser({ browser: { runtime: {} } }, load)).resolves.toBe(polyfill);
    expect(load).toHaveBeenCalledTimes(3);
  });
});

describe('translateWith', () => {
  it('passes substitutions as strings and falls back to the key for a missing message', () => {
    const getMessage = vi.fn((key: string, subs?: string | string[]) =>
      key === 'popupNoBreach' ? `No known breach for ${(subs as string[])[0]} (${(subs as string[])[1]})` : '',
    );
    const t = translateWith({ getMessage });
    expect(t('popupNoBreach', ['example.com', 2026])).toBe('No known breach for example.com (2026)');
    expect(getMessage).toHaveBeenCalledWith('popupNoBreach', ['example.com', '2026']);
    expect(t('popupOpenAlerts')).toBe('popupOpenAlerts');
  });
});
