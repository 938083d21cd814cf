// The pages' `browser` (src/shared/page-browser.ts): the browser's own namespace where it has one and
// `chrome` where it has not; and the translator pages and the worker build from it.
import { describe, expect, it, vi } from 'vitest';
import type Browser from 'webextension-polyfill';
import { translateWith } from '../../src/shared/i18n';
import { pickBrowser } from '../../src/shared/page-browser';

const own = { runtime: { id: 'amia@example' } } as unknown as Browser.Browser;
const chromeNamespace = { runtime: { id: 'from-chrome' } } as unknown as Browser.Browser;

describe('pickBrowser', () => {
  it('uses the browser’s own namespace where there is one (Firefox, Chromium 148 and later)', () => {
    expect(pickBrowser({ browser: own, chrome: chromeNamespace })).toBe(own);
  });

  it('uses chrome where there is no namespace, or one that is not an extension’s (Chromium before 148)', () => {
    expect(pickBrowser({ chrome: chromeNamespace })).toBe(chromeNamespace);
    expect(pickBrowser({ browser: {}, chrome: chromeNamespace })).toBe(chromeNamespace);
    expect(pickBrowser({ browser: { runtime: {} }, chrome: chromeNamespace })).toBe(chromeNamespace);
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
