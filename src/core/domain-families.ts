// Brand families: domains that sign people in with one account, from Apple's password-manager-resources
// (data/apple/shared-credentials.json, MIT), and our own groups in the same shape with a reason
// (data/domain-groups.json: a breach listed under one domain that happened on another). A breach of the account matters on every domain it works on, so the
// data build (and the worker, for downloaded lists) adds those domains to the breach and says why: matching at
// run time stays one pass over the host's label suffixes.

/** One group of Apple's shared-credentials list. */
export type FamilyGroup = { shared: string[] } | { from: string[]; to: string[]; fromDomainsAreObsoleted?: boolean };

/**
 * Why a breach of `via` also shows on `domain`:
 * - `shared`: the two domains share one login;
 * - `signs-in-with`: people sign in on `domain` with their `via` account (behance.net with Adobe's);
 * - `renamed`: `domain` is the new name of `via` (x.com for twitter.com);
 * - `same-breach`: our own groups (data/domain-groups.json): the breach listed under `via` happened on `domain`.
 */
export type FamilyKind = 'shared' | 'signs-in-with' | 'renamed' | 'same-breach';

export interface RelatedDomain {
  domain: string;
  via: string;
  kind: FamilyKind;
}

/** For each domain, the other domains where its breaches matter, following each group's direction. */
export function familyIndex(groups: readonly FamilyGroup[]): Map<string, RelatedDomain[]> {
  const index = new Map<string, RelatedDomain[]>();
  const add = (via: string, domain: string, kind: FamilyKind) => {
    if (via === domain) return;
    const list = index.get(via) ?? [];
    if (!list.some((r) => r.domain === domain)) list.push({ domain, via, kind });
    index.set(via, list);
  };
  for (const g of groups) {
    if ('shared' in g) {
      for (const a of g.shared) for (const b of g.shared) add(a, b, 'shared');
    } else if ('kind' in g && g.kind === 'same-breach') {
      for (const to of g.to) for (const from of g.from) add(to, from, 'same-breach');
    } else if (g.fromDomainsAreObsoleted) {
      // The old name is gone: its breaches show on the new one.
      for (const from of g.from) for (const to of g.to) add(from, to, 'renamed');
    } else {
      // People sign in on the `from` domains with the `to` domain's account.
      for (const to of g.to) for (const from of g.from) add(to, from, 'signs-in-with');
    }
  }
  return index;
}

/**
 * The breach with the family domains of its own domains appended to `domains`, and `related` saying why each
 * was added. Domains it already lists are not added again; a breach with no family comes back unchanged.
 */
export function withFamilies<B extends { domains: string[]; related?: RelatedDomain[] }>(
  breach: B,
  index: ReadonlyMap<string, readonly RelatedDomain[]>,
): B {
  const own = new Set(breach.domains);
  const related: RelatedDomain[] = [];
  for (const d of breach.domains) {
    for (const r of index.get(d) ?? []) {
      if (!own.has(r.domain) && !related.some((x) => x.domain === r.domain)) related.push(r);
    }
  }
  if (related.length === 0) return breach;
  return { ...breach, domains: [...breach.domains, ...related.map((r) => r.domain)], related };
}

/** The family link through which `host` matched, or undefined when it matched one of the breach's own domains. */
export function relatedMatch(
  breach: { domains: readonly string[]; related?: readonly RelatedDomain[] | undefined },
  host: string | undefined,
): RelatedDomain | undefined {
  if (!host || !breach.related?.length) return undefined;
  const on = (d: string) => host === d || host.endsWith(`.${d}`);
  if (ownDomains(breach).some(on)) return undefined;
  return breach.related.find((r) => on(r.domain));
}

/**
 * The page where a signed-in person changes the breached account's password, from Apple's list: the account's
 * new name first (x.com for twitter.com), then the breach's own domains, then the site the person is on.
 */
export function changePasswordPage(
  breach: { domains: readonly string[]; related?: readonly RelatedDomain[] | undefined },
  pages: Readonly<Record<string, string>>,
  site?: string,
): string | undefined {
  const renamed = (breach.related ?? []).filter((r) => r.kind === 'renamed').map((r) => r.domain);
  for (const d of [...renamed, ...ownDomains(breach), ...(site ? [site] : [])]) {
    if (Object.hasOwn(pages, d)) return pages[d];
  }
  return undefined;
}

/** The domains a breach lists of its own (without those a family added). */
export function ownDomains(breach: { domains: readonly string[]; related?: readonly RelatedDomain[] | undefined }) {
  return breach.related?.length
    ? breach.domains.filter((d) => !breach.related!.some((r) => r.domain === d))
    : breach.domains;
}

/** Apple's lists, ready to apply: the family index and the change-password pages. */
export interface PasswordResources {
  families: ReadonlyMap<string, readonly RelatedDomain[]>;
  pages: Readonly<Record<string, string>>;
}

/**
 * A breach with its family domains and its change-password page (a curated entry's own page is kept): what the
 * data build does to every breach, and the worker to every breach of a downloaded list.
 */
export function withPasswordResources<
  B extends { domains: string[]; related?: RelatedDomain[]; changePasswordUrl?: string },
>(breach: B, resources: PasswordResources): B {
  const withFamily = withFamilies(breach, resources.families);
  if (withFamily.changePasswordUrl) return withFamily;
  const page = changePasswordPage(withFamily, resources.pages);
  return page ? { ...withFamily, changePasswordUrl: page } : withFamily;
}
