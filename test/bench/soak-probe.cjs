/**
 * Preloaded into the server by the soak benchmark (node --expose-gc --require soak-probe.cjs): on SIGUSR2, a full GC
 * and process.memoryUsage() written as JSON to $CORRESP_SOAK_PROBE. Bench only; the product has no such hook.
 */
const { writeFileSync } = require('node:fs');
const out = process.env.CORRESP_SOAK_PROBE;
if (out) {
  process.on('SIGUSR2', () => {
    if (typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    writeFileSync(out, JSON.stringify(process.memoryUsage()));
  });
}
