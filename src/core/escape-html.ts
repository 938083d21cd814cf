// Apart from safe-description.ts, so that pages can escape text without loading the HTML parser.

/** Escapes text for HTML, attributes included. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
