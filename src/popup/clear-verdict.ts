import { isPartialDate } from '../core/partial-date';
import { CLEAR_PARAMS, type ClearVerdict } from '../shared/prepared-answer';

// The popup's side of the verdict the worker puts in a tab's popup address (popupForTab): kept out of the shared
// module so that the worker, which only writes it, does not load the checks at start-up.

/** The clear verdict in a popup address's query, or undefined when there is none or any part of it is malformed. */
export function clearVerdictIn(search: string): ClearVerdict | undefined {
  const query = new URLSearchParams(search);
  const host = query.get(CLEAR_PARAMS.host);
  const dataDate = query.get(CLEAR_PARAMS.dataDate);
  const breaches = query.get(CLEAR_PARAMS.breaches);
  if (host === null || dataDate === null || breaches === null) return undefined;
  // A host as the lookup gives it (lower case, no spaces or slashes); anything else is not the worker's.
  if (!/^[a-z0-9.:[\]-]{1,253}$/.test(host) || !isPartialDate(dataDate) || !/^\d{1,9}$/.test(breaches))
    return undefined;
  return { host, dataDate, breaches: Number(breaches) };
}
