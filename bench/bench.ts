// npm run bench — lookup speed, start-up and memory, each as a ratio against a baseline measured in this run.
// Prints a table and writes bench/results.json. Not part of npm test: timings belong here, not in tests.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { buildBreachIndex, compactBreachIndex, lookupUrl, type Indexable } from '../src/core/breach-index';
import { buildCompactIndex, loadCompactIndex, serialiseCompactIndex } from '../src/core/compact-index';
import { ROOT } from '../scripts/lib/dataset-files';
import { lookupUrls, syntheticDataset, type SyntheticBreach } from './synthetic-dataset';
import { median } from './stats';

const ROUNDS = 7;

/** Median over rounds of the time per call, in nanoseconds. */
function nsPerCall(urls: readonly string[], fn: (u: string) => unknown): number {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (const u of urls) sink += fn(u) ? 1 : 0;
    times.push(Number(process.hrtime.bigint() - start) / urls.length);
  }
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return median(times);
}

/** The obvious approach: scan every breach and test host.endsWith(domain). */
function scanLookup<T extends Indexable>(breaches: readonly T[]) {
  return (url: string): T[] => {
    const host = new URL(url).hostname;
    return breaches.filter((b) => b.domains.some((d) => host === d || host.endsWith(`.${d}`)));
  };
}

interface Row {
  dataset: string;
  domains: number;
  /** The worker's index: the prebuilt compact layout. */
  hitNs: number;
  missNs: number;
  /** The Map index (built at start-up), as the popup uses it. */
  mapHitNs: number;
  scanNs: number;
  speedup: number;
  /** Prebuilt layout: from its bytes to the first answer. */
  startupMs: number;
  /** Parsing the JSON and building the Map index, for comparison. */
  jsonStartupMs: number;
  bytesPerDomain: number;
}

function measure(
  name: string,
  breaches: SyntheticBreach[] | { id: string; domains: string[] }[],
  suffixes: string[],
): Row {
  const domains = [...new Set(breaches.flatMap((b) => b.domains))];
  const json = JSON.stringify({ breaches, suffixes });
  const layout = serialiseCompactIndex(buildCompactIndex(breaches)); // done at data-build time
  const probe = `https://www.${domains[0]}/`;
  // Start-up as a cold worker does it: from the bundled bytes to the first answer.
  const startTimes: number[] = [];
  const jsonTimes: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t0 = performance.now();
    lookupUrl(compactBreachIndex(breaches, loadCompactIndex(layout), suffixes), probe);
    startTimes.push(performance.now() - t0);
    if (r < 2 || domains.length < 1_000_000) {
      t0 = performance.now();
      const parsed = JSON.parse(json) as { breaches: typeof breaches; suffixes: string[] };
      lookupUrl(buildBreachIndex(parsed.breaches, parsed.suffixes), probe);
      jsonTimes.push(performance.now() - t0);
    }
  }
  const compactLayout = loadCompactIndex(layout);
  const compact = compactBreachIndex(breaches, compactLayout, suffixes);
  // Memory of the index: its tables (views over the layout's bytes) plus the decoded key string (one
  // byte per ASCII character in V8). Exact, unlike heap snapshots, which GC timing blurs.
  const bytesPerDomain = (layout.byteLength + compactLayout.keys.length) / domains.length;
  const map = buildBreachIndex(breaches, suffixes);
  const { hits, misses } = lookupUrls(domains, 20_000);
  const hitNs = nsPerCall(hits, (u) => lookupUrl(compact, u));
  const missNs = nsPerCall(misses, (u) => lookupUrl(compact, u));
  const mapHitNs = nsPerCall(hits, (u) => lookupUrl(map, u));
  // The scan is slow by design: it gets fewer URLs at larger sizes, still a median of rounds.
  const scanUrls = hits.slice(0, Math.max(20, Math.floor(2_000_000 / domains.length)));
  const scanNs = nsPerCall(scanUrls, scanLookup(breaches));
  return {
    dataset: name,
    domains: domains.length,
    hitNs,
    missNs,
    mapHitNs,
    scanNs,
    speedup: scanNs / hitNs,
    startupMs: median(startTimes),
    jsonStartupMs: median(jsonTimes),
    bytesPerDomain,
  };
}

const bundled = JSON.parse(readFileSync(join(ROOT, 'data', 'generated', 'dataset-summary.json'), 'utf8'));
const rows: Row[] = [measure('bundled', bundled.breaches, bundled.publicSuffixes)];
for (const n of [10_000, 100_000, 1_000_000]) {
  const { breaches, suffixes } = syntheticDataset(n);
  rows.push(measure(`synthetic ${n.toLocaleString('en-GB')}`, breaches, suffixes));
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
console.log(
  'dataset              domains   hit ns  miss ns  Map hit ns     scan ns  scan÷index  start-up ms  JSON+Map ms  bytes/domain',
);
for (const r of rows) {
  console.log(
    `${r.dataset.padEnd(20)} ${fmt(r.domains).padStart(9)} ${fmt(r.hitNs).padStart(8)} ${fmt(r.missNs).padStart(8)} ` +
      `${fmt(r.mapHitNs).padStart(11)} ${fmt(r.scanNs).padStart(11)} ${`${fmt(r.speedup)}×`.padStart(11)} ` +
      `${fmt(r.startupMs, 1).padStart(12)} ${fmt(r.jsonStartupMs, 1).padStart(12)} ` +
      `${fmt(r.bytesPerDomain).padStart(13)}`,
  );
}
console.log("(hit/miss: the worker's prebuilt compact index; start-up: its bytes to the first answer)");
const targets = {
  'lookup under 2 µs at every size': rows.every((r) => r.hitNs < 2000 && r.missNs < 2000),
  'at least 100× the scan at 10k domains': (rows.find((r) => r.domains === 10_000)?.speedup ?? 0) >= 100,
  'bundled start-up under 5 ms': rows[0]!.startupMs < 5,
  '1M start-up under 300 ms': (rows.at(-1)?.startupMs ?? Infinity) < 300,
};
for (const [t, ok] of Object.entries(targets)) console.log(`${ok ? 'met   ' : 'MISSED'} ${t}`);

// How the data grows: the worker's summary (with its prebuilt index) and the per-breach files, per 1,000
// breaches of the bundled data, so the cost of curating more can be read off.
const summaryBytes = readFileSync(join(ROOT, 'data', 'generated', 'dataset-summary.json'));
const detailsDir = join(ROOT, 'data', 'generated', 'breaches');
const detailFiles = readdirSync(detailsDir).map((f) => readFileSync(join(detailsDir, f)));
const perThousand = (bytes: number) => ((bytes / bundled.breaches.length) * 1000) / 1024;
const growth = {
  breaches: bundled.breaches.length,
  summaryGzipKBPer1000: perThousand(gzipSync(summaryBytes, { level: 9 }).length),
  // A zip compresses each file on its own: the sum of the files' deflated sizes is what the package grows by.
  detailsZipKBPer1000: perThousand(detailFiles.reduce((n, f) => n + deflateRawSync(f, { level: 9 }).length + 100, 0)),
};
console.log(
  `growth per 1,000 breaches (bundled data, ${growth.breaches} breaches): worker summary ` +
    `${growth.summaryGzipKBPer1000.toFixed(1)} kB gzip; package ${growth.detailsZipKBPer1000.toFixed(0)} kB zipped ` +
    '(per-breach files, with zip entry overhead)',
);
writeFileSync(
  join(ROOT, 'bench', 'results.json'),
  JSON.stringify(
    { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, rows, targets, growth },
    null,
    2,
  ),
);
