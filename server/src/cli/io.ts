/**
 * What the CLI's commands may touch: output streams, the version, and the current date. Tests pass their own.
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly version: string;
  /** Today as ISO yyyy-mm-dd (for due dates). */
  readonly today: string;
  /** Working directory for relative paths. */
  readonly cwd: string;
}

/** How letters are read: `--changes accepted|original` (a Word letter's tracked changes). */
export function readOptionsOf(values: Readonly<Record<string, string | boolean | undefined>>): { changes?: 'accepted' | 'original' } {
  const v = values.changes;
  if (v === undefined) return {};
  if (v !== 'accepted' && v !== 'original') throw new UsageError(`--changes must be accepted or original (got “${String(v)}”)`);
  return { changes: v };
}

/** A mistake in how the command was called, or input it cannot read: exit 2 with a one-line message. */
export class UsageError extends Error {}

export function formatOf(value: string | boolean | undefined, allowed: readonly string[]): string {
  const format = typeof value === 'string' ? value : allowed[0]!;
  if (!allowed.includes(format)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got “${format}”)`);
  return format;
}
