import type { SiteLookup } from './messages';

// The popup's answer, prepared by the worker when it badges a tab (issue #15). A page's first message to the worker
// costs a round trip through the worker's event loop on top of the browser's own set-up of the page's API channel;
// reading storage.session costs only the latter. So the worker keeps, for each open tab, the answer the popup
// would ask for, and the popup reads it there, falling back to asking when there is none or it is out of date.
//
// Kept by tab, not by address: the worker also gives each tab its own popup address (`?tab=ID`, POPUP_FOR_TAB), so
// the popup opened from the toolbar reads its answer and the tab's address side by side instead of one after the
// other (measured from the toolbar, bench/browser-bench.ts: the address first, then the answer, cost 4-8 ms).
// The answer names the address it was prepared for, and the popup uses it only if the tab still shows that address.
//
// Out of date means: the settings, a breach's ticks or the data in use changed after it was prepared. The worker
// counts such changes in `GENERATION_KEY` (also in storage.session) and stores each answer with the count it was
// prepared at; the popup reads both in one call and uses the answer only if they match. storage.session lives in
// memory, is cleared when the browser closes and is readable only by the extension's own pages and worker.

export const GENERATION_KEY = 'answers:generation';
/** What the session key of a tab's prepared answer starts with (the tab's id follows). */
export const ANSWER_KEY_PREFIX = 'answer:tab:';
/** The session key of the answer prepared for one tab. */
export const answerKey = (tabId: number) => `${ANSWER_KEY_PREFIX}${tabId}`;
/**
 * What the popup can show before it reads anything: the worker found no breach for the page's host. The verdict
 * alone is drawn from the address; the reads that follow confirm it, add the rest of the page, or replace it (a tab
 * that moved on since).
 */
export interface ClearVerdict {
  host: string;
  /** The data's date and size, which the "no known breach" sentence names. */
  dataDate: string;
  breaches: number;
}

/** The query parameters of a clear verdict (read back by the popup's clear-verdict.ts). */
export const CLEAR_PARAMS = { host: 'clear', dataDate: 'date', breaches: 'of' } as const;

/**
 * The popup address the worker gives a tab it prepared an answer for (the manifest's popup, told the tab), with
 * the clear verdict when the answer found no breach. The browser drops a tab's own popup when a page loads, so an
 * address with a verdict is only ever seen on the page it was set for (or for the few milliseconds of a race with a
 * new page, which the popup's reads then correct).
 */
export function popupForTab(tabId: number, clear?: ClearVerdict): string {
  const query = new URLSearchParams({ tab: String(tabId) });
  if (clear) {
    query.set(CLEAR_PARAMS.host, clear.host);
    query.set(CLEAR_PARAMS.dataDate, clear.dataDate);
    query.set(CLEAR_PARAMS.breaches, String(clear.breaches));
  }
  return `src/popup/index.html?${query}`;
}

/** The clear verdict an answer allows: the lookup ran, and found and failed to read nothing. */
export function clearVerdictOf(answer: SiteLookup): ClearVerdict | undefined {
  const { lookup, details } = answer;
  if (lookup.status !== 'ok' || lookup.breaches.length || details.breaches.length || details.failed.length)
    return undefined;
  return { host: lookup.host, dataDate: answer.dataDate, breaches: answer.counts.breaches };
}

export interface PreparedAnswer {
  url: string;
  generation: number;
  answer: SiteLookup;
}

/** The storage.session calls both sides use (a subset of the browser's). */
export interface SessionArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** The tab id in a popup address's `?tab=` (popupForTab), or undefined when there is none or it is not one. */
export function tabOfPopup(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  return raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** What `readPrepared` read for a tab: its answer record and the generation, as stored (checked by currentAnswer). */
export type PreparedRead = Record<string, unknown>;

/** Reads what is prepared for tab `tabId`; nothing when storage.session fails or is missing (the popup asks). */
export async function readPrepared(area: SessionArea | undefined, tabId: number): Promise<PreparedRead> {
  if (!area) return {};
  try {
    return await area.get([answerKey(tabId), GENERATION_KEY]);
  } catch {
    return {};
  }
}

/** The answer in `stored` for tab `tabId` showing `url`, if it is one and is current; undefined sends the popup to ask. */
export function currentAnswer(stored: PreparedRead, tabId: number, url: string): SiteLookup | undefined {
  const generation = stored[GENERATION_KEY];
  const prepared = stored[answerKey(tabId)] as Partial<PreparedAnswer> | undefined;
  if (!url || typeof generation !== 'number' || !prepared || typeof prepared !== 'object') return undefined;
  // Prepared for the page the tab showed then: a tab that moved on since (the worker not yet told) is asked for.
  if (prepared.url !== url || prepared.generation !== generation) return undefined;
  const answer = prepared.answer;
  // Written only by this extension's worker; checked for the shape the popup reads first, in case of a layout
  // from another version of the worker still in memory after an update.
  if (!answer || typeof answer !== 'object' || !answer.lookup || !answer.details || !answer.regionDecision)
    return undefined;
  return answer;
}
