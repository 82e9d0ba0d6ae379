/**
 * Quiet moments (lsp/quietMoments.ts), on a fake clock: background work waits while the writer types and while a check
 * is waiting or running, and goes on at the first quiet moment.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUIET_MS, QuietMoments } from '../../../server/src/lsp/quietMoments';

/** Whether a promise has settled, after the callbacks queued now have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('quiet moments', () => {
  it('are there at once when nobody has typed and nothing is checked', async () => {
    const quiet = new QuietMoments(() => false);
    expect(await settled(quiet.wait())).toBe(true);
  });

  it('wait while the writer types, and come QUIET_MS after the last keystroke', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const quiet = new QuietMoments(() => false);
    quiet.edited();
    const waiting = quiet.wait();
    // A keystroke every 200 ms for two seconds: never quiet.
    for (let t = 0; t < 2000; t += 200) {
      await vi.advanceTimersByTimeAsync(200);
      quiet.edited();
      expect(await settled(waiting)).toBe(false);
    }
    await vi.advanceTimersByTimeAsync(QUIET_MS - 100);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(await settled(waiting)).toBe(true);
  });

  it('wait while a check is waiting or running', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    let busy = true;
    const quiet = new QuietMoments(() => busy);
    const waiting = quiet.wait();
    await vi.advanceTimersByTimeAsync(5000);
    expect(await settled(waiting)).toBe(false);
    busy = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled(waiting)).toBe(true);
  });
});
