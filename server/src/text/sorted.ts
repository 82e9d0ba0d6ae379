/**
 * Binary search over a sorted list of numbers (offsets, positions): the one lower bound the readers and writers share.
 * Pure.
 */

/** The first index of `sorted` (ascending) whose value is at least `value`; `sorted.length` when none is. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index of `sorted` (ascending) whose value is greater than `value`; `sorted.length` when none is. */
export function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Spans (offsets, end exclusive; they may nest or overlap) with a test of whether an offset lies in one, by binary
 * search: a draft of 1,000 answers stays cheap to ask.
 */
export function spanSet(spans: readonly { readonly start: number; readonly end: number }[]): { readonly has: (at: number) => boolean } {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const starts = sorted.map((s) => s.start);
  // The furthest end among the spans up to each one.
  const reach: number[] = [];
  for (const s of sorted) reach.push(Math.max(s.end, reach[reach.length - 1] ?? -Infinity));
  return {
    has(at: number): boolean {
      // Some span starting at or before `at` ends after it exactly when the furthest end among them does.
      const last = upperBound(starts, at) - 1;
      return last >= 0 && at < reach[last]!;
    },
  };
}
