import { describe, expect, it } from 'vitest';
import { median, ratioInterval, ratioVerdict } from '../../bench/stats';

// Timings with a machine's noise: each round slow or fast for both pages alike, plus a little of each page's own.
function rounds(n: number, ratio: number, seed: number) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const floor: number[] = [];
  const page: number[] = [];
  for (let i = 0; i < n; i++) {
    const spell = 25 + 10 * next();
    floor.push(spell + next());
    page.push(spell * ratio + next());
  }
  return { floor, page };
}

describe('bench statistics', () => {
  it('the median is the middle value (the upper one of an even count)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
  });

  it('a page exactly twice its floor has the interval [2, 2]', () => {
    const floor = [30, 31, 29, 35, 40, 28];
    expect(
      ratioInterval(
        floor.map((x) => 2 * x),
        floor,
      ),
    ).toEqual([2, 2]);
  });

  it('the interval holds the true ratio, narrows with more rounds, and is the same on every run', () => {
    const few = rounds(20, 1.4, 7);
    const many = rounds(400, 1.4, 7);
    const [lo, hi] = ratioInterval(few.page, few.floor);
    const [lo2, hi2] = ratioInterval(many.page, many.floor);
    expect(lo).toBeLessThan(1.4);
    expect(hi).toBeGreaterThan(1.4);
    expect(hi2 - lo2).toBeLessThan(hi - lo);
    expect(ratioInterval(few.page, few.floor)).toEqual([lo, hi]);
  });

  it('pairs the rounds: a slow spell on both sides does not widen the interval', () => {
    const { floor, page } = rounds(60, 1.3, 3);
    const paired = ratioInterval(page, floor);
    // The same timings with the rounds of one side shuffled lose the pairing, and the interval widens.
    const shuffled = [...floor.slice(30), ...floor.slice(0, 30)];
    const unpaired = ratioInterval(page, shuffled);
    expect(paired[1] - paired[0]).toBeLessThan(unpaired[1] - unpaired[0]);
  });

  it('judges a target met, missed or at the line', () => {
    expect(ratioVerdict([1.2, 1.28], 1.3)).toBe('met');
    expect(ratioVerdict([1.31, 1.4], 1.3)).toBe('missed');
    expect(ratioVerdict([1.27, 1.34], 1.3)).toBe('at the line');
  });

  it('refuses timings that are not paired', () => {
    expect(() => ratioInterval([1, 2], [1])).toThrow(/paired/);
  });
});
