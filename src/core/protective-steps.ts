import {
  CONTACT_CLASSES,
  CREDENTIAL_CLASSES,
  FINANCIAL_CLASSES,
  IDENTITY_CLASSES,
  USABLE_PAYMENT_CLASSES,
} from './data-class-groups';
import { breachSiteFor } from './breach-site';
import { withinAgeWindow } from './alert-bookkeeping';

export { breachSiteFor };

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
  /** Where to forward something (a phishing email). */
  email?: string;
  /** A short number to forward texts to (7726 in the UK and US). */
  textNumber?: string;
  /** The last day an offer can be taken up (company offers only). */
  deadline?: string;
  /** The site's standard /.well-known/change-password address: not every site supports it. */
  wellKnown?: true;
}

/** Where to report fraud and complain, for one region; from data/help/regions.json. */
export interface RegionContacts {
  name: string;
  /** The country whose services these are (none for the generic sets). */
  country?: string;
  reportFraud: Contact;
  regulator: Contact;
  creditReport: Contact;
  identityTheft: Contact;
  /** Where to forward suspicious emails and texts. */
  reportPhishing: Contact;
}

export interface ProtectiveStep {
  id: StepId;
  urgency: Urgency;
  /** The exposed data classes that call for this step (empty for steps every breach gets). */
  because: string[];
  /** Who to contact or where to go, when the step has one. */
  contact?: Contact;
  /** A second contact: the regulator of the company's own country, when it is not the person's. */
  also?: Contact;
  /** Set on the regulator step when the company's country is not known (most HIBP entries). */
  companyCountryUnknown?: true;
  /** A password step for an old breach: "if you have not changed it since" this date. */
  since?: string;
}

export interface StepInput {
  dataClasses: readonly string[];
  domains: readonly string[];
  hotline?: { phone: string; label: string; url?: string } | undefined;
  /** The account's change-password page (curated, or Apple's list), when known. */
  changePasswordUrl?: string | undefined;
  breachDate?: string;
  disclosedDate?: string | null | undefined;
  /** The company's country (ISO code), where known: its regulator is named beside the person's own. */
  country?: string | undefined;
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
    // The account's own page where one is known; else the standard well-known address, said to be that.
    contact: (input, _r, site) =>
      input.changePasswordUrl
        ? { label: site, url: input.changePasswordUrl }
        : { label: site, url: `https://${site}/.well-known/change-password`, wellKnown: true },
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
  { id: 'phishing', urgency: 'soon', when: CONTACT_CLASSES, contact: (_i, r) => r.reportPhishing },
  { id: 'credit-report', urgency: 'soon', when: IDENTITY_CLASSES, contact: (_i, r) => r.creditReport },
  {
    id: 'identity-theft',
    urgency: 'soon',
    when: IDENTITY_CLASSES,
    contact: (_i, r) => r.identityTheft,
  },
  { id: 'password-manager', urgency: 'ongoing', when: CREDENTIAL_CLASSES },
  { id: 'report-fraud', urgency: 'ongoing', when: 'always', contact: (_i, r) => r.reportFraud },
  { id: 'complain-regulator', urgency: 'ongoing', when: 'always', contact: (_i, r) => r.regulator },
];

/** A password breach disclosed within this many years is "change it now"; an older one is a check. */
const PASSWORD_NOW_YEARS = 2;

const URGENCY_ORDER: Record<Urgency, number> = { now: 0, soon: 1, ongoing: 2 };

/**
 * The steps for one breach, most urgent first, each with the exposed data that calls for it. `companyRegulator`
 * is the regulator of the company's country when that is not the person's (see regulatorOfCountry).
 */
export function protectiveSteps(
  input: StepInput,
  region: RegionContacts,
  host?: string,
  companyRegulator?: Contact,
  now: number = Date.now(),
): ProtectiveStep[] {
  const site = breachSiteFor(input.domains, host);
  const steps: ProtectiveStep[] = [];
  for (const rule of RULES) {
    const because = rule.when === 'always' ? [] : input.dataClasses.filter((c) => (rule.when as Set<string>).has(c));
    if (rule.when !== 'always' && because.length === 0) continue;
    const contact = rule.contact?.(input, region, site);
    if ((rule.id === 'company-hotline' || rule.id === 'company-offer') && !contact) continue;
    const also = rule.id === 'complain-regulator' ? companyRegulator : undefined;
    const unknown = rule.id === 'complain-regulator' && !input.country;
    // An old password breach does not shout: the step becomes a check, "if you have not changed it since".
    const since =
      rule.id === 'change-password' &&
      input.breachDate &&
      !withinAgeWindow(input.disclosedDate ?? input.breachDate, PASSWORD_NOW_YEARS, now)
        ? input.breachDate
        : undefined;
    steps.push({
      id: rule.id,
      urgency: since ? 'soon' : rule.urgency,
      because,
      ...(contact ? { contact } : {}),
      ...(also ? { also } : {}),
      ...(unknown ? { companyCountryUnknown: true as const } : {}),
      ...(since ? { since } : {}),
    });
  }
  return steps.sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency]);
}

/**
 * The data-protection regulator of a company's country, when it differs from the person's: from the regions data
 * for the countries it covers, else named by country ("the data protection authority of France"); undefined
 * when the country is unknown or is the person's own.
 */
export function regulatorOfCountry(
  country: string | undefined,
  person: RegionContacts,
  regions: Readonly<Record<string, RegionContacts>>,
): Contact | undefined {
  if (!country || country === person.country) return undefined;
  const known = Object.values(regions).find((r) => r.country === country);
  if (known) return known.regulator;
  let name = country;
  try {
    name = new Intl.DisplayNames(['en'], { type: 'region' }).of(country) ?? country;
  } catch {
    // an unknown code stays as it is
  }
  return { label: `the data protection authority of ${name}` };
}
