// A page's styles applied by its start-up script, with no style sheet to fetch (issue #15). A linked sheet either
// holds the page's module script back until it has loaded (measured in the toolbar popup: the script started
// 4-5 ms after the HTML was parsed with the sheet linked, 1.5-2 ms without) or, linked print-only and applied when
// it arrives, came in after the popup's reads in most opens. The build gives the CSS to the script as text
// (`?inline`), and a constructed sheet is in force before the first render. Constructed sheets are not inline
// styles, so the pages' CSP (style-src 'self' through default-src) allows them.

/** Applies `css` to `doc` with one constructed style sheet, after any it already has. */
export function adoptStyles(doc: Document, ...css: string[]): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css.join('\n'));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
