import DOMPurify from 'dompurify';
import { escapeHtml } from '../core/escape-html';

// Loaded on demand by SafeHtml, so DOMPurify weighs on the popup only when a breach has markup.
// Dataset descriptions may carry markup (HIBP's are HTML). The data build already reduced it to links and
// emphasis; it is sanitised again here, in the page, because updated data (issue #6) arrives at run time.

const ALLOWED = { ALLOWED_TAGS: ['a', 'em', 'strong'], ALLOWED_ATTR: ['href'], ALLOW_DATA_ATTR: false };

let hooked = false;
function ensureLinkHook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
}

/** Markup reduced to http(s) links (opening in a new tab) and emphasis. */
export function sanitiseDescription(html: string): string {
  // DOMPurify returns its input untouched where it cannot work; fail closed and show the markup as text.
  if (!DOMPurify.isSupported) return escapeHtml(html);
  ensureLinkHook();
  return DOMPurify.sanitize(html, { ...ALLOWED, ADD_ATTR: ['target', 'rel'] });
}
