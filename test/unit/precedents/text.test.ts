import { describe, expect, it } from 'vitest';
import { markShared, sentenceKeys, sharedShare, termCounts, termOf } from '../../../server/src/precedents/text';

describe('search terms', () => {
  it('fold plurals and leave out the staff’s formula words, function words and bare numbers', () => {
    expect(termOf('Measures')).toBe('measure');
    expect(termOf('policies')).toBe('policy');
    expect(termOf('business')).toBe('business');
    expect(termOf('Please')).toBeUndefined();
    expect(termOf('disclosure')).toBeUndefined();
    expect(termOf('the')).toBeUndefined();
    expect(termOf('2023')).toBeUndefined();
  });

  it('count a term however it is written, and leave out names when asked', () => {
    const counts = termCounts('Goodwill impairment. GOODWILL tested by Acme; goodwill again.', (t) => t === 'acme');
    expect(counts.get('goodwill')).toBe(3);
    expect(counts.has('acme')).toBe(false);
    expect(termCounts('acme lower case is a word').has('acme')).toBe(true);
  });
});

describe('sentence keys', () => {
  it('are equal for the same sentence in another case, spacing and punctuation', () => {
    const a = sentenceKeys('We note your response to prior comment 1. Please revise.');
    const b = sentenceKeys('WE NOTE YOUR RESPONSE\nTO PRIOR COMMENT 1! Other words here.');
    expect(a).toHaveLength(1);
    expect(b).toContain(a[0]);
  });

  it('skip sentences of fewer than eight words', () => {
    expect(sentenceKeys('Please revise. Tell us why. Refer to ASC 606.')).toEqual([]);
  });
});

describe('shared runs', () => {
  it('mark three or more words in a row that the comment asked about also has, and nothing shorter', () => {
    const segments = markShared(
      'Please present the most directly comparable GAAP measure with equal prominence.',
      'You should present the most directly comparable GAAP measure first; the measure is new.',
    );
    expect(segments.filter((s) => s.shared).map((s) => s.text)).toEqual(['present the most directly comparable GAAP measure']);
    expect(segments.map((s) => s.text).join('')).toBe('You should present the most directly comparable GAAP measure first; the measure is new.');
    expect(sharedShare(segments)).toBeCloseTo(7 / 14);
  });

  it('mark nothing when no run is shared', () => {
    expect(markShared('goodwill impairment test', 'revenue from contracts').every((s) => !s.shared)).toBe(true);
  });
});
