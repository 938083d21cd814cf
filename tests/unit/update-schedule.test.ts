import { describe, expect, it } from 'vitest';
import {
  conditionalHeaders,
  DAY_MS,
  FIRST_RETRY_MS,
  HOUR_MS,
  INITIAL_UPDATE_STATE,
  isCheckDue,
  nextCheckDelay,
  parseRetryAfter,
  recordCheck,
} from '../../src/core/update-schedule';

const T0 = Date.UTC(2026, 10, 23, 9);

describe('when the next check is due', () => {
  it('waits a day after a success, spread over an hour so installs do not ask at once', () => {
    expect(nextCheckDelay(0, 0)).toBe(DAY_MS);
    expect(nextCheckDelay(0, 0.999)).toBeLessThan(DAY_MS + HOUR_MS);
    expect(nextCheckDelay(0, 0.5)).toBeGreaterThan(DAY_MS);
  });

  it('backs off after failures: 30 min, doubling each time, never more than a day', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => nextCheckDelay(n, 0.5));
    expect(delays.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32].map((x) => x * FIRST_RETRY_MS));
    expect(delays.slice(6)).toEqual([DAY_MS, DAY_MS, DAY_MS]);
  });

  it('jitters a retry by at most 10% either way', () => {
    expect(nextCheckDelay(1, 0)).toBe(0.9 * FIRST_RETRY_MS);
    expect(nextCheckDelay(1, 0.99999)).toBeCloseTo(1.1 * FIRST_RETRY_MS, -2);
  });

  it('waits as long as the server asks (Retry-After), up to a day', () => {
    expect(nextCheckDelay(1, 0.5, 5 * HOUR_MS)).toBe(5 * HOUR_MS);
    expect(nextCheckDelay(1, 0.5, 3 * DAY_MS)).toBe(DAY_MS);
  });

  it('is due when never checked, and from the time the last check set', () => {
    expect(isCheckDue(INITIAL_UPDATE_STATE, T0)).toBe(true);
    expect(isCheckDue({ failures: 0, nextCheck: T0 + 1 }, T0)).toBe(false);
    expect(isCheckDue({ failures: 0, nextCheck: T0 }, T0)).toBe(true);
  });
});

describe('what a check leaves behind', () => {
  it('counts failures in a row, keeps the last reason after a success, and resets the count', () => {
    let s = recordCheck(INITIAL_UPDATE_STATE, 'failed', T0, 0.5, { reason: 'the server answered 500' });
    expect(s).toEqual({
      lastCheck: T0,
      lastOutcome: 'failed',
      lastError: { at: T0, reason: 'the server answered 500' },
      failures: 1,
      nextCheck: T0 + FIRST_RETRY_MS,
    });
    s = recordCheck(s, 'rejected', T0 + 1, 0.5, { reason: 'not valid JSON' });
    expect(s.failures).toBe(2);
    expect(s.nextCheck).toBe(T0 + 1 + 2 * FIRST_RETRY_MS);
    s = recordCheck(s, 'unchanged', T0 + 2, 0);
    expect(s).toMatchObject({
      failures: 0,
      lastOutcome: 'unchanged',
      lastError: { at: T0 + 1, reason: 'not valid JSON' },
    });
    expect(s.nextCheck).toBe(T0 + 2 + DAY_MS);
  });
});

describe('conditional requests', () => {
  it('sends the validators of the list in use, and none without one', () => {
    expect(conditionalHeaders({})).toEqual({});
    expect(conditionalHeaders({ etag: 'W/"abc"', lastModified: 'Tue, 01 Sep 2026 10:00:00 GMT' })).toEqual({
      'If-None-Match': 'W/"abc"',
      'If-Modified-Since': 'Tue, 01 Sep 2026 10:00:00 GMT',
    });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120', T0)).toBe(120_000);
    expect(parseRetryAfter(new Date(T0 + 3 * HOUR_MS).toUTCString(), T0)).toBe(3 * HOUR_MS);
    expect(parseRetryAfter('soon', T0)).toBe(0);
    expect(parseRetryAfter(null, T0)).toBe(0);
  });
});
