/**
 * Vitest global setup: every test process reads letters through an analysis cache in a fresh temporary folder
 * (never the user's ~/.cache/corresp), removed when the run ends. Tests that need their own cache make one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-test-cache-'));
  process.env.CORRESP_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
