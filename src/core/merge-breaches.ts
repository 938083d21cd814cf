import type { RelatedDomain } from './domain-families';
import { ownDomains } from './domain-families';
import { hibpId } from './hibp-id';

// How curated entries and Have I Been Pwned entries become one list, at data-build time and again when the
// extension downloads a newer HIBP list: one rule, so an update cannot bring back what the build left out.
// Curated entries win: an HIBP entry is left out when a curated entry names it (hibpName / replacesHibp),
// or when it looks like the same incident (a shared domain and breach dates within a year of each other)
// — a newly listed HIBP entry for a breach we already describe from the company's own disclosure.

/** The fields the merge reads; both full breaches and the worker's summaries have them. */
export interface Mergeable {
  id: string;
  origin: 'curated' | 'hibp';
  domains: readonly string[];
  breachDate: string;
  hibpName?: string;
  replacesHibp?: readonly string[];
  keepsHibp?: readonly string[];
  /** Family domains the build added (see domain-families.ts): not the breach's own, so not used to merge. */
  related?: readonly RelatedDomain[];
}

export type DropReason = 'replaced-by-curated' | 'same-incident-as-curated';

export interface Dropped {
  id: string;
  /** The curated entry that won. */
  by: string;
  reason: DropReason;
}

const DAY_MS = 86_400_000;
/** The same incident is reported with dates that differ by months, not years (breach vs discovery). */
const SAME_INCIDENT_DAYS = 366;

/** The first day a partial date ("2025", "2025-04", "2025-04-22") can mean, as a day number. */
function firstDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

/** The HIBP Names a curated entry stands in for. */
export function replacedNames(b: Pick<Mergeable, 'hibpName' | 'replacesHibp'>): string[] {
  return [...(b.hibpName ? [b.hibpName] : []), ...(b.replacesHibp ?? [])];
}

/** Curated entries first, then the HIBP entries no curated entry replaces; says which were left out and why. */
export function mergeWithCurated<T extends Mergeable>(
  curated: readonly T[],
  hibp: readonly T[],
): { breaches: T[]; dropped: Dropped[] } {
  const named = new Map<string, string>();
  for (const c of curated) for (const name of replacedNames(c)) named.set(hibpId(name), c.id);
  const byDomain = new Map<string, T[]>();
  for (const c of curated) for (const d of ownDomains(c)) byDomain.set(d, [...(byDomain.get(d) ?? []), c]);

  const kept: T[] = [];
  const dropped: Dropped[] = [];
  for (const h of hibp) {
    const namedBy = named.get(h.id);
    if (namedBy) {
      dropped.push({ id: h.id, by: namedBy, reason: 'replaced-by-curated' });
      continue;
    }
    const sameIncident = ownDomains(h)
      .flatMap((d) => byDomain.get(d) ?? [])
      .find(
        (c) =>
          Math.abs(firstDay(c.breachDate) - firstDay(h.breachDate)) <= SAME_INCIDENT_DAYS &&
          !c.keepsHibp?.some((name) => hibpId(name) === h.id),
      );
    if (sameIncident) dropped.push({ id: h.id, by: sameIncident.id, reason: 'same-incident-as-curated' });
    else kept.push(h);
  }
  return { breaches: [...curated, ...kept], dropped };
}

/** The counts and freshness date of a merged list, as the dataset and the options page report them. */
export function describeBreaches(
  breaches: readonly (Mergeable & { disclosedDate?: string | null; addedDate?: string })[],
) {
  const curated = breaches.filter((b) => b.origin === 'curated').length;
  const dates = breaches.flatMap((b) => [b.breachDate, b.disclosedDate ?? '', b.addedDate ?? '']).filter(Boolean);
  return {
    dataDate: dates.reduce((a, b) => (b > a ? b : a), '0000'),
    counts: {
      breaches: breaches.length,
      curated,
      hibp: breaches.length - curated,
      domains: new Set(breaches.flatMap((b) => b.domains)).size,
    },
  };
}

/**
 * The bundled dataset with its HIBP part replaced by a downloaded one: the bundled curated entries stay and
 * win as in the build. `facts` are the counts and date the worker computed when it accepted the download.
 */
export function withDownloadedHibp<D extends { breaches: readonly B[] }, B extends Mergeable>(
  bundled: D,
  hibp: readonly B[],
  facts: ReturnType<typeof describeBreaches>,
): D {
  return { ...bundled, dataDate: facts.dataDate, counts: facts.counts, breaches: withCurated(bundled.breaches, hibp) };
}

/**
 * A stored download as this build sees it: its HIBP entries beside this build's curated entries. An extension
 * update may have brought curated entries the download was merged without, so the merge is made again.
 */
export function withCurated<C extends Mergeable, H extends Mergeable>(
  curated: readonly C[],
  downloaded: readonly H[],
): (C | H)[] {
  return mergeWithCurated<C | H>(
    curated.filter((b) => b.origin === 'curated'),
    downloaded.filter((b) => b.origin === 'hibp'),
  ).breaches;
}

/**
 * Whether a stored download is at least as new as the HIBP snapshot bundled with this build (by the newest
 * date in each). After an extension update brings a newer snapshot, an older download is not used.
 */
export function downloadIsCurrent(downloadHibpDate: string | undefined, bundledSnapshot: string | undefined): boolean {
  return !downloadHibpDate || !bundledSnapshot || downloadHibpDate.slice(0, 10) >= bundledSnapshot.slice(0, 10);
}

/** The later of two partial dates (the data date of a download beside the curated entries). */
export function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}
