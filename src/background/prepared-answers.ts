import type { SiteLookup } from '../shared/messages';
import {
  answerKey,
  clearVerdictOf,
  GENERATION_KEY,
  popupForTab,
  type PreparedAnswer,
  type SessionArea,
} from '../shared/prepared-answer';

// Feature: the popup's answer, ready before the popup opens (issue #15; the reading side and why are in
// shared/prepared-answer.ts). One answer per open tab, which goes when the tab closes or leaves the web.

export interface PreparedAnswers {
  /** Prepares the popup's answer for the page `url` shown in tab `tabId` (the tab was just badged). */
  prepare(tabId: number, url: string): Promise<void>;
  /** The tab closed or left the web: its answer goes. */
  forget(tabId: number): Promise<void>;
  /**
   * The settings, a breach's ticks or the data in use changed: every prepared answer is out of date from now on.
   * Resolves once the popup can no longer read one as current; the open tabs' answers are then prepared again.
   */
  invalidate(): Promise<void>;
}

/** The action call that gives a tab its own popup address (browser.action's, a subset). */
export interface PopupAction {
  setPopup(details: { tabId: number; popup: string }): Promise<void>;
}

export function createPreparedAnswers(
  area: SessionArea,
  /** The answer the popup's `lookup/url` message gets for `url` (site-lookup.ts lookupSite). */
  compute: (url: string) => Promise<SiteLookup>,
  action: PopupAction | undefined,
  log: Pick<Console, 'warn'> = console,
): PreparedAnswers {
  /**
   * Each tab's address, the generation its stored answer was prepared at (undefined: none stored yet) and the popup
   * address that answer gave the tab (with its clear verdict, if any).
   */
  const byTab = new Map<number, { url: string; generation?: number; popup?: string }>();
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

  async function prepare(tabId: number, url: string, computeOnce = compute): Promise<void> {
    await started;
    const at = generation;
    const known = byTab.get(tabId);
    const current = known?.url === url && known.generation === at;
    // On every badge, as the browser resets a tab's popup when a page loads (then the popup finds its tab with
    // tabs.query, one call later): the address of the answer already prepared for this page, else the plain one.
    const popup = action
      ?.setPopup({ tabId, popup: (current && known.popup) || popupForTab(tabId) })
      .catch(() => undefined);
    if (current) return void (await popup);
    byTab.set(tabId, { url });
    const answer = await computeOnce(url);
    // A change while it was computed: it is already out of date, and the re-preparation that change started
    // writes the current one. A tab that moved on meanwhile gets the answer for where it is now.
    if (at !== generation || byTab.get(tabId)?.url !== url) return void (await popup);
    const prepared: PreparedAnswer = { url, generation: at, answer };
    await area.set({ [answerKey(tabId)]: prepared });
    await popup;
    // No breach: the address carries the verdict, so the popup draws it before its reads (issue #15).
    const clear = clearVerdictOf(answer);
    const address = popupForTab(tabId, clear);
    if (byTab.get(tabId)?.url !== url) return;
    byTab.set(tabId, { url, generation: at, popup: address });
    if (clear) await action?.setPopup({ tabId, popup: address }).catch(() => undefined);
  }

  return {
    prepare: (tabId, url) =>
      prepare(tabId, url).catch((e: unknown) => log.warn('prepared answers: could not prepare', e)),
    async forget(tabId) {
      if (!byTab.delete(tabId)) return;
      await area.remove(answerKey(tabId)).catch(() => undefined);
    },
    async invalidate() {
      await started;
      generation++;
      await area.set({ [GENERATION_KEY]: generation }).catch(() => undefined);
      // Prepared again once per burst of changes (a page saving several ticks), after the last of them; tabs
      // showing the same page share one computation.
      again ??= Promise.resolve().then(async () => {
        again = undefined;
        const once = new Map<string, Promise<SiteLookup>>();
        const shared = (url: string) => once.get(url) ?? once.set(url, compute(url)).get(url)!;
        await Promise.all([...byTab].map(([tab, { url }]) => prepare(tab, url, shared).catch(() => undefined)));
      });
    },
  };
}
