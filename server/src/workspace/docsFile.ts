/**
 * The `docs/diagnostics.md` shipped with the extension (next to dist/ in the extension, or the repository's), as a
 * file: URI; null when it is not installed. Found once: the installation does not move while the server runs.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

let base: string | null | undefined;

export function bundledDiagnosticsDoc(): string | null {
  if (base !== undefined) return base;
  base = null;
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let i = 0; i < 4; i++) {
    const file = path.join(dir, 'docs', 'diagnostics.md');
    if (existsSync(file)) {
      base = pathToFileURL(file).href;
      break;
    }
    dir = path.dirname(dir);
  }
  return base;
}
