// Kept apart from hibp-convert.ts so that pages can name HIBP entries without loading the HTML parser.

/** A stable id from the HIBP Name: "hibp-" + lower-case letters, digits and hyphens. */
export function hibpId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `hibp-${slug || 'unnamed'}`;
}
