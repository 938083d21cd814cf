import {
  CONTACT_CLASSES,
  CREDENTIAL_CLASSES,
  FINANCIAL_CLASSES,
  IDENTITY_CLASSES,
  USABLE_PAYMENT_CLASSES,
} from './data-class-groups';

// What a person should do after a breach, chosen from the data that was exposed by one rule table.

export type StepId =
  | 'change-password'
  | 'enable-2fa'
  | 'password-manager'
  | 'call-bank'
  | 'new-card'
  | 'watch-statements'
  | 'credit-report'
  | 'identity-theft'
  | 'phishing'
  | 'company-hotline'
  | 'company-offer'
  | 'report-fraud'
  | 'complain-regulator';

export type Urgency = 'now' | 'soon' | 'ongoing';

export interface Contact {
  label: string;
  phone?: string;
  url?: string;
  /** The last day an offer can be taken up (company offers only). */
  deadline?: string;
}

/** Where to report fraud and complain, for one region; from data/help/regions.json. */
export interface RegionContacts {
  name: string;
  reportFraud: Contact;
  regulator: Contact;
  creditReport: Contact;
  identityTheft?: Contact;
}

export interface ProtectiveStep {
  id: StepId;
  urgency: Urgency;
  /** The exposed data classes that call for this step (empty for steps every breach gets). */
  because: string[];
  /** Who to contact or where to go, when the step has one. */
  contact?: Contact;
}

export interface StepInput {
  dataClasses: readonly string[];
  domains: readonly string[];
  hotline?: { phone: string; label: string; url?: string } | undefined;
  /** What the company offered the people affected, e.g. free credit monitoring. */
  offer?: { text: string; provider?: string; url?: string; phone?: string; deadline?: string } | undefined;
}

interface Rule {
  id: StepId;
  urgency: Urgency;
  /** The data classes that call for the step, or 'always'. */
  when: ReadonlySet<string> | 'always';
  contact?: (input: StepInput, region: RegionContacts, site: string) => Contact | undefined;
}

// Order within an urgency is the order here.
const RULES: readonly Rule[] = [
  {
    id: 'change-password',
    urgency: 'now',
    when: CREDENTIAL_CLASSES,
    // The well-known URL sends a person to the site's own password-change page where it has one.
    contact: (_i, _r, site) => ({ label: site, url: `https://${site}/.well-known/change-password` }),
  },
  { id: 'call-bank', urgency: 'now', when: USABLE_PAYMENT_CLASSES },
  { id: 'new-card', urgency: 'now', when: USABLE_PAYMENT_CLASSES },
  {
    id: 'company-hotline',
    urgency: 'now',
    when: 'always',
    contact: (input) => (input.hotline ? { ...input.hotline } : undefined),
  },
  {
    id: 'company-offer',
    urgency: 'soon',
    when: 'always',
    contact: ({ offer }) =>
      offer
        ? {
            label: offer.text,
            ...(offer.url ? { url: offer.url } : {}),
            ...(offer.phone ? { phone: offer.phone } : {}),
            ...(offer.deadline ? { deadline: offer.deadline } : {}),
          }
        : undefined,
  },
  { id: 'enable-2fa', urgency: 'soon', when: CREDENTIAL_CLASSES },
  { id: 'watch-statements', urgency: 'soon', when: FINANCIAL_CLASSES },
  { id: 'phishing', urgency: 'soon', when: CONTACT_CLASSES },
  { id: 'credit-report', urgency: 'soon', when: IDENTITY_CLASSES, contact: (_i, r) => r.creditReport },
  {
    id: 'identity-theft',
    urgency: 'soon',
    when: IDENTITY_CLASSES,
    contact: (_i, r) => r.identityTheft ?? r.reportFraud,
  },
  { id: 'password-manager', urgency: 'ongoing', when: CREDENTIAL_CLASSES },
  { id: 'report-fraud', urgency: 'ongoing', when: 'always', contact: (_i, r) => r.reportFraud },
  { id: 'complain-regulator', urgency: 'ongoing', when: 'always', contact: (_i, r) => r.regulator },
];

const URGENCY_ORDER: Record<Urgency, number> = { now: 0, soon: 1, ongoing: 2 };

/** The breach domain the person is on (coop.co.uk for www.coop.co.uk), else the breach's first domain. */
export function breachSiteFor(domains: readonly string[], host: string | undefined): string {
  return domains.find((d) => host === d || host?.endsWith(`.${d}`)) ?? domains[0] ?? '';
}

/** The steps for one breach, most urgent first, each with the exposed data that calls for it. */
export function protectiveSteps(input: StepInput, region: RegionContacts, host?: string): ProtectiveStep[] {
  const site = breachSiteFor(input.domains, host);
  const steps: ProtectiveStep[] = [];
  for (const rule of RULES) {
    const because = rule.when === 'always' ? [] : input.dataClasses.filter((c) => (rule.when as Set<string>).has(c));
    if (rule.when !== 'always' && because.length === 0) continue;
    const contact = rule.contact?.(input, region, site);
    if ((rule.id === 'company-hotline' || rule.id === 'company-offer') && !contact) continue;
    steps.push({ id: rule.id, urgency: rule.urgency, because, ...(contact ? { contact } : {}) });
  }
  return steps.sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency]);
}

export type RegionCode = 'GB' | 'US' | 'other';

/**
 * The region for help contacts from a browser language tag: en-GB → GB, en-US → US. The product is UK-first,
 * so English with no country is GB; any other language or country gets the generic contacts.
 */
export function regionFromLanguage(language: string): RegionCode {
  const [lang, country] = language.split(/[-_]/).map((p) => p.toUpperCase());
  if (country === 'GB' || country === 'UK') return 'GB';
  if (country === 'US') return 'US';
  if (lang === 'EN' && country === undefined) return 'GB';
  return 'other';
}

/**
 * The region from the browser's preferred languages (navigator.languages, most preferred first): the first
 * tag that names a country decides; with none, the first language does (see regionFromLanguage).
 */
export function regionFromLanguages(languages: readonly string[]): RegionCode {
  const withCountry = languages.find((l) => /[-_]/.test(l));
  return regionFromLanguage(withCountry ?? languages[0] ?? 'en');
}
