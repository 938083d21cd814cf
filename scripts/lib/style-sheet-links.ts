// The one pattern for a page's style sheet links, shared by the build (vite.config.ts joins and rewrites them) and
// the size check (scripts/check-size.ts counts them), so the two cannot disagree on what a link is.

/** A page's style sheet link, with the file's path (no leading slash) in group 1. */
export const STYLE_SHEET_LINK = /<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g;

/** The style sheets a page's HTML links, in order (paths without the leading slash). */
export const styleSheetsIn = (html: string): string[] => [...html.matchAll(STYLE_SHEET_LINK)].map((m) => m[1]!);
