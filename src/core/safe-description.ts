import { Parser } from 'htmlparser2';
import { escapeHtml } from './escape-html';

export { escapeHtml };

// Breach descriptions from Have I Been Pwned are HTML. We never pass them through as they are:
// this DOM-free converter (it runs at build time and in a service worker alike) keeps text,
// http(s) links and emphasis, and drops every other tag, attribute and script or style content.

export interface SafeDescription {
  /** Plain text, entities decoded, white space folded. */
  text: string;
  /** Markup with only <a href="http(s)://..." target="_blank" rel="noopener noreferrer">, <em>, <strong>. */
  html: string;
}

const EMPHASIS: Record<string, string> = { em: 'em', i: 'em', strong: 'strong', b: 'strong' };
const DROP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math']);

/** True for an absolute http(s) URL; anything else (javascript:, data:, relative) is no link. */
export function isHttpUrl(href: string): boolean {
  try {
    const u = new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Converts description HTML into plain text and a small allow-listed markup. */
export function toSafeDescription(html: string): SafeDescription {
  let text = '';
  let out = '';
  let dropDepth = 0;
  // For each open element we kept, the closing tag to write (or '' when we dropped the tag).
  const open: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (DROP_CONTENT.has(name)) dropDepth++;
        let close = '';
        if (dropDepth === 0) {
          if (name === 'a' && attrs.href !== undefined && isHttpUrl(attrs.href)) {
            out += `<a href="${escapeHtml(new URL(attrs.href.trim()).href)}" target="_blank" rel="noopener noreferrer">`;
            close = '</a>';
          } else if (EMPHASIS[name]) {
            out += `<${EMPHASIS[name]}>`;
            close = `</${EMPHASIS[name]}>`;
          } else if (name === 'br' || name === 'p' || name === 'li') {
            text += ' ';
            out += ' ';
          }
        }
        open.push(close);
      },
      ontext(data) {
        if (dropDepth > 0) return;
        text += data;
        out += escapeHtml(data);
      },
      onclosetag(name) {
        const close = open.pop() ?? '';
        if (dropDepth === 0) out += close;
        if (DROP_CONTENT.has(name) && dropDepth > 0) dropDepth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  // Close anything the input left open, so the markup is always balanced.
  while (open.length) out += open.pop();
  return { text: text.replace(/\s+/g, ' ').trim(), html: out.replace(/\s+/g, ' ').trim() };
}
