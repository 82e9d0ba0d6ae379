/**
 * Progress on a terminal while letters are read: nothing when stderr is not a terminal, nothing for a quick read,
 * one line rewritten in place with the counts for a long one, and the line cleared at the end.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readingProgress } from '../../../server/src/cli/progress';
import { readCount } from '../../../server/src/workspace/analysisCache';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY,
    written,
    write: (s: string) => {
      written.push(s);
      return true;
    },
  } as unknown as NodeJS.WriteStream & { written: string[] };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('reading progress on a terminal', () => {
  it('writes nothing when stderr is not a terminal', () => {
    vi.useFakeTimers();
    const stream = fakeStream(false);
    const stop = readingProgress(stream);
    readCount.letters += 10;
    vi.advanceTimersByTime(5000);
    stop();
    expect(stream.written).toEqual([]);
  });

  it('writes nothing for a read that ends within a second', () => {
    vi.useFakeTimers();
    const stream = fakeStream(true);
    const stop = readingProgress(stream);
    vi.advanceTimersByTime(900);
    stop();
    expect(stream.written).toEqual([]);
  });

  it('shows how many letters were read on one line, and clears it', () => {
    vi.useFakeTimers();
    const stream = fakeStream(true);
    const stop = readingProgress(stream);
    readCount.letters += 412;
    vi.advanceTimersByTime(1300);
    stop();
    expect(stream.written.some((w) => /^\r\x1b\[2Kcorresp: reading letters… 412 read/.test(w))).toBe(true);
    expect(stream.written.at(-1)).toBe('\r\x1b[2K');
  });
});
