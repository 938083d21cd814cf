import type Browser from 'webextension-polyfill';

// The extension pages' `browser` (issue #15). Firefox and current Chromium give pages a promise-based `browser`
// namespace of their own, which webextension-polyfill passes through unchanged (its test is the one below); so the
// polyfill is loaded, as a chunk of its own, only by a browser without one, and the popup's start-up script no
// longer parses its 10 kB on every open. The worker keeps its static import: a service worker cannot import().

/** The namespace to use: the browser's own when it has one, else the polyfill that `load` gives. */
export async function pickBrowser(
  scope: { browser?: unknown },
  load: () => Promise<{ default: Browser.Browser }>,
): Promise<Browser.Browser> {
  const own = scope.browser as Browser.Browser | undefined;
  return own?.runtime?.id ? own : (await load()).default;
}

export const browser: Browser.Browser = await pickBrowser(globalThis, () => import('webextension-polyfill'));
