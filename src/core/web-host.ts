// Turns whatever is in the address bar into the host we look up, or says why there is none.
// The WHATWG URL parser does the hard parts (IDN to punycode, lower-casing, userinfo,
// percent-decoding of hosts), so `https://coop.co.uk@evil.example/` is evil.example.

export type NotApplicableReason =
  | 'invalid-url' // not a URL at all
  | 'not-web' // chrome:, about:, file:, data:, javascript:, blob:, extension pages ...
  | 'ip-address'
  | 'no-site'; // localhost, a single label, or a public suffix alone

export type WebHost = { ok: true; host: string } | { ok: false; reason: NotApplicableReason };

const MAX_HOST_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A URL as the browser hands over tab URLs: scheme, a lower-case ASCII host whose last label starts with a letter
 * (so it cannot be an IPv4 form such as 0x7f.1), an optional port, then the path. For these the host is read
 * straight from the string: the WHATWG parser would return it unchanged, and it is about half of a lookup's time.
 * Everything else (upper case, userinfo, escapes, punycode to validate, odd spacing) takes the parser.
 */
const NORMALISED_WEB_URL = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?)(?::(\d{1,5}))?(?:[/?#]|$)/;

/** Parses a URL and returns its normalised host when it is an http(s) site we can look up. */
export function webHostOf(input: string): WebHost {
  const fast = NORMALISED_WEB_URL.exec(input);
  if (fast && !fast[1]!.includes('xn--') && (fast[2] === undefined || Number(fast[2]) <= 65535)) {
    return normaliseHost(fast[1]!);
  }
  return webHostOfParsed(input);
}

/** webHostOf through the WHATWG URL parser alone (the reference the fast path is tested against). */
export function webHostOfParsed(input: string): WebHost {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'invalid-url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'not-web' };
  return normaliseHost(url.hostname);
}

/**
 * Like webHostOf, but also accepts a bare host ("coop.co.uk", "shop.coop.co.uk/path") by reading it
 * as https: what a person types into a command line.
 */
export function webHostOfLoose(input: string): WebHost {
  const trimmed = input.trim();
  if (trimmed !== '' && !SCHEME.test(trimmed) && !/\s/.test(trimmed)) return webHostOf(`https://${trimmed}`);
  return webHostOf(trimmed);
}

/** Lower-cases, trims one trailing dot and rejects hosts that are no site: IPs, single labels. */
export function normaliseHost(hostname: string): WebHost {
  let host = hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[') || IPV4.test(host)) return { ok: false, reason: 'ip-address' };
  if (host === '' || host.length > MAX_HOST_LENGTH) return { ok: false, reason: 'invalid-url' };
  // Label lengths in one pass, without splitting: this runs on every navigation.
  let labels = 1;
  let labelStart = 0;
  for (let i = 0; i <= host.length; i++) {
    if (i < host.length && host.charCodeAt(i) !== 46 /* . */) continue;
    const length = i - labelStart;
    if (length === 0 || length > MAX_LABEL_LENGTH) return { ok: false, reason: 'invalid-url' };
    if (i < host.length) labels++;
    labelStart = i + 1;
  }
  if (labels < 2 || host.endsWith('.localhost')) return { ok: false, reason: 'no-site' };
  return { ok: true, host };
}
