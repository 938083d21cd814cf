import type { SiteLookup } from '../shared/messages';
import { answerKey, GENERATION_KEY, type PreparedAnswer, type SessionArea } from '../shared/prepared-answer';

// Feature: the popup's answer, ready before the popup opens (issue #15; the reading side and why are in
// shared/prepared-answer.ts). One answer per open tab's address, so storage.session holds no more addresses than
// the browser has tabs; an address goes when no tab shows it any more.

export interface PreparedAnswers {
  /** Prepares the popup's answer for the page `url` shown in tab `tabId` (the tab was just badged). */
  prepare(tabId: number, url: string): Promise<void>;
  /** The tab closed or left the web: its answer goes, unless another tab shows the same address. */
  forget(tabId: number): Promise<void>;
  /**
   * The settings, a breach's ticks or the data in use changed: every prepared answer is out of date from now on.
   * Resolves once the popup can no longer read one as current; the open tabs' answers are then prepared again.
   */
  invalidate(): Promise<void>;
}

export function createPreparedAnswers(
  area: SessionArea,
  /** The answer the popup's `lookup/url` message gets for `url` (site-lookup.ts lookupSite). */
  compute: (url: string) => Promise<SiteLookup>,
  log: Pick<Console, 'warn'> = console,
): PreparedAnswers {
  const byTab = new Map<number, string>();
  /** The generation each address's stored answer was prepared at: a tab badged again (page loaded) needs none. */
  const stored = new Map<string, number>();
  let generation = 0;
  // A restarted worker continues the count: an answer a stopped worker prepared can never match again.
  const started = area
    .get(GENERATION_KEY)
    .then((saved) => {
      const last = saved[GENERATION_KEY];
      generation = Math.max(generation, typeof last === 'number' ? last : 0) + 1;
      return area.set({ [GENERATION_KEY]: generation });
    })
    .catch((e: unknown) => log.warn('prepared answers: storage.session is not available', e));
  let again: Promise<void> | undefined;

  const shownElsewhere = (url: string, exceptTab: number) =>
    [...byTab].some(([tab, shown]) => tab !== exceptTab && shown === url);

  async function drop(tabId: number, url: string | undefined): Promise<void> {
    if (url === undefined || shownElsewhere(url, tabId)) return;
    stored.delete(url);
    await area.remove(answerKey(url));
  }

  async function prepare(tabId: number, url: string): Promise<void> {
    await started;
    const before = byTab.get(tabId);
    byTab.set(tabId, url);
    if (before !== url) await drop(tabId, before);
    const at = generation;
    if (stored.get(url) === at) return;
    const answer = await compute(url);
    // A change while it was computed: it is already out of date, and the re-preparation that change started
    // writes the current one.
    if (at !== generation || byTab.get(tabId) !== url) return;
    const prepared: PreparedAnswer = { url, generation: at, answer };
    await area.set({ [answerKey(url)]: prepared });
    stored.set(url, at);
  }

  return {
    prepare: (tabId, url) =>
      prepare(tabId, url).catch((e: unknown) => log.warn('prepared answers: could not prepare', e)),
    async forget(tabId) {
      const url = byTab.get(tabId);
      byTab.delete(tabId);
      await drop(tabId, url).catch(() => undefined);
    },
    async invalidate() {
      await started;
      generation++;
      await area.set({ [GENERATION_KEY]: generation }).catch(() => undefined);
      // Prepared again once per burst of changes (a page saving several ticks), after the last of them.
      again ??= Promise.resolve().then(async () => {
        again = undefined;
        // One tab per address: tabs showing the same page share its answer.
        const oneTabEach = new Map([...byTab].map(([tab, url]) => [url, tab]));
        await Promise.all([...oneTabEach].map(([url, tab]) => prepare(tab, url).catch(() => undefined)));
      });
    },
  };
}
