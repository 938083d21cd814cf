// npm run --silent lookup -- URL [URL...]
// Prints one JSON line per argument, using the same core and dataset as the extension.
import { getDomain } from 'tldts';
import { buildBreachIndex, lookupWebHost } from '../src/core/breach-index';
import type { Breach } from '../src/core/dataset-schema';
import { relatedMatch } from '../src/core/domain-families';
import { webHostOfLoose, type NotApplicableReason } from '../src/core/web-host';
import { buildDatasetFromFiles } from './lib/dataset-files';

const REASONS: Record<NotApplicableReason, string> = {
  'invalid-url': 'not a URL or host name that can be read',
  'not-web': 'not an http(s) web address',
  'ip-address': 'an IP address, not a site',
  'no-site': 'not a site of its own (localhost, a single label or a public suffix)',
};

const WHY = {
  renamed: (domain: string, via: string) => `${domain} is the new name of ${via}`,
  'signs-in-with': (domain: string, via: string) => `${domain} signs you in with your ${via} account`,
  shared: (domain: string, via: string) => `${domain} shares one login with ${via}`,
  'same-breach': (domain: string, via: string) => `the breach listed under ${via} happened on ${domain}`,
};

function brief(b: Breach, host: string) {
  const {
    id,
    title,
    organisation,
    breachDate,
    disclosedDate,
    affectedCount,
    dataClasses,
    notExposed,
    origin,
    sources,
  } = b;
  const via = relatedMatch(b, host);
  return {
    id,
    title,
    organisation,
    breachDate,
    disclosedDate,
    affectedCount,
    dataClasses,
    notExposed,
    origin,
    sources,
    ...(via ? { matchedBecause: WHY[via.kind](via.domain, via.via) } : {}),
  };
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: npm run --silent lookup -- URL [URL...]   (a bare host such as coop.co.uk works too)');
  process.exit(2);
}
const built = buildDatasetFromFiles();
if (!built.ok) {
  console.error(`the dataset in data/ is invalid:\n  ${built.errors.join('\n  ')}`);
  process.exit(2);
}
const index = buildBreachIndex(built.dataset.breaches, built.dataset.publicSuffixes);
let failed = false;
for (const input of args) {
  const parsed = webHostOfLoose(input);
  if (!parsed.ok && parsed.reason === 'invalid-url') {
    failed = true;
    console.log(JSON.stringify({ input, error: REASONS['invalid-url'] }));
    continue;
  }
  const result = lookupWebHost(index, parsed);
  const site = parsed.ok ? getDomain(parsed.host, { allowPrivateDomains: true }) : null;
  if (result.status === 'ok' && site) {
    console.log(
      JSON.stringify({ input, host: result.host, site, breaches: result.breaches.map((b) => brief(b, result.host)) }),
    );
  } else {
    const reason = result.status === 'not-applicable' ? result.reason : 'no-site';
    console.log(JSON.stringify({ input, site: null, breaches: [], notApplicable: REASONS[reason] }));
  }
}
// exitCode, not exit(): exit() can cut off output still queued for a pipe (seen with 300 lines).
process.exitCode = failed ? 1 : 0;
