// npm run data:new -- <id> — writes data/curated/<id>.json as a skeleton with every field the schema knows, in
// the order the other entries use, and adds the candidate to the ledger; nothing is typed from scratch. The
// build refuses the skeleton until its placeholders are replaced by sourced facts.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_FILE } from './lib/candidate-ledger';
import { DATA_DIR } from './lib/dataset-files';

const id = process.argv[2] ?? '';
if (!/^[a-z0-9][a-z0-9-]*-(19|20)\d\d$/.test(id)) {
  console.error('usage: npm run data:new -- <brand>-<year>   (lower-case letters, digits and hyphens, e.g. acme-2025)');
  process.exit(2);
}
const file = join(DATA_DIR, 'curated', `${id}.json`);
if (existsSync(file)) {
  console.error(`data:new: ${file} exists already`);
  process.exit(1);
}
const today = new Date().toISOString().slice(0, 10);
const TODO = 'TODO';
const skeleton = {
  id,
  title: `${TODO}: short title, e.g. "Acme cyber attack"`,
  organisation: TODO,
  domains: [`${TODO}.example`],
  breachDate: `${TODO}: YYYY, YYYY-MM or YYYY-MM-DD, only as precise as the source; if no page says when, the day it was found or made public`,
  breachDateUnknown: false,
  disclosedDate: `${TODO}: the date the company or a regulator made it public`,
  affectedCount: null,
  affectedText: `${TODO}: the count in the company's or regulator's words`,
  dataClasses: [`${TODO}: Have I Been Pwned data classes, e.g. Names, Email addresses`],
  dataMayInclude: false,
  notExposed: [],
  description: `${TODO}: 2–4 sentences in your own words: what happened, when, what the company did`,
  scope: `${TODO}: who was affected (country, service, dates), or delete`,
  offer: { text: `${TODO}: what the company offered, or delete this field`, url: 'https://TODO.example/' },
  noticeUrl: 'https://TODO.example/the-company-notice',
  status: 'unknown',
  sources: [
    { title: TODO, url: 'https://TODO.example/', publisher: TODO, date: today },
    { title: TODO, url: 'https://TODO.example/second-source', publisher: TODO, date: today },
  ],
  country: 'GB',
  reviewed: today,
  note: `${TODO}: where sources disagree, or a date or number is inferred; or delete`,
};
writeFileSync(file, `${JSON.stringify(skeleton, null, 2)}\n`);
// The ledger row starts as excluded for want of facts; it becomes "included" when the entry is finished.
// In the ledger's own line ending (CRLF), so the file never mixes the two.
const ledger = readFileSync(LEDGER_FILE, 'utf8');
const eol = ledger.includes('\r\n') ? '\r\n' : '\n';
appendFileSync(
  LEDGER_FILE,
  `${ledger.endsWith('\n') ? '' : eol}${TODO},${id.slice(-4)},,${TODO}: where the candidate came from,excluded,,not enough sourced facts: being researched,${today}${eol}`,
);
console.log(`data:new: wrote ${file} and a ledger row; fill in every TODO, then run npm run data:build`);
