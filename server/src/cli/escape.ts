/**
 * Escaping of text that comes from letters, front matter and file names before the CLI prints it: one function per
 * target. Letters are untrusted (a pull request from a fork writes them): their text must not move the cursor, ring
 * the bell, rewrite a terminal's title, reorder what is shown, start a new line, or become a CI runner's command.
 *
 * - Terminal (text output, stderr): `terminalLine` for one line, `terminalText` keeping line breaks. C0 and C1
 *   controls, DEL, Unicode bidirectional controls and the line and paragraph separators are written visibly as
 *   `\n`, `\r`, `\xHH` or `\uHHHH`.
 *   Since CI logs are read by GitHub's runner, a line never starts with `::` (a workflow command) and `##[` (its
 *   older prefix) never appears: their first character is escaped the same way.
 * - GitHub workflow commands (`--format github`): `githubData` for a command's message and free text lines,
 *   `githubProperty` for a property value, as @actions/core escapes them (`%` → `%25`, CR → `%0D`, LF → `%0A`,
 *   and in properties `:` → `%3A`, `,` → `%2C`); other controls as `%HH`, shown as written in the annotation.
 *   The free summary lines of that format are terminal lines.
 * - JSON and SARIF: `jsonText`, JSON.stringify with the controls it leaves raw (DEL, C1, bidi, U+2028/2029) as
 *   `\uHHHH` escapes, and `##[` as `##\u005b`: the same value for a JSON reader, nothing live for a terminal or runner.
 */

/** Characters no output target takes as written: C0 (but tab), DEL, C1, bidi controls, U+2028/2029. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_KEEP_NL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** No line may start a workflow command; no `##[` anywhere. */
function noRunnerCommands(text: string, escape: (ch: string) => string): string {
  return text.replace(/^([ \t]*):(?=:)/gm, (_m, space: string) => `${space}${escape(':')}`).replace(/##\[/g, `##${escape('[')}`);
}

/** Text for a terminal on one line. */
export function terminalLine(text: string): string {
  return noRunnerCommands(text.replace(/\r\n/g, '\n').replace(UNSAFE, visible), visible);
}

/** Text for a terminal over several lines: line breaks kept (CR LF and lone CR become LF), every other control visible. */
export function terminalText(text: string): string {
  return noRunnerCommands(text.replace(/\r\n?/g, '\n').replace(UNSAFE_KEEP_NL, visible), visible);
}

function percent(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : `%u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A workflow command's message, or a free line of `--format github` output: %, CR, LF (and other controls) escaped. */
export function githubData(text: string): string {
  const escaped = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(UNSAFE, percent);
  return noRunnerCommands(escaped, percent);
}

/** A workflow command's property value: as `githubData`, and `:` and `,` too. */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** JSON (two-space indent) in which no string holds a raw control a terminal would act on. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/##\[/g, '##\\u005b');
}
