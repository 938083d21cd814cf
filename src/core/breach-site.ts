// Kept apart from protective-steps.ts so that the worker can name the site of an alert without loading the
// steps' rule table.

/** The breach domain the person is on (coop.co.uk for www.coop.co.uk), else the breach's first domain. */
export function breachSiteFor(domains: readonly string[], host: string | undefined): string {
  return domains.find((d) => host === d || host?.endsWith(`.${d}`)) ?? domains[0] ?? '';
}
