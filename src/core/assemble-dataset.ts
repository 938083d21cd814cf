import * as v from 'valibot';
import { knownSinceOf } from './breach-urgency';
import { BreachSchema, CuratedBreachSchema, describeIssues, type Breach, type Dataset } from './dataset-schema';
import { checkAppleLists, checkOwnGroups } from './apple-lists';
import { CURATED_ONLY_CLASS_LIST } from './data-class-groups';
import { familyIndex, withPasswordResources, type RelatedDomain } from './domain-families';
import { toSafeDescription } from './safe-description';
import { convertHibpBreach, hibpSkipReason, type HibpBreach } from './hibp-convert';
import { buildCompactIndex, compactIndexToBase64 } from './compact-index';
import { comparePartialDates } from './partial-date';
import { describeBreaches, mergeWithCurated, replacedNames, type Mergeable } from './merge-breaches';

/** What the data build reads: HIBP's list, our curated files and the alias file. */
export interface DatasetInputs {
  hibp: readonly HibpBreach[];
  /** Curated entries with the file each came from, for error messages. */
  curated: readonly { file: string; entry: unknown }[];
  hibpSnapshot?: string;
  /**
   * Apple's lists as read from data/apple/ (change-password pages and brand families) and our own domain groups
   * (data/domain-groups.json), checked here.
   */
  apple?: { changePasswordUrls: unknown; sharedCredentials: unknown; ownGroups?: unknown };
}

/** Public Suffix List questions, handed in so that the core stays free of the list itself. */
export interface SuffixRules {
  /** The public suffix of a host (co.uk for coop.co.uk), or null when it has none. */
  publicSuffix(host: string): string | null;
}

export type AssembleResult =
  { ok: true; dataset: Dataset; skipped: Record<string, number> } | { ok: false; errors: string[] };

/** Validates and merges the inputs into one dataset; every problem is reported, naming its entry and field. */
export function assembleDataset(inputs: DatasetInputs, rules: SuffixRules): AssembleResult {
  const errors: string[] = [];
  const skipped: Record<string, number> = {};
  const vocabulary = new Set([...inputs.hibp.flatMap((b) => b.DataClasses), ...CURATED_ONLY_CLASS_LIST]);

  const curated: Breach[] = [];
  for (const { file, entry } of inputs.curated) {
    const parsed = v.safeParse(CuratedBreachSchema, entry);
    if (!parsed.success) {
      for (const line of describeIssues(parsed.issues)) errors.push(`${file}: ${line}`);
      continue;
    }
    const b = parsed.output;
    for (const [field, classes] of [
      ['dataClasses', b.dataClasses],
      ['notExposed', b.notExposed],
    ] as const) {
      for (const c of classes) {
        if (!vocabulary.has(c))
          errors.push(
            `${file}: ${field}: "${c}" is not a Have I Been Pwned data class (nor one of ours in data-class-groups.ts)`,
          );
      }
    }
    curated.push(b);
  }

  const hibpNames = new Set(inputs.hibp.map((b) => b.Name));
  for (const name of curated.flatMap((b) => [...replacedNames(b), ...(b.keepsHibp ?? [])])) {
    if (!hibpNames.has(name))
      errors.push(
        `curated hibpName, replacesHibp or keepsHibp "${name}" is not the Name of a Have I Been Pwned breach`,
      );
  }

  const hibp: Breach[] = [];
  for (const raw of [...inputs.hibp].sort((a, b) => a.Name.localeCompare(b.Name))) {
    const reason = hibpSkipReason(raw);
    if (reason) {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      continue;
    }
    const parsed = v.safeParse(BreachSchema, convertHibpBreach(raw, toSafeDescription));
    if (!parsed.success) {
      for (const line of describeIssues(parsed.issues)) errors.push(`HIBP "${raw.Name}": ${line}`);
      continue;
    }
    hibp.push(parsed.output);
  }

  const merged = mergeWithCurated(curated, hibp);
  for (const d of merged.dropped) skipped[d.reason] = (skipped[d.reason] ?? 0) + 1;
  let breaches = merged.breaches;
  if (inputs.apple) {
    const lists = checkAppleLists(inputs.apple.changePasswordUrls, inputs.apple.sharedCredentials);
    const own = checkOwnGroups(inputs.apple.ownGroups ?? []);
    if (!lists.ok) errors.push(...lists.errors);
    if (!own.ok) errors.push(...own.errors);
    if (lists.ok && own.ok) {
      const resources = { families: familyIndex([...lists.groups, ...own.groups]), pages: lists.pages };
      breaches = breaches.map((b) => withPasswordResources(b, resources));
      // What the lists added must fit the schema the popup and the worker check details against.
      for (const b of breaches) {
        const checked = v.safeParse(BreachSchema, b);
        if (!checked.success) errors.push(`"${b.id}" after Apple's lists: ${describeIssues(checked.issues)[0]}`);
      }
    }
  }
  const seenIds = new Map<string, string>();
  const publicSuffixes = new Set<string>();
  for (const b of breaches) {
    const where = b.origin === 'curated' ? `curated "${b.id}"` : `HIBP "${b.hibpName}"`;
    const other = seenIds.get(b.id);
    if (other) errors.push(`${where}: id "${b.id}" is also used by ${other}`);
    seenIds.set(b.id, where);
    for (const d of b.domains) {
      const suffix = rules.publicSuffix(d);
      if (suffix === null || suffix === d) errors.push(`${where}: domain "${d}" is a public suffix, not a site`);
      else publicSuffixes.add(suffix);
    }
    // The card then says "disclosed …", so the disclosure must be known; breachDate (found or made public) is
    // checked against it below like any other.
    if (b.breachDateUnknown && !b.disclosedDate) {
      errors.push(`${where}: breachDateUnknown needs a disclosedDate (the card shows it in place of the breach date)`);
    }
    if (b.disclosedDate && comparePartialDates(b.breachDate, b.disclosedDate) > 0) {
      errors.push(`${where}: disclosedDate ${b.disclosedDate} is before breachDate ${b.breachDate}`);
    }
  }
  if (errors.length) return { ok: false, errors };

  const dataset: Dataset = {
    schemaVersion: 1,
    ...describeBreaches(breaches),
    ...(inputs.hibpSnapshot ? { hibpSnapshot: inputs.hibpSnapshot } : {}),
    publicSuffixes: [...publicSuffixes].sort(),
    breaches,
  };
  return { ok: true, dataset, skipped };
}

/** What the service worker needs of a breach: enough to badge a tab, name the breach and merge an update. */
export interface BreachSummary extends Mergeable {
  title: string;
  /** When the breach became known (knownSinceOf), where that is not its breach date: it decides the alarm. */
  knownSince?: string;
  domains: string[];
  sensitive: boolean;
  replacesHibp?: string[];
  keepsHibp?: string[];
  related?: RelatedDomain[];
}

export interface DatasetSummary {
  dataDate: string;
  counts: Dataset['counts'];
  publicSuffixes: string[];
  breaches: BreachSummary[];
  /** The domain index of `breaches`, prebuilt (compact-index.ts) and base64-encoded. */
  compactIndex: string;
  /** The newest date among the curated entries alone, which a downloaded HIBP list does not replace. */
  curatedDataDate: string;
  /** The newest AddedDate of the bundled HIBP list (see downloadIsCurrent). */
  hibpSnapshot: string;
}

/** The worker's projection of one breach (the names of replaced HIBP entries only where there are some). */
export function summariseBreach(b: Breach): BreachSummary {
  const { id, title, domains, breachDate, sensitive, origin, hibpName, replacesHibp, keepsHibp, related } = b;
  const since = knownSinceOf(b);
  return {
    id,
    title,
    domains,
    breachDate,
    ...(since !== breachDate ? { knownSince: since } : {}),
    sensitive,
    origin,
    ...(origin === 'curated' && hibpName ? { hibpName } : {}),
    ...(replacesHibp?.length ? { replacesHibp } : {}),
    ...(keepsHibp?.length ? { keepsHibp } : {}),
    ...(related?.length ? { related } : {}),
  };
}

/** The compact projection bundled into the worker, so it never parses descriptions it does not show. */
export function summariseDataset(dataset: Dataset): DatasetSummary {
  return {
    dataDate: dataset.dataDate,
    counts: dataset.counts,
    publicSuffixes: dataset.publicSuffixes,
    breaches: dataset.breaches.map(summariseBreach),
    compactIndex: compactIndexToBase64(buildCompactIndex(dataset.breaches)),
    curatedDataDate: describeBreaches(dataset.breaches.filter((b) => b.origin === 'curated')).dataDate,
    hibpSnapshot: dataset.hibpSnapshot ?? '',
  };
}
