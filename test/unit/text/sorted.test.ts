/**
 * The binary searches the readers, the gate and the citation check share (`text/sorted.ts`): each held to the plain
 * scan it replaces, on any list and any spans, nested and overlapping ones included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound, spanSet, upperBound } from '../../../server/src/text/sorted';
import { params } from '../../runs';

const sortedList = fc.array(fc.integer({ min: -5, max: 40 }), { maxLength: 20 }).map((xs) => xs.sort((a, b) => a - b));

describe('binary search over sorted offsets', () => {
  it('finds the first value at least, and the first value above, as a scan does', () => {
    fc.assert(
      fc.property(sortedList, fc.integer({ min: -10, max: 50 }), (xs, v) => {
        const first = (test: (x: number) => boolean) => (xs.findIndex(test) < 0 ? xs.length : xs.findIndex(test));
        expect(lowerBound(xs, v)).toBe(first((x) => x >= v));
        expect(upperBound(xs, v)).toBe(first((x) => x > v));
      }),
      params(500),
    );
  });

  it('says whether an offset lies in any of the spans, nested, overlapping or apart', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 15 })).map(([start, n]) => ({ start, end: start + n }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), (spans) => {
        const set = spanSet(spans);
        for (let at = -2; at < 60; at++) expect(set.has(at), `${at}`).toBe(spans.some((s) => s.start <= at && at < s.end));
      }),
      params(500),
    );
  });
});
