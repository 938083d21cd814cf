import { conditionalHeaders, parseRetryAfter } from '../core/update-schedule';
import { BREACHES_URL } from '../shared/hibp-endpoint';

// Downloads Have I Been Pwned's whole public breach list: one GET of one fixed URL, with no query, cookie,
// referrer or key, so the request says nothing about the sites a person visits.

export { BREACHES_URL };

export interface DownloadLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const DOWNLOAD_LIMITS: DownloadLimits = { timeoutMs: 30_000, maxBytes: 10 * 1024 * 1024 };

export type Download =
  | { kind: 'not-modified' }
  | { kind: 'body'; body: string; etag?: string; lastModified?: string }
  /** `rejected`: the server answered, but with something we refuse to read (too large, not UTF-8). */
  | { kind: 'failed'; reason: string; rejected?: boolean; retryAfterMs?: number };

/** Reads at most `maxBytes` of a body, stopping the download as soon as it is over. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

export async function downloadBreachList(
  fetchFn: typeof fetch,
  validators: { etag?: string; lastModified?: string },
  now: number,
  limits: DownloadLimits = DOWNLOAD_LIMITS,
  url = BREACHES_URL,
): Promise<Download> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), limits.timeoutMs);
  try {
    const response = await fetchFn(url, {
      headers: { Accept: 'application/json', ...conditionalHeaders(validators) },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      // Our own validators decide; the browser's cache must not answer for the server.
      cache: 'no-store',
      // A redirect would take the request somewhere the person did not agree to.
      redirect: 'error',
      signal: abort.signal,
    });
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: 'failed',
        reason: `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), now),
      };
    }
    const tooLarge = `too large: more than ${limits.maxBytes} bytes`;
    const declared = Number(response.headers.get('Content-Length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'failed', reason: tooLarge, rejected: true };
    }
    const bytes = await readCapped(response, limits.maxBytes);
    if (!bytes) return { kind: 'failed', reason: tooLarge, rejected: true };
    let body: string;
    try {
      body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { kind: 'failed', reason: 'not UTF-8 text', rejected: true };
    }
    return {
      kind: 'body',
      body,
      ...(response.headers.get('ETag') ? { etag: response.headers.get('ETag')! } : {}),
      ...(response.headers.get('Last-Modified') ? { lastModified: response.headers.get('Last-Modified')! } : {}),
    };
  } catch (e) {
    if (abort.signal.aborted) return { kind: 'failed', reason: `no answer within ${limits.timeoutMs / 1000} s` };
    return { kind: 'failed', reason: `network error (${(e as Error).message || String(e)})` };
  } finally {
    clearTimeout(timer);
  }
}
