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
});
