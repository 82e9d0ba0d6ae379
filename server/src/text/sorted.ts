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
