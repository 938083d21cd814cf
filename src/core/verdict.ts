import { riskGroupOf, RISK_ORDER } from './data-class-groups';

// The one plain sentence a breach card opens with (issue #22): what was taken, and what the company said was not,
// in the person's words ("your name, address and date of birth") rather than Have I Been Pwned's class names.
// Pure: it picks nouns; the page puts them into its language's sentence.

/** The short nouns a verdict uses; each is a message `noun_<Noun>` in the locales. */
export type Noun =
  | 'Password'
  | 'SecurityAnswers'
  | 'CardDetails'
  | 'CardDigits'
  | 'BankDetails'
  | 'PaymentHistory'
  | 'PaymentMethod'
  | 'FinancialDetails'
  | 'IdNumbers'
  | 'DateOfBirth'
  | 'Name'
  | 'Address'
  | 'EmailAddress'
  | 'ContactDetails'
  | 'PhoneNumber'
  | 'Username'
  | 'IpAddress'
  | 'Gender'
  | 'Photos'
  | 'Orders'
  | 'HealthInformation'
  | 'Messages'
  | 'LoginTokens'
  | 'Location'
  | 'TravelPlans';

const NOUN_OF: Readonly<Record<string, Noun>> = {
  Passwords: 'Password',
  'Historical passwords': 'Password',
  'Password hints': 'Password',
  'Encrypted password vaults': 'Password',
  'Online banking credentials': 'Password',
  PINs: 'Password',
  'Security questions and answers': 'SecurityAnswers',
  'Credit cards': 'CardDetails',
  'Credit card CVV': 'CardDetails',
  'Debit cards': 'CardDetails',
  'Partial credit card data': 'CardDigits',
  'Bank account numbers': 'BankDetails',
  'Partial bank account numbers': 'BankDetails',
  'Payment histories': 'PaymentHistory',
  'Financial transactions': 'PaymentHistory',
  // The kind of payment chosen (card, PayPal), not a record of payments made.
  'Payment methods': 'PaymentMethod',
  'Financial information': 'FinancialDetails',
  'Government issued IDs': 'IdNumbers',
  'Passport numbers': 'IdNumbers',
  "Driver's licenses": 'IdNumbers',
  'National Insurance numbers': 'IdNumbers',
  'Social security numbers': 'IdNumbers',
  'Partial social security numbers': 'IdNumbers',
  'Tax identification numbers': 'IdNumbers',
  'Dates of birth': 'DateOfBirth',
  Names: 'Name',
  'Physical addresses': 'Address',
  'Email addresses': 'EmailAddress',
  'Contact details': 'ContactDetails',
  'Phone numbers': 'PhoneNumber',
  Usernames: 'Username',
  'IP addresses': 'IpAddress',
  Genders: 'Gender',
  Photos: 'Photos',
  Purchases: 'Orders',
  'Health insurance information': 'HealthInformation',
  'Medical records': 'HealthInformation',
  'Medical conditions': 'HealthInformation',
  'Private messages': 'Messages',
  'Email messages': 'Messages',
  'Auth tokens': 'LoginTokens',
  'Geographic locations': 'Location',
  'Personal health data': 'HealthInformation',
  'Account balances': 'FinancialDetails',
  'Income levels': 'FinancialDetails',
  'Profile photos': 'Photos',
  'Travel plans': 'TravelPlans',
  'Support tickets': 'Messages',
};

/** At most this many nouns are named; the rest are counted ("and 3 other kinds of data"). */
export const NAMED_NOUNS = 5;

export interface Verdict {
  /** What was taken (or "may include"), most harmful first, at most NAMED_NOUNS. */
  taken: Noun[];
  /** How many more kinds of data were taken than `taken` names (classes without a noun, or beyond the cap). */
  moreTaken: number;
  /** What the company said was not taken; empty when it said nothing of the kind. */
  notTaken: Noun[];
  moreNotTaken: number;
}

/**
 * Where a class ranks in the sentence: by its risk group, except that health information (special-category data,
 * the point of a clinic's or insurer's breach) comes before contact details instead of among "other" classes, so
 * the sentence names it rather than counting it as "1 other kind of data".
 */
function sentenceRank(dataClass: string): number {
  if (NOUN_OF[dataClass] === 'HealthInformation') return RISK_ORDER.indexOf('identity') + 0.5;
  return RISK_ORDER.indexOf(riskGroupOf(dataClass));
}

/** Nouns for a list of data classes, most harmful first, without repeats; classes with no noun are counted. */
function nounsOf(classes: readonly string[]): { nouns: Noun[]; unnamed: number } {
  const ordered = [...classes].sort((a, b) => sentenceRank(a) - sentenceRank(b));
  const nouns: Noun[] = [];
  let unnamed = 0;
  for (const c of ordered) {
    const noun = NOUN_OF[c];
    if (!noun) unnamed++;
    else if (!nouns.includes(noun)) nouns.push(noun);
  }
  return { nouns, unnamed };
}

export function verdictOf(breach: {
  dataClasses: readonly string[];
  notExposed?: readonly string[] | undefined;
}): Verdict {
  const notExposed = new Set(breach.notExposed ?? []);
  const taken = nounsOf(breach.dataClasses.filter((c) => !notExposed.has(c)));
  const safe = nounsOf([...notExposed]);
  // A noun that stands for a class taken and another said safe (card digits taken, card details not) is a taken one.
  const notTaken = safe.nouns.filter((n) => !taken.nouns.includes(n));
  return {
    taken: taken.nouns.slice(0, NAMED_NOUNS),
    moreTaken: taken.unnamed + Math.max(0, taken.nouns.length - NAMED_NOUNS),
    notTaken: notTaken.slice(0, NAMED_NOUNS),
    moreNotTaken: safe.unnamed + Math.max(0, notTaken.length - NAMED_NOUNS),
  };
}
