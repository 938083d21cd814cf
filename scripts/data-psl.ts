// npm run data:psl -- <list> [<list>...]
// Writes data/psl/icann-suffixes.txt: the ICANN rules of more than one label, in ASCII, which the worker uses to
// refuse a downloaded breach whose domain is a whole registry (com.mx, ac.uk). Each <list> is a copy of the Public
// Suffix List (public_suffix_list.dat, or any file with one rule per line, quoted or not). tldts, the build's own
// copy of the list, decides: a rule is kept only where tldts treats it as an ICANN rule too, so a private rule or an
// old copy's removed rule never gets in. tldts cannot list its rules, which is why the candidates come from files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import { getPublicSuffix } from 'tldts';
import { parseSuffixRules } from '../src/core/suffix-rules';
import { DATA_DIR } from './lib/dataset-files';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run data:psl -- <public_suffix_list.dat> [more copies of the list]');
  process.exit(2);
}
const candidates = new Set<string>();
for (const file of files) {
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim().replace(/^"|",?$/g, '');
    if (line === '' || line.startsWith('//') || /[\s"'`,;[\]{}()]/.test(line)) continue;
    candidates.add(line);
  }
}
const TLDTS_VERSION = (JSON.parse(readFileSync('node_modules/tldts/package.json', 'utf8')) as { version: string })
  .version;
const icann = { allowPrivateDomains: false } as const;
/** Whether tldts, reading its own copy of the list, treats the rule as the file does. */
function tldtsAgrees(rule: string): boolean {
  if (rule.startsWith('!')) return getPublicSuffix(rule.slice(1), icann) !== rule.slice(1);
  const name = rule.startsWith('*.') ? `x-probe.${rule.slice(2)}` : rule;
  return getPublicSuffix(name, icann) === name;
}
// Rules added since the copies were made are most often a registry's usual second level (com.bd, edu.bd), which
// tldts is asked about under every top-level domain the copies name.
const COMMON_SECOND_LEVELS = [
  'ac',
  'co',
  'com',
  'edu',
  'gob',
  'gov',
  'info',
  'int',
  'ltd',
  'mil',
  'net',
  'nom',
  'or',
  'org',
  'plc',
  'sch',
];
const tlds = new Set([...candidates].map((c) => c.slice(c.lastIndexOf('.') + 1)));
for (const tld of tlds) for (const label of COMMON_SECOND_LEVELS) candidates.add(`${label}.${tld}`);
const kept = new Set<string>();
let dropped = 0;
for (const line of candidates) {
  const prefix = /^(\*\.|!)/.exec(line)?.[0] ?? '';
  const ascii = domainToASCII(line.slice(prefix.length));
  const rule = prefix + ascii;
  if (!ascii || !rule.includes('.')) continue;
  if (tldtsAgrees(rule)) kept.add(rule);
  else if (!COMMON_SECOND_LEVELS.some((l) => rule.startsWith(`${l}.`))) dropped++;
}
const sorted = [...kept].sort();
// The list is MPL 2.0; its notice travels with every copy, this one included.
const out =
  `// This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL was\n` +
  `// not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.\n` +
  `// ICANN rules of more than one label from the Public Suffix List (https://publicsuffix.org/), kept where\n` +
  `// tldts ${TLDTS_VERSION} agrees. Written by npm run data:psl; see SOURCE.md.\n${sorted.join('\n')}\n`;
parseSuffixRules(out); // throws on a line the worker could not read
writeFileSync(join(DATA_DIR, 'psl', 'icann-suffixes.txt'), out);
console.log(
  `data:psl: ${sorted.length} rules written; ${dropped} that tldts does not have as ICANN rules were left out.`,
);
