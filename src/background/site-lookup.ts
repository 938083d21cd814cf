import type { BreachSummary } from '../core/assemble-dataset';
import { lookupUrl } from '../core/breach-index';
import type { BreachRef } from '../core/breach-details';
import type { SiteLookup } from '../shared/messages';
import type { DataInUse } from './data-updates';

// Feature: the popup's lookup. The popup asks the worker instead of loading an index of its own, so it shows
// exactly what the tab was badged with, and its start-up reads no file that grows with the data (issue #15).

/** Where the popup reads a breach's details: downloaded HIBP entries from storage, the rest from the package. */
function refOf(breach: BreachSummary, data: DataInUse): BreachRef {
  const from = data.source === 'updated' && breach.origin === 'hibp' ? 'download' : 'bundled';
  return { id: breach.id, title: breach.title, from };
}

/** Looks a URL up in the data in use. */
export function lookupSite(data: DataInUse, url: string): SiteLookup {
  const found = lookupUrl(data.index, url);
  return {
    lookup: found.status === 'ok' ? { ...found, breaches: found.breaches.map((b) => refOf(b, data)) } : found,
    dataDate: data.dataDate,
    counts: data.counts,
    ...(data.fetchedAt !== undefined ? { fetchedAt: data.fetchedAt } : {}),
  };
}
