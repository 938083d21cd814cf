import * as v from 'valibot';
import { BreachSchema, describeIssues, type Breach } from './dataset-schema';
import { withPasswordResources, type PasswordResources } from './domain-families';
import { hibpId } from './hibp-id';
import { convertHibpBreach, hibpSkipReason, type Describe, type HibpBreach } from './hibp-convert';
import { describeForPage } from './page-description';

// The rules a downloaded Have I Been Pwned breach list must pass before it replaces the one in use, shared by
// `npm run data:update` and (issue #6) the extension's optional updates. Pure: no I/O, no DOM.

export interface UpdateLimits {
  /** Bytes of the response body; larger is refused before parsing. */
  maxBytes: number;
  /** A list that keeps fewer than this share of the previous one's breaches is refused as suspicious. */
  minKeptShare: number;
}

export const DEFAULT_LIMITS: UpdateLimits = { maxBytes: 10 * 1024 * 1024, minKeptShare: 0.5 };

const HibpEntrySchema = v.looseObject({
  Name: v.pipe(v.string(), v.minLength(1)),
  Title: v.string(),
  Domain: v.string(),
  BreachDate: v.string(),
  AddedDate: v.string(),
  // Bounds no real entry comes near: a hostile list cannot make the popup list 200,000 data classes.
  PwnCount: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e11)),
  Description: v.pipe(v.string(), v.maxLength(20_000)),
  DataClasses: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(100)),
  IsVerified: v.boolean(),
  IsFabricated: v.boolean(),
  IsSensitive: v.boolean(),
  IsRetired: v.boolean(),
  IsSpamList: v.boolean(),
  // Added by HIBP in 2025; older lists lack them.
  DisclosureUrl: v.optional(v.nullable(v.string())),
  Attribution: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500)))),
});

export interface UpdateOptions {
  limits?: UpdateLimits;
  /**
   * Public suffixes known to the data in use: a downloaded breach whose domain is one of these (a whole registry
   * such as co.uk) is refused.
   */
  publicSuffixes?: ReadonlySet<string>;
  /**
   * The ICANN public suffixes (data/psl/, loaded only for this check): a breach on com.mx or ac.uk would mark
   * every site under that registry, so the list is refused.
   */
  isPublicSuffix?: (domain: string) => boolean;
  /** Apple's lists, applied as the build applies them (family domains, change-password pages). */
  resources?: PasswordResources;
  /**
   * How many HIBP breaches the bundled data has: a list must keep half of these too, so that a run of updates
   * each just above half cannot ratchet the data down.
   */
  bundledCount?: number;
  /**
   * How descriptions are converted. By default (the worker) the markup is kept for the page's sanitiser and no
   * HTML parser is loaded; `npm run data:update` passes the build's toSafeDescription.
   */
  describe?: Describe;
  /** Now, for refusing dates in the future. */
  now?: number;
}

export type UpdateResult =
  { ok: true; hibp: HibpBreach[]; breaches: Breach[]; skipped: number } | { ok: false; reason: string };

/**
 * Checks a downloaded breach list (its raw text) against the rules, and converts the entries we keep.
 * `previousCount` is how many HIBP breaches the data in use has.
 */
export function checkHibpUpdate(body: string, previousCount: number, options: UpdateOptions = {}): UpdateResult {
  const { limits = DEFAULT_LIMITS, publicSuffixes = new Set<string>(), resources, bundledCount = 0 } = options;
  const isSuffix = (d: string) => publicSuffixes.has(d) || (options.isPublicSuffix?.(d) ?? false);
  // A day of slack for time zones and clocks; a later date would make a list look newer than any release.
  const latestDate = new Date((options.now ?? Date.now()) + 86_400_000).toISOString().slice(0, 10);
  const seenIds = new Map<string, string>();
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > limits.maxBytes)
    return { ok: false, reason: `too large: ${bytes} bytes, the limit is ${limits.maxBytes}` };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${(e as Error).message})` };
  }
  if (!Array.isArray(data)) return { ok: false, reason: 'not a list of breaches' };
  const hibp: HibpBreach[] = [];
  const breaches: Breach[] = [];
  let skipped = 0;
  for (const [i, raw] of data.entries()) {
    const entry = v.safeParse(HibpEntrySchema, raw);
    if (!entry.success) return { ok: false, reason: `entry ${i}: ${describeIssues(entry.issues)[0]}` };
    const b = entry.output as unknown as HibpBreach;
    const where = `"${b.Name.slice(0, 80)}"`;
    if (b.BreachDate.slice(0, 10) > latestDate || b.AddedDate.slice(0, 10) > latestDate)
      return { ok: false, reason: `${where}: dated in the future (${b.BreachDate.slice(0, 10)})` };
    const id = hibpId(b.Name);
    const clash = seenIds.get(id);
    if (clash !== undefined) return { ok: false, reason: `${where} and "${clash.slice(0, 80)}" are one id (${id})` };
    seenIds.set(id, b.Name);
    hibp.push(b);
    if (hibpSkipReason(b)) {
      skipped++;
      continue;
    }
    const plain = convertHibpBreach(b, options.describe ?? describeForPage);
    const converted = v.safeParse(BreachSchema, resources ? withPasswordResources(plain, resources) : plain);
    if (!converted.success) return { ok: false, reason: `"${b.Name}": ${describeIssues(converted.issues)[0]}` };
    const suffix = converted.output.domains.find(isSuffix);
    if (suffix) return { ok: false, reason: `"${b.Name}": domain "${suffix}" is a public suffix, not a site` };
    breaches.push(converted.output);
  }
  const known = Math.max(previousCount, bundledCount);
  if (known > 0 && breaches.length < known * limits.minKeptShare) {
    return {
      ok: false,
      reason: `suspicious: ${breaches.length} breaches where ${known} were known (fewer than ${Math.round(limits.minKeptShare * 100)}%)`,
    };
  }
  return { ok: true, hibp, breaches, skipped };
}

export interface ListChanges {
  added: string[];
  modified: string[];
  removed: string[];
}

/** What changed between two HIBP lists, by Name: new entries, entries whose ModifiedDate moved, entries gone. */
export function diffHibpLists(before: readonly HibpBreach[], after: readonly HibpBreach[]): ListChanges {
  const old = new Map(before.map((b) => [b.Name, b]));
  const now = new Map(after.map((b) => [b.Name, b]));
  return {
    added: [...now.keys()].filter((n) => !old.has(n)).sort(),
    modified: [...now.values()]
      .filter((b) => old.has(b.Name) && (old.get(b.Name)!.ModifiedDate ?? '') !== (b.ModifiedDate ?? ''))
      .map((b) => b.Name)
      .sort(),
    removed: [...old.keys()].filter((n) => !now.has(n)).sort(),
  };
}
