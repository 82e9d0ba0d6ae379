/**
 * Model → LSP types: offsets to positions, problems to diagnostics, feature results to protocol results. The only
 * place (with the other files of lsp/) that knows the protocol's shapes.
 */
import { isDiagnosticCode, type Problem } from '../features/diagnostics';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction as LspCodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type Range,
} from 'vscode-languageserver';
import type { CodeAction } from '../features/codeActions';
import type { CompletionEntry } from '../features/completion';
import type { TargetRange } from '../features/navigation';
import type { OutlineSymbol } from '../features/outline';
import type { Severity } from '../letters/model';
import type { LineIndex } from '../text/lineIndex';
import { diagnosticDocsHref } from './docsLink';

export const SOURCE = 'corresp';

export function range(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A problem as an LSP diagnostic. `linesOf` gives another letter's line index, for the places in other letters a
 * problem points to (related information); a place in a letter it does not know is left out.
 */
export function diagnostic(lines: LineIndex, p: Problem, linesOf?: (uri: string) => LineIndex | undefined): Diagnostic {
  const docs = diagnosticDocsHref(p.code);
  const related = (p.related ?? []).flatMap((r) => {
    const at = linesOf?.(r.uri);
    return at ? [{ location: { uri: r.uri, range: range(at, r.start, r.end) }, message: r.message }] : [];
  });
  return {
    range: range(lines, p.start, p.end),
    severity: SEVERITY[p.severity],
    code: p.code,
    ...(docs ? { codeDescription: { href: docs } } : {}),
    source: SOURCE,
    message: p.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data: { code: p.code, start: p.start, end: p.end, ...(p.data ?? {}) },
  };
}

/** Where a diagnostic's problem was: its code and offsets, from the `data` the client sends back. */
function problemPlace(
  data: unknown,
): { readonly code: string; readonly start: number; readonly end: number; readonly rest: Readonly<Record<string, unknown>> } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { code, start, end, ...rest }: Record<string, unknown> = { ...data };
  return typeof code === 'string' && code.length > 0 && typeof start === 'number' && typeof end === 'number' ? { code, start, end, rest } : undefined;
}

/** Rebuilds a problem from a diagnostic the client sends back with a code action request (no server state needed). */
export function problemOf(d: Diagnostic): Problem | undefined {
  const place = problemPlace(d.data);
  if (!place || !isDiagnosticCode(place.code)) return undefined;
  const severity: Severity =
    d.severity === DiagnosticSeverity.Error
      ? 'error'
      : d.severity === DiagnosticSeverity.Warning
        ? 'warning'
        : d.severity === DiagnosticSeverity.Hint
          ? 'hint'
          : 'information';
  return {
    code: place.code,
    severity,
    message: typeof d.message === 'string' ? d.message : d.message.value,
    start: place.start,
    end: place.end,
    data: place.rest,
  };
}

export function location(t: TargetRange): Location {
  return { uri: t.uri, range: range(t.lines, t.start, t.end) };
}

export function documentSymbol(lines: LineIndex, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'caption' ? SymbolKind.Namespace : SymbolKind.Field,
    range: range(lines, s.start, s.end),
    selectionRange: range(lines, s.selectionStart, s.selectionEnd),
    children: s.children.map((c) => documentSymbol(lines, c)),
  };
}

export function completionItem(lines: LineIndex, offset: number, e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    kind: e.kind === 'comment' ? CompletionItemKind.Reference : e.kind === 'reference' ? CompletionItemKind.Reference : CompletionItemKind.Value,
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.documentation ? { documentation: { kind: MarkupKind.Markdown, value: e.documentation } } : {}),
    ...(e.sortText ? { sortText: e.sortText } : {}),
    textEdit: { range: range(lines, e.replaceStart, offset), newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    filterText: e.label,
  };
}

export function codeAction(uri: string, lines: LineIndex, a: CodeAction, diagnostics: readonly Diagnostic[]): LspCodeAction {
  const fixes = a.fixes;
  const fixed = fixes
    ? diagnostics.filter((d) => {
        const place = problemPlace(d.data);
        return place?.code === fixes.code && place.start === fixes.start;
      })
    : [];
  return {
    title: a.title,
    kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.Refactor,
    ...(fixed.length ? { diagnostics: fixed } : {}),
    ...(a.preferred ? { isPreferred: true } : {}),
    edit: { changes: { [uri]: a.edits.map((e) => ({ range: range(lines, e.start, e.end), newText: e.newText })) } },
  };
}
