// What every bench reports: the median of its timings (the upper one of an even count), and for a ratio of two
// medians measured side by side, how far the machine's noise could move it.
import { seeded } from './synthetic-dataset';

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The 95% interval of median(page) / median(floor) by a paired bootstrap: `page[i]` and `floor[i]` were measured in
 * the same round (one open of each, interleaved), so rounds are resampled whole and a slow spell of the machine
 * stays on both sides of the ratio. Two runs of the popup bench the same evening gave ratios 0.05-0.1 apart, so a
 * single ratio near its target says little without this (issue #15).
 */
export function ratioInterval(
  page: readonly number[],
  floor: readonly number[],
  resamples = 2000,
  seed = 1,
): [low: number, high: number] {
  if (page.length !== floor.length || page.length === 0) throw new Error('ratioInterval: paired timings needed');
  const random = seeded(seed);
  const n = page.length;
  const ratios: number[] = [];
  const a = new Array<number>(n);
  const b = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      a[i] = page[k]!;
      b[i] = floor[k]!;
    }
    ratios.push(median(a) / median(b));
  }
  ratios.sort((x, y) => x - y);
  return [ratios[Math.floor(resamples * 0.025)]!, ratios[Math.ceil(resamples * 0.975) - 1]!];
}

/** A ratio's target judged with its interval: met with room, missed, or too close to call in this run. */
export function ratioVerdict([low, high]: readonly [number, number], target: number): 'met' | 'missed' | 'at the line' {
  if (high <= target) return 'met';
  if (low > target) return 'missed';
  return 'at the line';
}
