// When the extension next asks for a newer breach list, and what it remembers about the last attempt.
// Pure: the worker hands in the clock and the dice, so the rules are tested without waiting a day.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** The first retry after a failure; each further failure doubles it, up to a day. */
export const FIRST_RETRY_MS = 30 * 60_000;

export type CheckOutcome =
  /** A new list passed the checks and is in use. */
  | 'updated'
  /** The server said the list has not changed since the one in use (304). */
  | 'unchanged'
  /** A list arrived but failed the checks (malformed, too large, suspicious): the previous data stays. */
  | 'rejected'
  /** No list arrived: network error, timeout or an HTTP error status. */
  | 'failed';

export interface UpdateState {
  /** When the last check finished. */
  lastCheck?: number;
  lastOutcome?: CheckOutcome;
  /** The last rejection or failure, kept after later successes so the options page can tell what happened. */
  lastError?: { at: number; reason: string };
  /** Rejections and failures in a row since the last success. */
  failures: number;
  /** When the next automatic check is due. */
  nextCheck?: number;
}

export const INITIAL_UPDATE_STATE: UpdateState = { failures: 0 };

/**
 * The wait before the next check: a day (plus up to an hour, so that installs do not all ask at once) after
 * a success; after failures 30 min, 1 h, 2 h … up to a day; a server's Retry-After may lengthen a wait, never past a day.
 * `random` is in [0, 1).
 */
export function nextCheckDelay(failures: number, random: number, retryAfterMs = 0): number {
  if (failures === 0) return DAY_MS + Math.floor(random * HOUR_MS);
  const backoff = Math.min(DAY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 16));
  // ±10% jitter keeps clients that failed together from retrying together.
  const jittered = Math.round(backoff * (0.9 + 0.2 * random));
  return Math.min(DAY_MS, Math.max(jittered, retryAfterMs));
}

/** The state after one check. */
export function recordCheck(
  state: UpdateState,
  outcome: CheckOutcome,
  now: number,
  random: number,
  detail: { reason?: string; retryAfterMs?: number } = {},
): UpdateState {
  const success = outcome === 'updated' || outcome === 'unchanged';
  const failures = success ? 0 : state.failures + 1;
  return {
    lastCheck: now,
    lastOutcome: outcome,
    ...(success
      ? state.lastError
        ? { lastError: state.lastError }
        : {}
      : { lastError: { at: now, reason: capReason(detail.reason ?? outcome) } }),
    failures,
    nextCheck: now + nextCheckDelay(failures, random, detail.retryAfterMs),
  };
}

/** Whether an automatic check is due (a missing time means never checked: due now). */
export function isCheckDue(state: UpdateState, now: number): boolean {
  return state.nextCheck === undefined || state.nextCheck <= now;
}

/** The validators of the list in use, as conditional request headers: the server answers 304 if unchanged. */
export function conditionalHeaders(validators: { etag?: string; lastModified?: string }): Record<string, string> {
  return {
    ...(validators.etag ? { 'If-None-Match': validators.etag } : {}),
    ...(validators.lastModified ? { 'If-Modified-Since': validators.lastModified } : {}),
  };
}

/** Reads a Retry-After header (seconds or an HTTP date) as milliseconds from `now`; 0 when absent or odd. */
export function parseRetryAfter(value: string | null, now: number): number {
  if (!value) return 0;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

/** The longest reason stored and shown: a hostile answer cannot fill storage or the settings page with text. */
export const MAX_REASON_LENGTH = 300;

/** A failure's reason, cut to MAX_REASON_LENGTH characters. */
export function capReason(reason: string): string {
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
}
