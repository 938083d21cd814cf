import type { PartialDate } from './partial-date';

/** Formats a partial ISO date for people, as precise as it is: "2017", "Feb 2017", "5 May 2017". */
export function formatPartialDate(date: PartialDate, locale = 'en-GB'): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return date;
  if (m === undefined) return String(y);
  const at = new Date(Date.UTC(y, m - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions =
    d === undefined
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(at);
}

/** Formats a count with thousands separators: 26000 → "26,000". */
export function formatCount(n: number, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale).format(n);
}
