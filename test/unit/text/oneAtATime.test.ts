/** One run at a time: calls during a run join one more run after it; callers resolve when the state they asked for is reached. */
import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../server/src/text/oneAtATime';

describe('oneAtATime', () => {
  it('runs once for a call, once more for any number of calls during a run, never two at once', async () => {
    let runs = 0;
    let at = 0;
    let most = 0;
    const gates: Array<() => void> = [];
    const refresh = oneAtATime(async () => {
      runs++;
      at++;
      most = Math.max(most, at);
      await new Promise<void>((r) => gates.push(r));
      at--;
    });
    const first = refresh();
    const during = [refresh(), refresh(), refresh()];
    expect(runs).toBe(1);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2); // the three calls made during the first run: one more run
    gates.shift()!();
    await Promise.all([first, ...during]);
    expect(runs).toBe(2);
    expect(most).toBe(1);
    // Idle again: a call starts a run of its own.
    const later = refresh();
    gates.shift()!();
    await later;
    expect(runs).toBe(3);
  });

  it('rejects the callers waiting when a run throws, and runs again when called after', async () => {
    let fail = true;
    const refresh = oneAtATime(async () => {
      if (fail) throw new Error('no');
    });
    await expect(refresh()).rejects.toThrow('no');
    fail = false;
    await expect(refresh()).resolves.toBeUndefined();
  });
});
