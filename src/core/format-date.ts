import type { PartialDate } from './partial-date';

// Formatters are made once per locale and kind: making one costs far more than using it, and the alerts page
// formats a date for each of up to thousands of rows (issue #16).
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

// Breach dates and counts are written in British English whatever the browser's language (the texts around them
// are). They are written out here rather than by Intl: making a formatter costs far more than using it, and the
// popup's first card made two for its dates and one for its count, about 0.6 ms of its start (issue #15). The
// output is Intl's for en-GB, "Sept" included (tests/unit/dates.test.ts compares every month and several counts).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;

/** Formats a partial ISO date for people, as precise as it is: "2017", "Feb 2017", "5 May 2017". */
export function formatPartialDate(date: PartialDate): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return date;
  if (m === undefined) return String(y);
  const month = MONTHS[m - 1];
  if (month === undefined) return date;
  return d === undefined ? `${month} ${y}` : `${d} ${month} ${y}`;
}

/** A moment (ms since the epoch) as a day in the person's own locale and time zone: "25 Nov 2026". */
export function formatLocalDay(ms: number, month: 'short' | 'long' = 'short'): string {
  return formatter(
    `local|${month}`,
    () => new Intl.DateTimeFormat(undefined, { day: 'numeric', month, year: 'numeric' }),
  ).format(ms);
}

/** Formats a count with thousands separators: 26000 → "26,000" (Intl's en-GB for what is not a whole number). */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return formatter('en-GB|count', () => new Intl.NumberFormat('en-GB')).format(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
