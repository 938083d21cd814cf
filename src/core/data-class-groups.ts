// Groups Have I Been Pwned data classes by the harm they enable, for the popup's chips and its steps.

export type RiskGroup = 'credentials' | 'financial' | 'identity' | 'contact' | 'other';

/** Most to least severe: the order chips and groups are shown in. */
export const RISK_ORDER: readonly RiskGroup[] = ['credentials', 'financial', 'identity', 'contact', 'other'];

/**
 * Data classes that curated entries may use although Have I Been Pwned's list has no such class: what company
 * notices name (a UK National Insurance number, a debit card) and HIBP's vocabulary cannot say exactly.
 * The data build accepts these and HIBP's own classes, nothing else.
 */
export const CURATED_ONLY_CLASSES = {
  credentials: ['Private keys', 'Encrypted password vaults', 'Online banking credentials'],
  usablePayment: ['Debit cards'],
  financial: ['Financial information', 'Partial bank account numbers', 'Cheque images'],
  identity: ['National Insurance numbers', 'Partial social security numbers', 'Tax identification numbers'],
  // A company that says "contact information" without saying which: the entry says no more than it did.
  contact: ['Contact details'],
  other: ['Videos', 'Criminal records', 'Legal documents'],
} as const;

/** Every class of CURATED_ONLY_CLASSES. */
export const CURATED_ONLY_CLASS_LIST: readonly string[] = Object.values(CURATED_ONLY_CLASSES).flat();

export const CREDENTIAL_CLASSES = new Set([
  'Passwords',
  'Historical passwords',
  'Password hints',
  'Security questions and answers',
  'Auth tokens',
  'PINs',
  'Mnemonic phrases',
  'Encrypted keys',
  ...CURATED_ONLY_CLASSES.credentials,
]);

/** Card or account data that can be used to take money: call the bank, get a new card. */
export const USABLE_PAYMENT_CLASSES = new Set([
  'Credit cards',
  'Credit card CVV',
  'Bank account numbers',
  ...CURATED_ONLY_CLASSES.usablePayment,
]);

/**
 * Payment card data, of the usable kind: a new card number makes it useless. Not bank account numbers, which a new
 * card does not change (the bank and the statements are the steps for those).
 */
export const CARD_CLASSES: ReadonlySet<string> = new Set(['Credit cards', 'Credit card CVV', 'Debit cards']);

/** Card data that cannot pay (masked digits): with real card details said to be safe, a scam-call risk only. */
export const MASKED_CARD_CLASSES: ReadonlySet<string> = new Set(['Partial credit card data']);

export const FINANCIAL_CLASSES = new Set([
  ...USABLE_PAYMENT_CLASSES,
  'Partial credit card data',
  'Payment histories',
  'Payment methods',
  'Financial transactions',
  'Account balances',
  'Cryptocurrency wallet addresses',
  'Loan information',
  'Financial investments',
  'Credit status information',
  'Taxation records',
  'Income levels',
  'Net worths',
  ...CURATED_ONLY_CLASSES.financial,
]);

export const IDENTITY_CLASSES = new Set([
  'Dates of birth',
  'Partial dates of birth',
  'Government issued IDs',
  'Passport numbers',
  "Driver's licenses",
  'Social security numbers',
  'Mothers maiden names',
  'Places of birth',
  'Biometric data',
  'Health insurance information',
  ...CURATED_ONLY_CLASSES.identity,
]);

export const CONTACT_CLASSES = new Set([
  'Email addresses',
  'Recovery email addresses',
  'Phone numbers',
  'Partial phone numbers',
  'Physical addresses',
  'Names',
  ...CURATED_ONLY_CLASSES.contact,
]);

/** The group of one data class; an unknown class is "other", never an error. */
export function riskGroupOf(dataClass: string): RiskGroup {
  if (CREDENTIAL_CLASSES.has(dataClass)) return 'credentials';
  if (FINANCIAL_CLASSES.has(dataClass)) return 'financial';
  if (IDENTITY_CLASSES.has(dataClass)) return 'identity';
  if (CONTACT_CLASSES.has(dataClass)) return 'contact';
  return 'other';
}

/** Data classes grouped by risk, most severe group first, empty groups left out. */
export function groupDataClasses(dataClasses: readonly string[]): { group: RiskGroup; classes: string[] }[] {
  const groups = new Map<RiskGroup, string[]>();
  for (const c of dataClasses) {
    const g = riskGroupOf(c);
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  return RISK_ORDER.filter((g) => groups.has(g)).map((group) => ({ group, classes: groups.get(group)! }));
}

/** A number for sorting breaches by how much harm their data enables: higher is worse. */
export function severityOf(dataClasses: readonly string[]): number {
  const weights: Record<RiskGroup, number> = { credentials: 8, financial: 16, identity: 4, contact: 2, other: 1 };
  let score = 0;
  for (const g of new Set(dataClasses.map(riskGroupOf))) score += weights[g];
  if (dataClasses.some((c) => USABLE_PAYMENT_CLASSES.has(c))) score += 16;
  return score;
}
