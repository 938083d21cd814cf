import * as v from 'valibot';
import { BreachSchema, describeIssues, type Breach } from './dataset-schema';

// The popup shows one or two breaches, so it reads only those: the data build writes each breach to a file of
// its own (data/breaches/<id>.json in the package), and a downloaded HIBP list keeps its full breaches in
// storage. The worker's lookup says which breaches a site has and where each one's details are.

/** The folder of the per-breach files, in data/generated/ and in the built extension. */
export const BREACH_DETAILS_DIR = 'breaches';

/** Where the built extension keeps the per-breach files. */
export const BREACH_DETAILS_PATH = `data/${BREACH_DETAILS_DIR}`;

/** The file name of one breach's details. Ids are lower-case letters, digits and hyphens (the schema says so). */
export function breachDetailsFile(id: string): string {
  return `${id}.json`;
}

/** A breach the worker found for a site: enough to name it, and where its details are. */
export interface BreachRef {
  id: string;
  title: string;
  /** `bundled`: a file in the package; `download`: the downloaded HIBP list in storage. */
  from: 'bundled' | 'download';
}

/** A breach whose details could not be read: the popup says so, by title, instead of showing nothing. */
export interface BreachLoadFailure {
  id: string;
  title: string;
  reason: string;
}

export interface DetailReaders {
  /** The parsed JSON of a bundled breach file; throws when it is missing or not JSON. */
  readBundled(id: string): Promise<unknown>;
  /** The downloaded breaches with these ids (already checked), or undefined when the download is unusable. */
  readDownloaded(ids: readonly string[]): Promise<readonly Breach[] | undefined>;
}

/** Checks one breach file's content: the schema, and that it is the breach it was asked for. */
export function checkBreachDetails(id: string, data: unknown): Breach | string {
  const parsed = v.safeParse(BreachSchema, data);
  if (!parsed.success) return `its details are damaged (${describeIssues(parsed.issues)[0]})`;
  if (parsed.output.id !== id) return `its details file holds another breach ("${parsed.output.id}")`;
  return parsed.output;
}

/**
 * Reads the details of the breaches found, in the order given. Each breach is read on its own, so one missing or
 * damaged file costs only that breach; a downloaded breach that cannot be read falls back to the bundled file.
 */
export async function loadBreachDetails(
  refs: readonly BreachRef[],
  readers: DetailReaders,
): Promise<{ breaches: Breach[]; failed: BreachLoadFailure[] }> {
  const downloadIds = refs.filter((r) => r.from === 'download').map((r) => r.id);
  const downloaded = downloadIds.length ? await readers.readDownloaded(downloadIds).catch(() => undefined) : [];
  const fromDownload = new Map((downloaded ?? []).map((b) => [b.id, b]));
  const results = await Promise.all(
    refs.map(async (ref): Promise<Breach | BreachLoadFailure> => {
      const hit = fromDownload.get(ref.id);
      if (hit) return hit;
      let data: unknown;
      try {
        data = await readers.readBundled(ref.id);
      } catch (e) {
        const why = ref.from === 'download' ? 'it is not in the downloaded data' : 'its details file is missing';
        return { id: ref.id, title: ref.title, reason: `${why} (${(e as Error).message || String(e)})` };
      }
      const checked = checkBreachDetails(ref.id, data);
      return typeof checked === 'string' ? { id: ref.id, title: ref.title, reason: checked } : checked;
    }),
  );
  const breaches: Breach[] = [];
  const failed: BreachLoadFailure[] = [];
  for (const r of results) {
    if ('reason' in r) failed.push(r);
    else breaches.push(r);
  }
  return { breaches, failed };
}
