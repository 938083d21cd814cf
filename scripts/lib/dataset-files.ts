import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getPublicSuffix } from 'tldts';
import { assembleDataset, type AssembleResult, type DatasetInputs } from '../../src/core/assemble-dataset';
import type { HibpBreach } from '../../src/core/hibp-convert';

export const ROOT = join(import.meta.dirname, '..', '..');
export const DATA_DIR = join(ROOT, 'data');
export const GENERATED_DIR = join(DATA_DIR, 'generated');

/** Public Suffix List rules from tldts, with private suffixes (github.io, ...) counted as suffixes too. */
export const suffixRules = {
  publicSuffix: (host: string) => getPublicSuffix(host, { allowPrivateDomains: true }),
};

function readJson(path: string, dir: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${relative(dir, path)}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

/** Reads the HIBP list, curated entries, Apple's lists and our domain groups from a data/ folder. */
export function readDatasetInputs(dataDir = DATA_DIR): DatasetInputs {
  const base = join(dataDir, '..');
  const hibp = readJson(join(dataDir, 'hibp', 'breaches.json'), base);
  if (!Array.isArray(hibp)) throw new Error('data/hibp/breaches.json: must be a JSON array of breaches');
  const curatedDir = join(dataDir, 'curated');
  const curated = readdirSync(curatedDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: `data/curated/${f}`, entry: readJson(join(curatedDir, f), base) }));
  const latest = (hibp as HibpBreach[]).reduce((a, b) => (b.AddedDate > a ? b.AddedDate : a), '');
  const apple = {
    changePasswordUrls: readJson(join(dataDir, 'apple', 'change-password-URLs.json'), base),
    sharedCredentials: readJson(join(dataDir, 'apple', 'shared-credentials.json'), base),
    ownGroups: readJson(join(dataDir, 'domain-groups.json'), base),
  };
  return { hibp: hibp as HibpBreach[], curated, hibpSnapshot: latest.slice(0, 10), apple };
}

/** Reads and assembles the dataset from data/, as the build does. */
export function buildDatasetFromFiles(dataDir = DATA_DIR): AssembleResult {
  return assembleDataset(readDatasetInputs(dataDir), suffixRules);
}
