import { describe, expect, it } from 'vitest';
import { formatCount, formatPartialDate } from '../../src/core/format-date';
import { comparePartialDates, isPartialDate } from '../../src/core/partial-date';

describe('partial dates', () => {
  it.each(['2017', '2017-05', '2017-05-05', '2024-02-29'])('accepts %s', (d) => expect(isPartialDate(d)).toBe(true));
  it.each(['17', '2017-5', '2017-13', '2017-00', '2017-02-29', '2017-04-31', '2017-05-05T00:00', ''])(
    'rejects %s',
    (d) => expect(isPartialDate(d)).toBe(false),
  );
  it('compares only as precisely as both dates are known', () => {
    expect(comparePartialDates('2017', '2017-05')).toBe(0);
    expect(comparePartialDates('2017-04', '2017-05-01')).toBeLessThan(0);
    expect(comparePartialDates('2018', '2017-12-31')).toBeGreaterThan(0);
  });
  it('formats as precisely as it is known', () => {
    expect(formatPartialDate('2017')).toBe('2017');
    expect(formatPartialDate('2017-02')).toBe('Feb 2017');
    expect(formatPartialDate('2017-05-05')).toBe('5 May 2017');
    expect(formatCount(26000)).toBe('26,000');
  });
  it("writes dates and counts as Intl's en-GB does, without making a formatter", () => {
    const month = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    for (let m = 1; m <= 12; m++) {
      const mm = String(m).padStart(2, '0');
      expect(formatPartialDate(`2019-${mm}`)).toBe(month.format(Date.UTC(2019, m - 1, 1)));
      expect(formatPartialDate(`2019-${mm}-07`)).toBe(day.format(Date.UTC(2019, m - 1, 7)));
      expect(formatPartialDate(`2008-${mm}-28`)).toBe(day.format(Date.UTC(2008, m - 1, 28)));
    }
    const count = new Intl.NumberFormat('en-GB');
    for (const n of [0, 7, 999, 1000, 6918, 26000, 223000, 1234567, 19800000, -4321, Number.MAX_SAFE_INTEGER, 2.5])
      expect(formatCount(n)).toBe(count.format(n));
  });
});
