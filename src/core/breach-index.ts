import { compactLookup, type CompactIndex } from './compact-index';
import { normaliseHost, webHostOf, type NotApplicableReason } from './web-host';

/** The least a breach needs to be indexed by domain. */
export interface Indexable {
  readonly id: string;
  readonly domains: readonly string[];
}

/** Finds breaches by host, and knows the public suffixes that are never a site. */
export interface BreachIndex<T extends Indexable> {
  /** Every breach whose domain is the host or a parent domain of it, most specific domain first. */
  find(host: string): T[];
  /** Every indexed domain. */
  domains(): Iterable<string>;
  readonly publicSuffixes: ReadonlySet<string>;
  readonly size: number;
}

export type Lookup<T> =
  | { status: 'ok'; host: string; breaches: T[] }
  | { status: 'not-applicable'; reason: NotApplicableReason; host?: string };

/** Builds the domain → breaches map once; a breach listed twice under one domain is kept once. */
export function buildBreachIndex<T extends Indexable>(
  breaches: readonly T[],
  publicSuffixes: Iterable<string> = [],
): BreachIndex<T> {
  const byDomain = new Map<string, T[]>();
  for (const breach of breaches) {
    for (const domain of breach.domains) {
      const list = byDomain.get(domain);
      if (!list) byDomain.set(domain, [breach]);
      else if (!list.includes(breach)) list.push(breach);
    }
  }
  return {
    /**
     * Walks the host's label suffixes, one Map probe each (shop.coop.co.uk finds coop.co.uk; notcoop.co.uk
     * and coop.co.uk.evil.example do not), so no Public Suffix List is needed here.
     */
    find(host) {
      const found: T[] = [];
      let suffix = host;
      for (;;) {
        const hits = byDomain.get(suffix);
        if (hits) for (const b of hits) if (!found.includes(b)) found.push(b);
        const dot = suffix.indexOf('.');
        if (dot < 0) return found;
        suffix = suffix.slice(dot + 1);
      }
    },
    domains: () => byDomain.keys(),
    publicSuffixes: new Set(publicSuffixes),
    size: breaches.length,
  };
}

/** The same index over a prebuilt compact layout (see compact-index.ts) of the same breaches, in order. */
export function compactBreachIndex<T extends Indexable>(
  breaches: readonly T[],
  layout: CompactIndex,
  publicSuffixes: Iterable<string> = [],
): BreachIndex<T> {
  return {
    find: (host) => compactLookup(layout, host).map((i) => breaches[i]!),
    domains: () => layout.keys.slice(0, -1).split('\n'),
    publicSuffixes: new Set(publicSuffixes),
    size: breaches.length,
  };
}

/** Looks up a URL: its breaches, or why it is not a site we look up. */
export function lookupUrl<T extends Indexable>(index: BreachIndex<T>, url: string): Lookup<T> {
  return lookupWebHost(index, webHostOf(url));
}

/** Looks up an already parsed host (see webHostOf / webHostOfLoose). */
export function lookupWebHost<T extends Indexable>(
  index: BreachIndex<T>,
  parsed: ReturnType<typeof webHostOf>,
): Lookup<T> {
  if (!parsed.ok) return { status: 'not-applicable', reason: parsed.reason };
  if (index.publicSuffixes.has(parsed.host)) {
    return { status: 'not-applicable', reason: 'no-site', host: parsed.host };
  }
  return { status: 'ok', host: parsed.host, breaches: index.find(parsed.host) };
}

/** Normalises a host name (not a URL) and looks it up. */
export function lookupHost<T extends Indexable>(index: BreachIndex<T>, hostname: string): Lookup<T> {
  return lookupWebHost(index, normaliseHost(hostname));
}
