// Feature: what counts as a visit. Every URL change of a tab reaches the worker, including a single-page app
// rewriting its own URL (history.replaceState) many times a second, and Chromium reports those with status
// "loading" like a new page, so the change itself cannot tell them apart. A visit is therefore an arrival on
// another host in the tab, or a return to the same host after a while (a person coming back later).

/** How long a tab may stay on one host before a further page there counts as another visit. */
export const REVISIT_AFTER_MS = 30 * 60_000;

export function createVisitCounter(now: () => number = Date.now) {
  const last = new Map<number, { host: string; at: number }>();
  const hostOf = (url: string) => {
    try {
      return new URL(url).host;
    } catch {
      return '';
    }
  };
  return {
    /** Whether this URL change of the tab is a visit; remembers it when it is. */
    isVisit(tabId: number, url: string): boolean {
      const host = hostOf(url);
      const previous = last.get(tabId);
      const t = now();
      if (previous && previous.host === host && t - previous.at < REVISIT_AFTER_MS) return false;
      last.set(tabId, { host, at: t });
      return true;
    },
    forget(tabId: number): void {
      last.delete(tabId);
    },
  };
}
