import type { SafeDescription } from './safe-description';

// A downloaded breach's description as the worker keeps it: the markup as it came, which the page that shows it
// reduces to links and emphasis with DOMPurify (src/popup/sanitise-description.ts) before it reaches the DOM, and a
// plain text for the moment before that, or for where the sanitiser cannot run. Without an HTML parser, because a
// service worker cannot load one on demand, and an always-loaded one would double the worker (its entity tables
// alone outweigh the rest); the build still reduces the bundled descriptions with one (safe-description.ts).

const DROPPED = /<(script|style|template|noscript|iframe|object|svg|math)\b[\s\S]*?(<\/\1\s*>|$)/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // Lone surrogates and NUL would make a string that renders oddly; anything else is one character.
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** The markup untouched (for the page's sanitiser) and a plain text: tags removed, common entities decoded. */
export function describeForPage(html: string): SafeDescription {
  // Tags that break a line become a space, as in the build's converter; inline ones (a, em) vanish.
  const text = decodeEntities(
    html
      .replace(DROPPED, ' ')
      .replace(/<\/?(br|p|li|div|tr|h[1-6])\b[^>]*>?/gi, ' ')
      .replace(/<[^>]*>?/g, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
  return { text, html: html.trim() };
}
