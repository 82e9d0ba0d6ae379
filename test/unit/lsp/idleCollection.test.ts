/**
 * The server's collection once idle (`lsp/idleCollection.ts`): one full collection after two idle looks in a row when
 * the heap grew well past what the last one left; none while the event loop works, none when the heap did not grow,
 * none again until it grows again. And the collector itself: V8's, for this process, and it does collect, compacting
 * where the runtime lets its flags be set or the launch gave the flag.
 */
import type { EventLoopUtilization } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { COMPACT_FLAG, fullCollector, IdleCollection } from '../../../server/src/lsp/idleCollection';

const MB = 1024 * 1024;

/** A process whose loop utilisation and heap the test sets look by look. */
function fakeProcess() {
  let active = 0;
  let idle = 0;
  const p = {
    heap: 40 * MB,
    collected: 0,
    /** The next look's window: `busy` of it working. */
    window(busy: number, ms = 2000) {
      active += busy * ms;
      idle += (1 - busy) * ms;
    },
    utilisation: (since?: EventLoopUtilization): EventLoopUtilization => {
      const a = active - (since?.active ?? 0);
      const i = idle - (since?.idle ?? 0);
      return { active: a, idle: i, utilization: a + i === 0 ? 0 : a / (a + i) };
    },
    collect: () => {
      p.collected++;
      p.heap = 60 * MB;
    },
  };
  return p;
}

function collection(p: ReturnType<typeof fakeProcess>) {
  return new IdleCollection(p.collect, {}, () => p.heap, p.utilisation);
}

describe('collection once idle', () => {
  it('collects once after two idle looks in a row when the heap grew past the threshold, and not again until it grows', () => {
    const p = fakeProcess();
    const c = collection(p);
    // A cold start: the loop busy, the heap filling.
    for (let i = 0; i < 5; i++) {
      p.window(0.9);
      p.heap += 40 * MB;
      expect(c.look()).toBe(false);
    }
    p.window(0.01);
    expect(c.look(), 'one idle look is not enough').toBe(false);
    p.window(0.01);
    expect(c.look()).toBe(true);
    expect(p.collected).toBe(1);
    expect(c.stats.heapAfter).toBe(60 * MB);
    // Idle on: nothing more to give back.
    for (let i = 0; i < 5; i++) {
      p.window(0);
      expect(c.look()).toBe(false);
    }
    // Grown a little (under 48 MB): left to V8.
    p.heap += 30 * MB;
    p.window(0);
    p.window(0);
    expect(c.look()).toBe(false);
    // Grown well past it: collected again.
    p.heap += 30 * MB;
    p.window(0);
    expect(c.look()).toBe(true);
    expect(p.collected).toBe(2);
  });

  it('never collects while the loop works, however big the heap', () => {
    const p = fakeProcess();
    const c = collection(p);
    p.heap = 500 * MB;
    for (let i = 0; i < 20; i++) {
      // Busy and idle looks alternating (a writer typing with pauses under four seconds).
      p.window(i % 2 === 0 ? 0.3 : 0.01);
      expect(c.look()).toBe(false);
    }
    expect(p.collected).toBe(0);
  });

  it('does nothing where there is no collector', () => {
    const p = fakeProcess();
    const c = new IdleCollection(undefined, {}, () => 500 * MB, p.utilisation);
    for (let i = 0; i < 4; i++) {
      p.window(0);
      expect(c.look()).toBe(false);
    }
    c.start(); // no timer either
    c.stop();
  });

  it('sets no V8 flag in an embedder that may have frozen them (Electron, NW.js), unless the collector was exposed at launch', () => {
    const g = globalThis as { gc?: unknown };
    const exposed = g.gc;
    const set: string[] = [];
    const setFlags = (f: string) => void set.push(f);
    try {
      delete g.gc; // as a process started without --expose-gc
      expect(fullCollector({ ...process.versions, electron: '30.0.0' }, [], setFlags)).toBeUndefined();
      expect(fullCollector({ ...process.versions, nw: '0.80.0' }, [], setFlags)).toBeUndefined();
      // Exposed at launch: used, whatever the runtime; it compacts only when launched with the flag.
      let calls = 0;
      g.gc = () => calls++;
      const plain = fullCollector({ ...process.versions, electron: '30.0.0' }, ['--expose-gc'], setFlags)!;
      plain();
      expect(calls).toBe(2);
      expect(plain.compacts).toBe(false);
      const compacting = fullCollector({ ...process.versions, electron: '30.0.0' }, ['--expose-gc', COMPACT_FLAG], setFlags)!;
      compacting();
      expect(calls).toBe(4);
      expect(compacting.compacts).toBe(true);
      expect(set).toEqual([]);
    } finally {
      if (exposed === undefined) delete g.gc;
      else g.gc = exposed;
    }
  });

  it('in Node itself, compacts by setting the flag for its own collections and clearing it after', () => {
    const g = globalThis as { gc?: unknown };
    const exposed = g.gc;
    const events: string[] = [];
    try {
      g.gc = () => events.push('gc');
      const collect = fullCollector({ ...process.versions }, [], (f) => void events.push(f))!;
      expect(collect.compacts).toBe(true);
      collect();
      expect(events).toEqual([COMPACT_FLAG, 'gc', 'gc', '--no-compact-on-every-full-gc']);
      // A flag the engine refuses: the collections still run, and the flag is cleared after them.
      events.length = 0;
      const refusing = fullCollector({ ...process.versions }, [], (f) => {
        events.push(f);
        if (f === COMPACT_FLAG) throw new Error('refused');
      })!;
      refusing();
      expect(events).toEqual([COMPACT_FLAG, 'gc', 'gc', '--no-compact-on-every-full-gc']);
      // Launched with the flag: every full collection compacts already, and it is left set.
      events.length = 0;
      fullCollector({ ...process.versions }, [COMPACT_FLAG], (f) => void events.push(f))!();
      expect(events).toEqual(['gc', 'gc']);
    } finally {
      if (exposed === undefined) delete g.gc;
      else g.gc = exposed;
    }
  });

  it('the collector is V8’s full collection for this process', async () => {
    const collect = fullCollector();
    expect(collect).toBeTypeOf('function');
    const weak = new WeakRef(Array.from({ length: 1000 }, (_, i) => ({ i })));
    // A WeakRef's target is kept to the end of the job that made it.
    await new Promise((r) => setTimeout(r, 0));
    collect!();
    expect(weak.deref()).toBeUndefined();
  });
});
