import { knownSinceOf, type Dated } from './breach-urgency';
import { comparePartialDates } from './partial-date';

// "Am I affected?" answered from the person's own browsing history (issue #13): when they first used a breached
// site, set against when the breach happened and when it was made public. Pure: the worker reads the history.

/** What the history says of one site: only these three facts are ever stored, never the history itself. */
export interface SiteHistory {
  /** The earliest visit the history holds to any page of the site (ms since the epoch). */
  firstVisit: number;
  lastVisit: number;
  visits: number;
}

export type HistoryVerdict =
  /** The first visit was before the breach (the same month or year as a partial breach date counts): may be affected. */
  | 'before-breach'
  /** The first visit was after the breach began but before it was made public: may be affected. */
  | 'before-disclosure'
  /** The history does not reach back to the breach, so an older account is still possible. */
  | 'history-short'
  /** Every visit is after the breach was made public (and the history reaches back to the breach): probably not. */
  | 'after-disclosure';

export const HISTORY_VERDICTS: readonly HistoryVerdict[] = [
  'before-breach',
  'before-disclosure',
  'history-short',
  'after-disclosure',
];

/** The UTC calendar day of a time, as a partial date compares it. */
export const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The verdict for one breach of a site the history shows. `historyStart` is the oldest visit the whole history
 * holds (Chrome keeps about 90 days): a first visit is only a first visit if the history reaches back before it.
 * Partial dates compare by what they say, so a visit in "2018-06" is not after a breach of "2018-06" (or "2018"):
 * when in doubt, the verdict is the one that tells the person they may be affected.
 */
export function historyVerdict(site: SiteHistory, breach: Dated, historyStart: number): HistoryVerdict {
  const first = dayOf(site.firstVisit);
  if (comparePartialDates(first, breach.breachDate) <= 0) return 'before-breach';
  if (comparePartialDates(first, knownSinceOf(breach)) <= 0) return 'before-disclosure';
  // The history began after the breach (by what the breach date says): visits before it would not show.
  if (comparePartialDates(dayOf(Math.min(historyStart, site.firstVisit)), breach.breachDate) > 0)
    return 'history-short';
  return 'after-disclosure';
}

/** Whether a verdict says the person may be affected (the finding needs their attention). */
export const mayBeAffected = (v: HistoryVerdict) => v === 'before-breach' || v === 'before-disclosure';

/**
 * Whether "I was not a customer then" is ticked: the person's own choice when they made one, else what the history
 * clearly says (only visits after the breach was public, with history reaching back to the breach).
 */
export function notCustomerNow(
  progress: { notCustomer: boolean; notCustomerChosen?: boolean | undefined },
  verdict: HistoryVerdict | undefined,
): boolean {
  if (progress.notCustomerChosen) return progress.notCustomer;
  return progress.notCustomer || verdict === 'after-disclosure';
}
