// What every bench reports: the median of its timings (the upper one of an even count).
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
