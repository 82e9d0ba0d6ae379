/**
 * One run at a time: a call while a run is going asks for one more run after it (however many calls came meanwhile)
 * and resolves with it; a call when none is going starts one. For work whose answer is "the state now" (the precedent
 * library brought up to date, the Comment Letters view asked again), where two runs at once would waste the first or
 * apply answers out of order. `run` should not throw: a throw ends the runs and rejects the callers waiting. Pure.
 */
export function oneAtATime(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
}
