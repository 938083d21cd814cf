import type { SiteLookup } from './messages';

// The popup's answer, prepared by the worker when it badges a tab (issue #15). A page's first message to the worker
// costs a round trip through the worker's event loop on top of the browser's own set-up of the page's API channel;
// reading storage.session costs only the latter. So the worker keeps, for each open tab's URL, the answer the popup
// would ask for, and the popup reads it there, falling back to asking when there is none or it is out of date.
//
// Out of date means: the settings, a breach's ticks or the data in use changed after it was prepared. The worker
// counts such changes in `GENERATION_KEY` (also in storage.session) and stores each answer with the count it was
// prepared at; the popup reads both in one call and uses the answer only if they match. storage.session lives in
// memory, is cleared when the browser closes and is readable only by the extension's own pages and worker.

export const GENERATION_KEY = 'answers:generation';
/** The session key of the answer prepared for one page address. */
export const answerKey = (url: string) => `answer:${url}`;

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

/** The prepared answer in `stored` for `url`, if it is one and is current; undefined sends the popup to ask. */
export function currentAnswer(stored: Record<string, unknown>, url: string): SiteLookup | undefined {
  const generation = stored[GENERATION_KEY];
  const prepared = stored[answerKey(url)] as Partial<PreparedAnswer> | undefined;
  if (typeof generation !== 'number' || !prepared || typeof prepared !== 'object') return undefined;
  if (prepared.url !== url || prepared.generation !== generation) return undefined;
  const answer = prepared.answer;
  // Written only by this extension's worker; checked for the shape the popup reads first, in case of a layout
  // from another version of the worker still in memory after an update.
  if (!answer || typeof answer !== 'object' || !answer.lookup || !answer.details || !answer.regionDecision)
    return undefined;
  return answer;
}

/** Reads the answer prepared for `url`; undefined when there is none, it is stale, or storage.session fails. */
export async function readPreparedAnswer(area: SessionArea | undefined, url: string): Promise<SiteLookup | undefined> {
  if (!area || !url) return undefined;
  try {
    return currentAnswer(await area.get([answerKey(url), GENERATION_KEY]), url);
  } catch {
    return undefined;
  }
}
