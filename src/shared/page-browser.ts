import type Browser from 'webextension-polyfill';

// The extension pages' `browser` (issue #15). Firefox, and Chromium from 148, give every extension page a
// promise-based `browser` namespace of its own (webextension-polyfill passes it through unchanged: its test is the
// one below). Older Chromium has only `chrome`, whose APIs the pages use (tabs, storage, runtime, permissions, i18n)
// all return promises in Manifest V3 from the manifest's minimum version (114); Chrome's own guidance for that case
// is to use `chrome` as `browser`. So the pages load no polyfill: its 10 kB were parsed on every popup open, and
// loading it on demand (top-level await) made the popup's start later, not sooner, in A/B runs. The worker keeps the
// polyfill, for its listeners and the older APIs it uses.

/** The namespace to use in a page: the browser's own `browser` when it has one, else `chrome`. */
export function pickBrowser(scope: { browser?: unknown; chrome?: unknown }): Browser.Browser {
  const own = scope.browser as Browser.Browser | undefined;
  return (own?.runtime?.id ? own : scope.chrome) as Browser.Browser;
}

export const browser: Browser.Browser = pickBrowser(globalThis as { browser?: unknown; chrome?: unknown });
