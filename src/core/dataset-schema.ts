import * as v from 'valibot';
import { isPartialDate } from './partial-date';

// The schema of one breach, shared by the data build, the lookup CLI and (later) dataset updates,
// so that every path into the extension checks the same rules.

const partialDate = v.pipe(
  v.string(),
  v.check(isPartialDate, 'must be an ISO date such as 2025, 2025-04 or 2025-04-22'),
);

/** A breach domain: lower-case ASCII (punycode for IDNs), at least two labels, no trailing dot. */
export const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

const domain = v.pipe(
  v.string(),
  v.regex(DOMAIN_PATTERN, 'must be a lower-case host name such as coop.co.uk (punycode for IDNs)'),
);

const httpsUrl = v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https URL'));

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

const phone = v.pipe(v.string(), v.regex(/^\+?[0-9 ]{6,20}$/, 'must be a phone number of digits and spaces'));

export const SourceSchema = v.strictObject({
  title: nonEmpty,
  url: httpsUrl,
  publisher: v.optional(nonEmpty),
  date: v.optional(partialDate),
});

export const HotlineSchema = v.strictObject({
  phone,
  label: nonEmpty,
  url: v.optional(httpsUrl),
});

/** What the company offered the people affected (credit monitoring, a helpline...), as its notice or the news says. */
export const OfferSchema = v.strictObject({
  /** The offer in one sentence, e.g. "24 months of free credit monitoring with Experian". */
  text: nonEmpty,
  provider: v.optional(nonEmpty),
  url: v.optional(httpsUrl),
  phone: v.optional(phone),
  /** The last day to take it up, where the company gave one. */
  deadline: v.optional(partialDate),
});

export const ThirdPartySchema = v.strictObject({
  name: nonEmpty,
  role: nonEmpty,
});

export const BreachStatusSchema = v.picklist(['ongoing', 'contained', 'unknown']);

/** The fields common to curated entries and converted HIBP entries. */
const breachFields = {
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens')),
  title: nonEmpty,
  organisation: nonEmpty,
  domains: v.pipe(v.array(domain), v.minLength(1, 'must list at least one domain')),
  breachDate: partialDate,
  /**
   * True when no source says when the breach happened: `breachDate` then holds the day it was found or made
   * public (the latest it can have happened, which the age window and the history verdict count from) and the card
   * says the date was not given instead of showing that day as the breach's.
   */
  breachDateUnknown: v.optional(v.boolean()),
  disclosedDate: v.optional(v.nullable(partialDate), null),
  /** When Have I Been Pwned loaded the breach; not a disclosure date. */
  addedDate: v.optional(partialDate),
  affectedCount: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  affectedText: v.optional(nonEmpty),
  dataClasses: v.array(nonEmpty),
  /**
   * True when the company listed the data it holds or that "may" have been reached, not what was confirmed
   * taken: the card then says "may include".
   */
  dataMayInclude: v.optional(v.boolean()),
  notExposed: v.optional(v.array(nonEmpty), []),
  /** Who was affected, in a sentence: which country's customers, which service, which dates. */
  scope: v.optional(nonEmpty),
  offer: v.optional(OfferSchema),
  /**
   * What the company itself did for the people affected, where the sources say so: had the cards reissued, reset
   * the passwords. The steps then say so instead of asking the person to do it again.
   */
  companyDid: v.optional(v.array(v.picklist(['reissued-cards', 'reset-passwords']))),
  /** The organisation's own notice or customer email, where one is public (HIBP's DisclosureUrl). */
  noticeUrl: v.optional(httpsUrl),
  /** Whom Have I Been Pwned credits for the data (HIBP's Attribution). */
  attribution: v.optional(nonEmpty),
  /**
   * The page where a signed-in person changes the account's password: a curated entry's own (from the company's
   * notice), else Apple's change-password list, set by the build.
   */
  changePasswordUrl: v.optional(httpsUrl),
  /** Domains the build added from a brand family (data/apple/shared-credentials.json), and why. */
  related: v.optional(
    v.array(
      v.strictObject({
        domain,
        via: domain,
        kind: v.picklist(['shared', 'signs-in-with', 'renamed', 'same-breach']),
      }),
    ),
  ),
  description: nonEmpty,
  /** Sanitised markup (links and emphasis only), for HIBP descriptions. */
  descriptionHtml: v.optional(v.string()),
  hotline: v.optional(HotlineSchema),
  thirdParty: v.optional(ThirdPartySchema),
  status: v.optional(BreachStatusSchema, 'unknown'),
  sources: v.array(SourceSchema),
  verified: v.optional(v.boolean(), true),
  sensitive: v.optional(v.boolean(), false),
  spamList: v.optional(v.boolean(), false),
  fabricated: v.optional(v.boolean(), false),
  retired: v.optional(v.boolean(), false),
  malware: v.optional(v.boolean(), false),
  origin: v.picklist(['curated', 'hibp']),
  /** The Have I Been Pwned Name of this breach (the same incident, for curated entries). */
  hibpName: v.optional(nonEmpty),
  /** Further HIBP Names of the same incident that a curated entry replaces (one attack, two brands). */
  replacesHibp: v.optional(v.array(nonEmpty)),
  /**
   * HIBP Names on one of this entry's domains, dated within a year of it, that are other incidents: both are
   * kept (without this, the merge takes such an HIBP entry for this one, newly listed).
   */
  keepsHibp: v.optional(v.array(nonEmpty)),
  /** ISO 3166-1 alpha-2 code of the market the sources report on (the regulator's or the customers'). */
  country: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code'))),
  /** Date a person last checked the entry against its sources (curated entries). */
  reviewed: v.optional(partialDate),
  /** Why a fact is as it is, where the sources disagree or are unclear. */
  note: v.optional(nonEmpty),
  regulatorOutcome: v.optional(nonEmpty),
  sameSiteReason: v.optional(nonEmpty),
};

export const BreachSchema = v.strictObject(breachFields);

/** A curated source names its publisher and date, so a reader can judge and find it. */
export const CuratedSourceSchema = v.strictObject({
  title: nonEmpty,
  url: httpsUrl,
  publisher: nonEmpty,
  date: partialDate,
});

/** A curated entry as written in data/curated/*.json: sources, a review date and a country are required. */
export const CuratedBreachSchema = v.strictObject({
  ...breachFields,
  origin: v.optional(v.literal('curated'), 'curated'),
  sources: v.pipe(v.array(CuratedSourceSchema), v.minLength(1, 'must cite at least one source')),
  reviewed: partialDate,
  country: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code')),
  /** The regulator's outcome, where there was one (e.g. an ICO fine and its amount). */
  regulatorOutcome: v.optional(nonEmpty),
  /** Why this entry shares a domain and year with another one, when it does. */
  sameSiteReason: v.optional(nonEmpty),
});

export type Breach = v.InferOutput<typeof BreachSchema>;
export type BreachSource = v.InferOutput<typeof SourceSchema>;
export type Hotline = v.InferOutput<typeof HotlineSchema>;
export type Offer = v.InferOutput<typeof OfferSchema>;

export const DatasetSchema = v.strictObject({
  schemaVersion: v.literal(1),
  /** The newest breach or disclosure date in the data: how fresh it is. */
  dataDate: partialDate,
  hibpSnapshot: v.optional(v.string()),
  counts: v.strictObject({
    breaches: v.number(),
    curated: v.number(),
    hibp: v.number(),
    domains: v.number(),
  }),
  /** Public suffixes of the breach domains: a host equal to one of them is not a site of its own. */
  publicSuffixes: v.array(v.string()),
  breaches: v.array(BreachSchema),
});

export type Dataset = v.InferOutput<typeof DatasetSchema>;

/** Turns valibot issues into one line each, naming the field path: "domains.0: must be ...". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
