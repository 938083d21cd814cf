import { withinAgeWindow } from './alert-bookkeeping';

// How loudly a breach speaks: one rule for the badge, the alert, the card and its steps (issue #22).
// A breach the public learned of within RECENT_YEARS keeps the red badge, the alert and "now" steps; an older one
// is calm, and its steps are checks ("if you have not changed it since 2012"). What the company has already done
// (reissued cards, reset passwords) and what it said was not taken change the steps, not the alarm.

/** Breaches made public within this many years raise the alarm; also the default of the alert age setting. */
export const RECENT_YEARS = 3;
/** A company's own hotline older than this "may no longer run". */
export const HOTLINE_YEARS = 2;

export type Alarm = 'recent' | 'old';

export interface Dated {
  breachDate: string;
  /** When the company or a regulator made it public (curated entries). */
  disclosedDate?: string | null | undefined;
  /** When Have I Been Pwned loaded it: for HIBP entries, when it became known. */
  addedDate?: string | undefined;
  /** The worker's summaries carry the result of knownSinceOf instead of the two dates (only where it differs). */
  knownSince?: string | undefined;
}

/** The day the breach became known: its disclosure, else its listing by HIBP, else the breach itself. */
export function knownSinceOf(b: Dated): string {
  return b.knownSince ?? b.disclosedDate ?? b.addedDate ?? b.breachDate;
}

/** Whether a breach still raises the alarm at `now`. */
export function breachAlarm(b: Dated, now: number): Alarm {
  return withinAgeWindow(knownSinceOf(b), RECENT_YEARS, now) ? 'recent' : 'old';
}

/** Whether a company hotline, dated by the breach's disclosure, may have stopped running. */
export function hotlineMayHaveEnded(b: Dated, now: number): boolean {
  return !withinAgeWindow(knownSinceOf(b), HOTLINE_YEARS, now);
}
