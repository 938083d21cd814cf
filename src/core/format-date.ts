import type { PartialDate } from './partial-date';

// Formatters are made once per locale and kind: making one costs far more than using it, and the alerts page
// formats a date for each of up to thousands of rows (issue #16).
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** Formats a partial ISO date for people, as precise as it is: "2017", "Feb 2017", "5 May 2017". */
export function formatPartialDate(date: PartialDate, locale = 'en-GB'): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return date;
  if (m === undefined) return String(y);
  const at = new Date(Date.UTC(y, m - 1, d ?? 1));
  const kind = d === undefined ? 'month' : 'day';
  return formatter(
    `${locale}|${kind}`,
    () =>
      new Intl.DateTimeFormat(
        locale,
        kind === 'month'
          ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
          : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
      ),
  ).format(at);
}

/** A moment (ms since the epoch) as a day in the person's own locale and time zone: "25 Nov 2026". */
export function formatLocalDay(ms: number, month: 'short' | 'long' = 'short'): string {
  return formatter(
    `local|${month}`,
    () => new Intl.DateTimeFormat(undefined, { day: 'numeric', month, year: 'numeric' }),
  ).format(ms);
}

/** Formats a count with thousands separators: 26000 → "26,000". */
export function formatCount(n: number, locale = 'en-GB'): string {
  return formatter(`${locale}|count`, () => new Intl.NumberFormat(locale)).format(n);
}
