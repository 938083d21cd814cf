import { describe, expect, it } from 'vitest';
import { BREACHES_URL, downloadBreachList } from '../../src/background/download-list';

const T0 = Date.UTC(2026, 10, 23, 9);
const limits = { timeoutMs: 500, maxBytes: 1000 };

/** A fetch that records its calls and answers with `answer`. */
function fakeFetch(answer: (init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer(init);
  }) as unknown as typeof fetch;
  return { fn, calls };
}

/** A body of `total` bytes made on demand, counting how much was pulled. */
function endlessBody(total: number, chunk = 100) {
  const pulled = { bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled.bytes >= total) return c.close();
      pulled.bytes += chunk;
      c.enqueue(new Uint8Array(chunk).fill(0x20));
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  return { stream, pulled };
}

describe('downloading the breach list', () => {
  it('asks the one fixed URL with no cookies, referrer, redirect or cache, and reads the body and validators', async () => {
    const { fn, calls } = fakeFetch(
      () =>
        new Response('[]', {
          status: 200,
          headers: { ETag: '"v2"', 'Last-Modified': 'Mon, 23 Nov 2026 08:00:00 GMT' },
        }),
    );
    const d = await downloadBreachList(fn, {}, T0, limits);
    expect(d).toEqual({ kind: 'body', body: '[]', etag: '"v2"', lastModified: 'Mon, 23 Nov 2026 08:00:00 GMT' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://haveibeenpwned.com/api/v3/breaches');
    expect(calls[0]!.url).toBe(BREACHES_URL);
    expect(calls[0]!.init).toMatchObject({
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
      headers: { Accept: 'application/json' },
    });
  });

  it('sends the validators it has and reports 304 as not modified', async () => {
    const { fn, calls } = fakeFetch(() => new Response(null, { status: 304 }));
    expect(await downloadBreachList(fn, { etag: '"v1"', lastModified: 'x' }, T0, limits)).toEqual({
      kind: 'not-modified',
    });
    expect(calls[0]!.init.headers).toEqual({
      Accept: 'application/json',
      'If-None-Match': '"v1"',
      'If-Modified-Since': 'x',
    });
  });

  it('reports an HTTP error with its status and the wait the server asked for', async () => {
    const { fn } = fakeFetch(
      () => new Response('busy', { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '600' } }),
    );
    expect(await downloadBreachList(fn, {}, T0, limits)).toEqual({
      kind: 'failed',
      reason: 'the server answered 503 Service Unavailable',
      retryAfterMs: 600_000,
    });
  });

  it('refuses a body that says it is too large without reading it', async () => {
    const { stream, pulled } = endlessBody(50_000);
    const { fn } = fakeFetch(() => new Response(stream, { headers: { 'Content-Length': '50000' } }));
    const d = await downloadBreachList(fn, {}, T0, limits);
    expect(d).toEqual({ kind: 'failed', reason: 'too large: more than 1000 bytes', rejected: true });
    expect(pulled.bytes).toBeLessThanOrEqual(1000);
  });

  it('stops reading a body without a length as soon as it passes the limit', async () => {
    const { stream, pulled } = endlessBody(50 * 1024 * 1024);
    const { fn } = fakeFetch(() => new Response(stream));
    const d = await downloadBreachList(fn, {}, T0, limits);
    expect(d).toMatchObject({ kind: 'failed', rejected: true, reason: 'too large: more than 1000 bytes' });
    expect(pulled.bytes).toBeLessThan(3000);
    expect(pulled.cancelled).toBe(true);
  });

  it('gives up after the timeout, also while the body is arriving', async () => {
    const hang = fakeFetch(
      (init) =>
        new Promise<Response>((_, reject) =>
          init.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    expect(await downloadBreachList(hang.fn, {}, T0, { ...limits, timeoutMs: 50 })).toEqual({
      kind: 'failed',
      reason: 'no answer within 0.05 s',
    });
    const slow = fakeFetch((init) => {
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('[{"Name":'));
          init.signal!.addEventListener('abort', () => c.error(new Error('aborted')));
        },
      });
      return new Response(stream);
    });
    expect(await downloadBreachList(slow.fn, {}, T0, { ...limits, timeoutMs: 50 })).toMatchObject({
      reason: 'no answer within 0.05 s',
    });
  });

  it('reports a network error and a body that is not UTF-8', async () => {
    const down = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await downloadBreachList(down.fn, {}, T0, limits)).toEqual({
      kind: 'failed',
      reason: 'network error (Failed to fetch)',
    });
    const binary = fakeFetch(() => new Response(new Uint8Array([0x5b, 0xff, 0xfe, 0x5d])));
    expect(await downloadBreachList(binary.fn, {}, T0, limits)).toEqual({
      kind: 'failed',
      reason: 'not UTF-8 text',
      rejected: true,
    });
  });
});
