/**
 * Settings the server reads from the client (`corresp.*`): per-code severities, the diagnostics delay, code lens.
 * Unknown or malformed values fall back to defaults rather than failing.
 */
import type { SeveritySetting } from '../features/diagnostics';

export interface ServerSettings {
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  /** Milliseconds to wait after an edit before re-checking (edits in a burst are checked once). */
  readonly delay: number;
  readonly codeLens: boolean;
  /** `corresp.library.paths`: more folders of letters for precedents. */
  readonly libraryPaths: readonly string[];
}

export const DEFAULT_SETTINGS: ServerSettings = { severities: {}, delay: 10, codeLens: true, libraryPaths: [] };

const VALID = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function readSettings(raw: unknown): ServerSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const diagnostics = (s.diagnostics && typeof s.diagnostics === 'object' ? s.diagnostics : {}) as Record<string, unknown>;
  const severityRaw = (diagnostics.severity ?? s.severity ?? {}) as Record<string, unknown>;
  const severities: Record<string, SeveritySetting> = {};
  if (severityRaw && typeof severityRaw === 'object') {
    for (const [code, value] of Object.entries(severityRaw)) {
      const v = String(value)
        .toLowerCase()
        .replace(/^info$/, 'information')
        .replace(/^ignore$|^none$/, 'off');
      if (VALID.has(v)) severities[code] = v as SeveritySetting;
    }
  }
  const delay = typeof diagnostics.delay === 'number' && diagnostics.delay >= 0 && diagnostics.delay <= 5000 ? diagnostics.delay : DEFAULT_SETTINGS.delay;
  const codeLens = (s.codeLens as { enabled?: unknown } | undefined)?.enabled !== false;
  const library = (s.library && typeof s.library === 'object' ? s.library : {}) as Record<string, unknown>;
  const libraryPaths = Array.isArray(library.paths) ? library.paths.filter((p): p is string => typeof p === 'string' && p.trim().length > 0) : [];
  return { severities, delay, codeLens, libraryPaths };
}
