// A prebuilt, hashed layout of the domain index for large datasets: it loads from one ArrayBuffer without
// parsing or building a Map, and a lookup hashes the host once, right to left, so that every label suffix's
// hash falls out of the same pass. Same answers as the Map index (tests compare them).

export interface CompactIndex {
  /** All domains, each followed by "\n". */
  keys: string;
  /** Where each domain starts in `keys`; offsets[n] is keys.length. */
  offsets: Uint32Array;
  /**
   * Open-addressing table of triples [domain number + 1 (0 = empty), the domain's full 32-bit hash, its one
   * breach number or NO_SINGLE]; the number of triples is a power of two. A probe compares the hash first and
   * reads the key string (a cache miss in a large table) only when it matches, which is almost only for the
   * domain itself; a domain with one breach (nearly all) answers from the slot, without reading the postings.
   */
  slots: Uint32Array;
  /** Breach numbers of domain i are post[postStart[i] .. postStart[i + 1]). */
  postStart: Uint32Array;
  post: Uint32Array;
}

/** Stride of a slot in `slots`, and the marker of a domain with several breaches. */
const SLOT = 3;
const NO_SINGLE = 0xffffffff;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the characters from the last to the first (so suffixes hash in one pass of a host). */
function hashBackwards(s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = to - 1; i >= from; i--) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

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
  const offsets = new Uint32Array(n + 1);
  const postStart = new Uint32Array(n + 1);
  const post = new Uint32Array([...byDomain.values()].reduce((sum, l) => sum + l.length, 0));
  let size = 1;
  while (size < n * 2) size <<= 1;
  const slots = new Uint32Array(size * SLOT);
  let keyLength = 0;
  let p = 0;
  domains.forEach((d, i) => {
    offsets[i] = keyLength;
    keyLength += d.length + 1;
    postStart[i] = p;
    const postings = byDomain.get(d)!;
    for (const b of postings) post[p++] = b;
    const hash = hashBackwards(d, 0, d.length);
    let slot = hash & (size - 1);
    while (slots[slot * SLOT] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot * SLOT] = i + 1;
    slots[slot * SLOT + 1] = hash;
    slots[slot * SLOT + 2] = postings.length === 1 ? postings[0]! : NO_SINGLE;
  });
  offsets[n] = keyLength;
  postStart[n] = p;
  return { keys: domains.map((d) => `${d}\n`).join(''), offsets, slots, postStart, post };
}

/** The breach numbers whose domain is `host` or one of its parent domains, on label boundaries. */
export function compactLookup(index: CompactIndex, host: string): number[] {
  const { keys, offsets, slots, postStart, post } = index;
  const mask = slots.length / SLOT - 1;
  // Matched domain numbers, shortest suffix first (rarely more than one), and the first one's slot.
  let first = -1;
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
    const len = host.length - i;
    const hash = h >>> 0;
    for (let slot = hash & mask; slots[slot * SLOT] !== 0; slot = (slot + 1) & mask) {
      if (slots[slot * SLOT + 1] !== hash) continue;
      const d = slots[slot * SLOT]! - 1;
      const start = offsets[d]!;
      if (offsets[d + 1]! - start - 1 !== len) continue;
      let k = 0;
      while (k < len && keys.charCodeAt(start + k) === host.charCodeAt(i + k)) k++;
      if (k !== len) continue;
      if (first < 0) {
        first = d;
        firstSlot = slot;
      } else (more ??= []).push(d);
      break;
    }
  }
  if (first < 0) return [];
  if (!more && slots[firstSlot * SLOT + 2] !== NO_SINGLE) return [slots[firstSlot * SLOT + 2]!];
  // Most specific domain first, as the Map index answers; a breach listed under two suffixes once.
  const matched = [first, ...(more ?? [])].reverse();
  const found: number[] = [];
  for (const d of matched) {
    for (let q = postStart[d]!; q < postStart[d + 1]!; q++) if (!found.includes(post[q]!)) found.push(post[q]!);
  }
  return found;
}

/**
 * One ArrayBuffer holding the whole layout: [counts][offsets][slots][postStart][post][keys, one byte each].
 * Keys are ASCII: breach domains are punycode by schema.
 */
export function serialiseCompactIndex(index: CompactIndex): ArrayBuffer {
  const parts = [index.offsets, index.slots, index.postStart, index.post];
  const header = new Uint32Array([
    index.offsets.length,
    index.slots.length,
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
  const [nOffsets, nSlots, nPostStart, nPost, nKeys] = new Uint32Array(buffer, 0, 5) as unknown as number[];
  let at = 20;
  const take = (n: number) => {
    const a = new Uint32Array(buffer, at, n);
    at += n * 4;
    return a;
  };
  const offsets = take(nOffsets!);
  const slots = take(nSlots!);
  const postStart = take(nPostStart!);
  const post = take(nPost!);
  const keys = new TextDecoder('ascii').decode(new Uint8Array(buffer, at, nKeys!));
  return { keys, offsets, slots, postStart, post };
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
