// Deterministic synthetic breach datasets for benchmarks: realistic host names across many public suffixes.

const SUFFIXES = [
  'com',
  'co.uk',
  'org',
  'net',
  'de',
  'fr',
  'ie',
  'io',
  'co',
  'com.au',
  'co.nz',
  'ca',
  'nl',
  'es',
  'it',
  'se',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'co.jp',
  'com.br',
  'in',
  'eu',
  'ch',
  'at',
  'be',
  'dk',
  'pl',
  'pt',
  'shop',
];
const SYLLABLES = [
  'shop',
  'mart',
  'ly',
  'net',
  'go',
  'pay',
  'cloud',
  'data',
  'tech',
  'home',
  'store',
  'book',
  'travel',
  'fit',
  'play',
  'bank',
  'mail',
  'hub',
  'zone',
  'one',
  'top',
  'max',
  'pro',
  'web',
  'app',
  'box',
];

/** A small, fast, seeded pseudo-random generator (mulberry32), so every run builds the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticBreach {
  id: string;
  title: string;
  domains: string[];
  breachDate: string;
  sensitive: boolean;
}

/** `count` distinct breach domains, one or two per breach, with the public suffixes they use. */
export function syntheticDataset(count: number, seed = 42): { breaches: SyntheticBreach[]; suffixes: string[] } {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const seen = new Set<string>();
  const breaches: SyntheticBreach[] = [];
  let i = 0;
  while (seen.size < count) {
    const name = `${pick(SYLLABLES)}${pick(SYLLABLES)}${Math.floor(rand() * 100_000)}`;
    const domains = [`${name}.${pick(SUFFIXES)}`];
    if (rand() < 0.2) domains.push(`${name}.${pick(SUFFIXES)}`);
    const fresh = domains.filter((d) => !seen.has(d)).slice(0, count - seen.size);
    if (!fresh.length) continue;
    fresh.forEach((d) => seen.add(d));
    breaches.push({ id: `b${i++}`, title: name, domains: fresh, breachDate: '2020-01', sensitive: false });
  }
  return { breaches, suffixes: SUFFIXES };
}

/** URLs to look up: half hit a breach domain (often through a subdomain), half miss. */
export function lookupUrls(domains: readonly string[], n: number, seed = 7): { hits: string[]; misses: string[] } {
  const rand = seeded(seed);
  const hits: string[] = [];
  const misses: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = domains[Math.floor(rand() * domains.length)]!;
    hits.push(`https://${rand() < 0.5 ? 'www.' : 'shop.eu.'}${d}/basket?item=${i}`);
    misses.push(`https://www.not-${d.replace(/\./g, '-')}.example/page/${i}`);
  }
  return { hits, misses };
}
