// A page's style sheet without making its start-up script wait for it (issue #15). A module script does not run
// until the style sheets parsed before it have loaded: measured in the toolbar popup, its script started 4-5 ms
// after the HTML was parsed with the sheet linked and 1.5-2 ms without. So the build links the sheet of the pages
// in its DEFERRED_SHEET list as `media="print"`, which fetches it without blocking anything, and the page's script
// calls `styleSheetApplied` alongside its first reads and renders once both are done: the first render is styled,
// and the sheet loads while the script starts and reads.

/** The sheet the build linked as print-only, applied to the screen once loaded (at once if it already is). */
export function styleSheetApplied(doc: Document = document): Promise<void> {
  const link = doc.querySelector<HTMLLinkElement>('link[rel="stylesheet"][media="print"]');
  if (!link) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const apply = () => {
      link.media = 'all';
      resolve();
    };
    // `sheet` is set once the file has loaded and been parsed, whatever its media.
    if (link.sheet) return apply();
    link.addEventListener('load', apply, { once: true });
    // A sheet that failed to load is applied as it is: the page still renders, unstyled rather than blank.
    link.addEventListener('error', apply, { once: true });
  });
}
