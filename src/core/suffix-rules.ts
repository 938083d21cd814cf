// The ICANN public suffixes with more than one label (co.uk, com.mx, ac.uk, *.kawasaki.jp), as a set the worker
// loads only when it checks a downloaded breach list. Every single-label name is a suffix by itself (a breach
// domain must have a dot), so the top-level domains need no entry. Pure: the caller reads the text.

/** Where the rules file (data/psl/icann-suffixes.txt) is in the package. */
export const SUFFIX_RULES_PATH = 'data/icann-suffixes.txt';

export interface SuffixRules {
  /** Whether `domain` (lower case, ASCII) is itself a public suffix: a whole registry, never one site. */
  isPublicSuffix(domain: string): boolean;
  readonly size: number;
}

/**
 * Reads the rules file: one rule per line in the Public Suffix List's own syntax (`co.uk`, `*.ck`, `!www.ck`);
 * blank lines and `//` comments are skipped. A line that is not a rule throws, naming it.
 */
export function parseSuffixRules(text: string): SuffixRules {
  const rules = new Set<string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    if (!/^(\*\.|!)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(line) && !/^\*\.[a-z0-9-]+$/.test(line))
      throw new Error(`suffix rules line ${i + 1}: "${line.slice(0, 80)}" is not a public suffix rule`);
    rules.add(line);
  }
  return {
    size: rules.size,
    isPublicSuffix(domain) {
      const dot = domain.indexOf('.');
      if (dot < 0) return true;
      if (rules.has(domain)) return true;
      // A wildcard (*.ck) makes every name directly under it a suffix, except the ones the list excepts (!www.ck).
      return rules.has(`*.${domain.slice(dot + 1)}`) && !rules.has(`!${domain}`);
    },
  };
}
