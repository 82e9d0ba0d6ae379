/**
 * Where a diagnostic code is documented: the `docs/diagnostics.md` shipped with the extension (one section per code,
 * each with an `id` anchor named by the code), as a file: URI the editor opens from the Problems panel. The
 * repository has no public address to link to, so none is made up: without the bundled file there is no link.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

let base: string | null | undefined;

/** The file: URI of the bundled docs/diagnostics.md (next to dist/ in the extension, or the repository's). */
function docsBase(): string | null {
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

/** The link for a code's section, or undefined when the documentation is not installed. */
export function diagnosticDocsHref(code: string): string | undefined {
  const b = docsBase();
  return b ? `${b}#${code}` : undefined;
}
