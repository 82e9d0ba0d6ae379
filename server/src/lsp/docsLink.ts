/**
 * Where a diagnostic code is documented: the `docs/diagnostics.md` shipped with the extension (one section per code,
 * each with an `id` anchor named by the code), as a file: URI the editor opens from the Problems panel. The
 * repository has no public address to link to, so none is made up: without the bundled file there is no link.
 */
import { bundledDiagnosticsDoc } from '../workspace/docsFile';

/** The link for a code's section, or undefined when the documentation is not installed. */
export function diagnosticDocsHref(code: string): string | undefined {
  const b = bundledDiagnosticsDoc();
  return b ? `${b}#${code}` : undefined;
}
