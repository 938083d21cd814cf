import {
  CARD_CLASSES,
  MASKED_CARD_CLASSES,
  CONTACT_CLASSES,
  CREDENTIAL_CLASSES,
  FINANCIAL_CLASSES,
  IDENTITY_CLASSES,
  USABLE_PAYMENT_CLASSES,
} from './data-class-groups';
import { breachSiteFor } from './breach-site';
import { breachAlarm, hotlineMayHaveEnded, knownSinceOf } from './breach-urgency';

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
  | 'card-scam-calls'
  | 'company-hotline'
  | 'company-offer'
  | 'report-fraud'
  | 'complain-regulator';

export type Urgency = 'now' | 'soon' | 'ongoing';

/**
 * A task is done once (a box, counted in "n of m done"); advice is what to do if something happens (report
 * fraud, complain): no box, under a heading of its own.
 */
export type StepKind = 'task' | 'advice';

/** What the company itself did for the people affected, where a curated entry's sources say so. */
export type CompanyAction = 'reissued-cards' | 'reset-passwords';

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
  kind: StepKind;
  /** The exposed data classes that call for this step (empty for steps every breach gets). */
  because: string[];
  /** Who to contact or where to go, when the step has one. */
  contact?: Contact;
  /** A second contact: the regulator of the company's own country, when it is not the person's. */
  also?: Contact;
  /** Set on the regulator step when the company's country is not known (most HIBP entries). */
  companyCountryUnknown?: true;
  /** A password or card step for an old breach: "if you have not changed it since" this date. */
  since?: string;
  /** The company already did this (reissued the cards, reset the passwords): the step says so. */
  companyDid?: CompanyAction;
  /**
   * A company hotline or offer set up more than HOTLINE_YEARS ago (or an offer past its last day), with the year the
   * breach became known: "may no longer run".
   */
  mayHaveEnded?: string;
}

export interface StepInput {
  dataClasses: readonly string[];
  domains: readonly string[];
  hotline?: { phone: string; label: string; url?: string } | undefined;
  /** The account's change-password page (curated, or Apple's list), when known. */
  changePasswordUrl?: string | undefined;
  breachDate?: string;
  disclosedDate?: string | null | undefined;
  /** When HIBP listed it: when an HIBP breach became known. */
  addedDate?: string | undefined;
  /** What the company said was not taken: no step may rest on it. */
  notExposed?: readonly string[] | undefined;
  /** What the company did itself (reissued cards, reset passwords). */
  companyDid?: readonly CompanyAction[] | undefined;
  /** The company's country (ISO code), where known: its regulator is named beside the person's own. */
  country?: string | undefined;
  /** What the company offered the people affected, e.g. free credit monitoring. */
  offer?: { text: string; provider?: string; url?: string; phone?: string; deadline?: string } | undefined;
}

interface Rule {
  id: StepId;
  urgency: Urgency;
  kind?: StepKind;
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
  { id: 'new-card', urgency: 'now', when: CARD_CLASSES },
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
  // Every breach: whatever was taken (even health records alone) makes a scam more convincing. Its reasons are
  // the contact details, where there are any.
  { id: 'phishing', urgency: 'soon', when: 'always', contact: (_i, r) => r.reportPhishing },
  // In place of watch-statements when the only card data is masked and the company said card details were not
  // taken: the risk is a caller who quotes the last digits to sound genuine, not payments.
  { id: 'card-scam-calls', urgency: 'soon', when: MASKED_CARD_CLASSES },
  { id: 'credit-report', urgency: 'soon', when: IDENTITY_CLASSES, contact: (_i, r) => r.creditReport },
  {
    id: 'identity-theft',
    urgency: 'soon',
    when: IDENTITY_CLASSES,
    contact: (_i, r) => r.identityTheft,
  },
  { id: 'password-manager', urgency: 'ongoing', when: CREDENTIAL_CLASSES },
  { id: 'report-fraud', urgency: 'ongoing', kind: 'advice', when: 'always', contact: (_i, r) => r.reportFraud },
  {
    id: 'complain-regulator',
    urgency: 'ongoing',
    kind: 'advice',
    when: 'always',
    contact: (_i, r) => r.regulator,
  },
];

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
  const notExposed = new Set(input.notExposed ?? []);
  // Data the company said was not taken is never a step's reason, even if a list names it both ways.
  const exposed = input.dataClasses.filter((c) => !notExposed.has(c));
  const cardsSafe = cardsSaidSafe(notExposed);
  const dated = input.breachDate === undefined ? undefined : { ...input, breachDate: input.breachDate };
  const old = dated !== undefined && breachAlarm(dated, now) === 'old';
  const hotlineEnded = dated !== undefined && hotlineMayHaveEnded(dated, now);
  const did = new Set(input.companyDid ?? []);
  const steps: ProtectiveStep[] = [];
  for (const rule of RULES) {
    let because =
      rule.id === 'phishing'
        ? exposed.filter((c) => CONTACT_CLASSES.has(c))
        : rule.when === 'always'
          ? []
          : exposed.filter((c) => (rule.when as Set<string>).has(c));
    // Masked card digits alone, with card details said to be safe: scam calls, not statements.
    if (rule.id === 'watch-statements' && cardsSafe) because = because.filter((c) => !MASKED_CARD_CLASSES.has(c));
    if (rule.id === 'card-scam-calls' && !cardsSafe) because = [];
    if (rule.when !== 'always' && because.length === 0) continue;
    // An old card breach, or one where the company had the cards reissued: one step about the card, not two.
    if (rule.id === 'call-bank' && (old || did.has('reissued-cards'))) continue;
    const companyDid: CompanyAction | undefined =
      rule.id === 'change-password' && did.has('reset-passwords')
        ? 'reset-passwords'
        : rule.id === 'new-card' && did.has('reissued-cards')
          ? 'reissued-cards'
          : undefined;
    // Where the company reset the passwords, the step is about other sites: no link to this one's page.
    const contact = companyDid === 'reset-passwords' ? undefined : rule.contact?.(input, region, site);
    if ((rule.id === 'company-hotline' || rule.id === 'company-offer') && !contact) continue;
    const also = rule.id === 'complain-regulator' ? companyRegulator : undefined;
    const unknown = rule.id === 'complain-regulator' && !input.country;
    // An old breach does not shout: its password and card steps become checks, "if you have not ... since".
    const since =
      old && (rule.id === 'change-password' || rule.id === 'new-card') && !companyDid ? input.breachDate : undefined;
    // A hotline or an offer set up over two years ago (or an offer whose last day has passed) may be gone: the
    // step stays, as something to ask the company about, but no longer as a task for now.
    const ended =
      (rule.id === 'company-hotline' && hotlineEnded) ||
      (rule.id === 'company-offer' && offerEnded(input.offer?.deadline, hotlineEnded, now));
    const urgency: Urgency = ended ? 'ongoing' : rule.urgency === 'now' && (old || companyDid) ? 'soon' : rule.urgency;
    steps.push({
      id: rule.id,
      urgency,
      kind: rule.kind ?? 'task',
      because,
      ...(contact ? { contact } : {}),
      ...(also ? { also } : {}),
      ...(unknown ? { companyCountryUnknown: true as const } : {}),
      ...(since ? { since } : {}),
      ...(companyDid ? { companyDid } : {}),
      ...(ended && dated ? { mayHaveEnded: knownSinceOf(dated).slice(0, 4) } : {}),
    });
  }
  return steps.sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency]);
}

/**
 * Whether a company's offer may be closed at `now`: its last day has passed, or, with no last day given, the
 * breach became known over two years ago (as a hotline's; enrolment in the monitoring offered usually closes within
 * months). A deadline is compared at its own precision: "2024-01" has passed in February 2024.
 */
export function offerEnded(deadline: string | undefined, pastTwoYears: boolean, now: number): boolean {
  if (deadline === undefined) return pastTwoYears;
  return new Date(now).toISOString().slice(0, deadline.length) > deadline;
}

/** The steps that are tasks (boxes, counted) and the advice (no boxes), in order. */
export function splitSteps(steps: readonly ProtectiveStep[]): { tasks: ProtectiveStep[]; advice: ProtectiveStep[] } {
  return { tasks: steps.filter((s) => s.kind === 'task'), advice: steps.filter((s) => s.kind === 'advice') };
}

/** Whether the company said usable card or bank details were not taken. */
function cardsSaidSafe(notExposed: ReadonlySet<string>): boolean {
  return [...USABLE_PAYMENT_CLASSES].some((c) => notExposed.has(c));
}

/** Card steps: wrong for a breach whose card details the company said were not taken, unless real card data was. */
const CARD_STEPS: ReadonlySet<StepId> = new Set(['call-bank', 'new-card', 'watch-statements']);

/**
 * Where a breach's steps contradict what its card says (what the data walk test holds to none): a step resting on
 * data the company said was not taken, or a card step when card details were not taken and only masked digits were.
 */
export function contradictions(
  breach: { dataClasses: readonly string[]; notExposed?: readonly string[] | undefined },
  steps: readonly ProtectiveStep[],
): string[] {
  const notExposed = new Set(breach.notExposed ?? []);
  const cardsSafe = cardsSaidSafe(notExposed);
  const found: string[] = [];
  for (const step of steps) {
    const said = step.because.filter((c) => notExposed.has(c));
    if (said.length) found.push(`${step.id} rests on ${said.join(', ')}, said not taken`);
    if (cardsSafe && CARD_STEPS.has(step.id) && step.because.every((c) => MASKED_CARD_CLASSES.has(c)))
      found.push(`${step.id} asks about cards, but card details were not taken`);
  }
  return found;
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
