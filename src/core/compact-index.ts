// A prebuilt, hashed layout of the domain index for large datasets: it loads from one ArrayBuffer without
// parsing or building a Map, and a lookup hashes the host once, right to left, so that every label suffix's
// hash falls out of the same pass. Same answers as the Map index (tests compare them).

export interface CompactIndex {
  /** All domains, each followed by "\n" (a key compare stops there, so no table of key offsets is needed). */
  keys: string;
  /**
   * Open-addressing table of triples [where the domain starts in `keys` + 1 (0 = empty), the domain's full 32-bit
   * hash, its one breach number or MULTI | its domain number]; the number of triples is a power of two. A probe
   * compares the hash first and reads the key string (a cache miss in a large table) only when it matches, which
   * is almost only for the domain itself; a domain with one breach (nearly all) answers from the slot.
   */
  slots: Uint32Array;
  /**
   * One bit per bucket of a second mix of each domain's hash, about 16 bits per domain (2 MB at a million
   * domains): most label suffixes of a host are no breach domain, and the filter answers those without touching
   * the large slot table (issue #15: a lookup at 1M domains was cache misses, not work). Empty below
   * FILTER_FROM domains, where the whole table stays in cache and the filter would only add work.
   */
  filter: Uint32Array;
  /** Breach numbers of domain i (for domains with several) are post[postStart[i] .. postStart[i + 1]). */
  postStart: Uint32Array;
  post: Uint32Array;
}

/** Stride of a slot in `slots`, and the mark of a domain with several breaches (its number in the low bits). */
const SLOT = 3;
const MULTI = 0x80000000;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Fibonacci hashing's multiplier: spreads the FNV hash again, so the filter's bit and the slot are independent. */
const GOLDEN = 0x9e3779b1;

/** FNV-1a over the characters from the last to the first (so suffixes hash in one pass of a host). */
function hashBackwards(s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = to - 1; i >= from; i--) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Measured (bench/bench.ts): at 10,000 domains the filter costs more than it saves; at 100,000 it pays. */
const FILTER_FROM = 50_000;

/** How far to shift a mixed hash right to get a bit number of a filter of `words` 32-bit words. */
const filterShift = (words: number) => 32 - Math.log2(words * 32);

/** Builds the layout from breaches' domain lists (breach number = position in the array). */
export function buildCompactIndex(breaches: readonly { domains: readonly string[] }[]): CompactIndex {
  const byDomain = new Map<string, number[]>();
  breaches.forEach((b, i) => {
    for (const d of b.domains) {
      const list = byDomain.get(d);
      if (!list) byDomain.set(d, [i]);
      else if (!list.includes(i)) list.push(i);
    }
  });
  const domains = [...byDomain.keys()];
  const n = domains.length;
  if (n >= MULTI) throw new Error('compact index: too many domains');
  const postStart = new Uint32Array(n + 1);
  const post = new Uint32Array([...byDomain.values()].reduce((sum, l) => sum + l.length, 0));
  let size = 1;
  while (size < n * 2) size <<= 1;
  const slots = new Uint32Array(size * SLOT);
  let words = n >= FILTER_FROM ? 2 : 0;
  while (words > 0 && words * 32 < n * 16) words <<= 1;
  const filter = new Uint32Array(words);
  const shift = words > 0 ? filterShift(words) : 0;
  let keyStart = 0;
  let p = 0;
  domains.forEach((d, i) => {
    postStart[i] = p;
    const postings = byDomain.get(d)!;
    for (const b of postings) post[p++] = b;
    const hash = hashBackwards(d, 0, d.length);
    if (words > 0) {
      const bit = Math.imul(hash, GOLDEN) >>> shift;
      filter[bit >>> 5]! |= 1 << (bit & 31);
    }
    let slot = hash & (size - 1);
    while (slots[slot * SLOT] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot * SLOT] = keyStart + 1;
    slots[slot * SLOT + 1] = hash;
    slots[slot * SLOT + 2] = postings.length === 1 ? postings[0]! : MULTI | i;
    keyStart += d.length + 1;
  });
  postStart[n] = p;
  return { keys: domains.map((d) => `${d}\n`).join(''), slots, filter, postStart, post };
}

/** The breach numbers whose domain is `host` or one of its parent domains, on label boundaries. */
export function compactLookup(index: CompactIndex, host: string): number[] {
  const { keys, slots, filter, postStart, post } = index;
  const mask = slots.length / SLOT - 1;
  const filtered = filter.length > 0;
  const shift = filtered ? filterShift(filter.length) : 0;
  // The slots of matched domains, shortest suffix first (rarely more than one).
  let firstSlot = -1;
  let more: number[] | null = null;
  let h = FNV_OFFSET;
  let sawDot = false;
  for (let i = host.length - 1; i >= 0; i--) {
    h = Math.imul(h ^ host.charCodeAt(i), FNV_PRIME);
    if (i > 0 && host.charCodeAt(i - 1) !== 46 /* . */) continue;
    // host.slice(i) is a whole-label suffix. A breach domain has two labels at least: skip the last label.
    if (!sawDot) {
      sawDot = true;
      if (i > 0) continue;
    }
    const hash = h >>> 0;
    if (filtered) {
      const bit = Math.imul(hash, GOLDEN) >>> shift;
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
    }
    const len = host.length - i;
    for (let slot = hash & mask; slots[slot * SLOT] !== 0; slot = (slot + 1) & mask) {
      if (slots[slot * SLOT + 1] !== hash) continue;
      const start = slots[slot * SLOT]! - 1;
      let k = 0;
      while (k < len && keys.charCodeAt(start + k) === host.charCodeAt(i + k)) k++;
      if (k !== len || keys.charCodeAt(start + len) !== 10 /* \n */) continue;
      if (firstSlot < 0) firstSlot = slot;
      else (more ??= []).push(slot);
      break;
    }
  }
  if (firstSlot < 0) return [];
  const only = slots[firstSlot * SLOT + 2]!;
  if (!more && (only & MULTI) === 0) return [only];
  // Most specific domain first, as the Map index answers; a breach listed under two suffixes once.
  const found: number[] = [];
  for (const slot of [firstSlot, ...(more ?? [])].reverse()) {
    const v = slots[slot * SLOT + 2]!;
    if ((v & MULTI) === 0) {
      if (!found.includes(v)) found.push(v);
      continue;
    }
    const d = v & ~MULTI;
    for (let q = postStart[d]!; q < postStart[d + 1]!; q++) if (!found.includes(post[q]!)) found.push(post[q]!);
  }
  return found;
}

/**
 * One ArrayBuffer holding the whole layout: [counts][slots][filter][postStart][post][keys, one byte each].
 * Keys are ASCII: breach domains are punycode by schema.
 */
export function serialiseCompactIndex(index: CompactIndex): ArrayBuffer {
  const parts = [index.slots, index.filter, index.postStart, index.post];
  const header = new Uint32Array([
    index.slots.length,
    index.filter.length,
    index.postStart.length,
    index.post.length,
    index.keys.length,
  ]);
  const bytes = header.byteLength + parts.reduce((n, a) => n + a.byteLength, 0) + index.keys.length;
  const buffer = new ArrayBuffer(bytes);
  new Uint32Array(buffer, 0, header.length).set(header);
  let at = header.byteLength;
  for (const a of parts) {
    new Uint32Array(buffer, at, a.length).set(a);
    at += a.byteLength;
  }
  const chars = new Uint8Array(buffer, at, index.keys.length);
  for (let i = 0; i < index.keys.length; i++) {
    const c = index.keys.charCodeAt(i);
    if (c > 0x7f)
      throw new Error(`compact index keys must be ASCII (punycode), found ${JSON.stringify(index.keys[i])}`);
    chars[i] = c;
  }
  return buffer;
}

/** Views over a serialised layout: no copy of the tables, one decode of the keys. */
export function loadCompactIndex(buffer: ArrayBuffer): CompactIndex {
  const [nSlots, nFilter, nPostStart, nPost, nKeys] = new Uint32Array(buffer, 0, 5) as unknown as number[];
  let at = 20;
  const take = (n: number) => {
    const a = new Uint32Array(buffer, at, n);
    at += n * 4;
    return a;
  };
  const slots = take(nSlots!);
  const filter = take(nFilter!);
  const postStart = take(nPostStart!);
  const post = take(nPost!);
  const keys = new TextDecoder('ascii').decode(new Uint8Array(buffer, at, nKeys!));
  return { keys, slots, filter, postStart, post };
}

/** Base64 of a serialised layout, for bundling it inside JSON. */
export function compactIndexToBase64(index: CompactIndex): string {
  const bytes = new Uint8Array(serialiseCompactIndex(index));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The layout back from base64 (atob is in browsers, workers and Node alike). */
export function compactIndexFromBase64(base64: string): CompactIndex {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return loadCompactIndex(bytes.buffer);
}
