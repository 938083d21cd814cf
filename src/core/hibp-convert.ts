import type { Breach } from './dataset-schema';
import { hibpId } from './hibp-id';
import type { SafeDescription } from './safe-description';

/** Turns HIBP's description HTML into our text and markup: toSafeDescription at build time, describeForPage at run time. */
export type Describe = (html: string) => SafeDescription;

export { hibpId };

/** One element of Have I Been Pwned's /api/v3/breaches list, as published. */
export interface HibpBreach {
  Name: string;
  Title: string;
  Domain: string;
  BreachDate: string;
  AddedDate: string;
  ModifiedDate?: string;
  PwnCount: number;
  Description: string;
  DataClasses: string[];
  IsVerified: boolean;
  IsFabricated: boolean;
  IsSensitive: boolean;
  IsRetired: boolean;
  IsSpamList: boolean;
  IsMalware?: boolean;
  IsStealerLog?: boolean;
  /** The organisation's own disclosure (added to the API in 2025; null or absent on most entries). */
  DisclosureUrl?: string | null;
  /** Whom HIBP credits for the data (added in 2025). */
  Attribution?: string | null;
}

/** An https URL as given, or undefined: the card links only to https pages. */
function httpsOrNothing(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export type HibpSkipReason = 'no-domain' | 'spam-list' | 'fabricated' | 'retired';

/** Why an HIBP entry is left out of the dataset, or null when it is kept. */
export function hibpSkipReason(b: HibpBreach): HibpSkipReason | null {
  if (!b.Domain || !b.Domain.trim()) return 'no-domain';
  if (b.IsSpamList) return 'spam-list';
  if (b.IsFabricated) return 'fabricated';
  if (b.IsRetired) return 'retired';
  return null;
}

/** Lower-cases a domain and turns an IDN into punycode, as the index keys are. */
export function canonicalDomain(domain: string): string {
  const trimmed = domain.trim().toLowerCase().replace(/\.$/, '');
  try {
    return new URL(`http://${trimmed}/`).hostname;
  } catch {
    return trimmed; // left as is: the schema check names it
  }
}

/** Converts one kept HIBP entry into our breach shape (before schema validation). */
export function convertHibpBreach(b: HibpBreach, describe: Describe): Breach {
  const description = describe(b.Description);
  const noticeUrl = httpsOrNothing(b.DisclosureUrl);
  const attribution = b.Attribution?.trim();
  const domains = [canonicalDomain(b.Domain)];
  return {
    id: hibpId(b.Name),
    title: b.Title,
    organisation: b.Title,
    domains,
    breachDate: b.BreachDate,
    disclosedDate: null,
    addedDate: b.AddedDate.slice(0, 10),
    affectedCount: b.PwnCount,
    dataClasses: [...b.DataClasses],
    notExposed: [],
    description: description.text || b.Title,
    descriptionHtml: description.html,
    status: 'unknown',
    sources: [
      {
        title: `${b.Title} on Have I Been Pwned`,
        url: `https://haveibeenpwned.com/PwnedWebsites#${encodeURIComponent(b.Name)}`,
        publisher: 'Have I Been Pwned',
        date: b.AddedDate.slice(0, 10),
      },
    ],
    verified: b.IsVerified,
    sensitive: b.IsSensitive,
    spamList: b.IsSpamList,
    fabricated: b.IsFabricated,
    retired: b.IsRetired,
    malware: b.IsMalware ?? false,
    ...(noticeUrl ? { noticeUrl } : {}),
    ...(attribution ? { attribution } : {}),
    origin: 'hibp',
    hibpName: b.Name,
  };
}
