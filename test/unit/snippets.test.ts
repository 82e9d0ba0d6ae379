// The response-writing snippets (snippets/corresp.code-snippets): every body is a well-formed VS Code snippet with
// sensibly numbered tab stops, and, with each tab stop replaced by its default, Markdown of exactly the expected shape.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Root } from 'mdast';

const SNIPPETS_PATH = fileURLToPath(new URL('../../snippets/corresp.code-snippets', import.meta.url));

/** Every prefix starts with this stem, so that the snippets group together in completion. */
const STEM = 'sec-';

/**
 * The Markdown each snippet must expand to (tab stops at their defaults), as a tree of node types; text nodes are
 * "text". A snippet added to the file needs a line here: that is where its shape is decided.
 */
const EXPECTED_SHAPE: Record<string, string> = {
  'sec-resp': 'html paragraph(strong(text)) paragraph(text)',
  'sec-advise': 'paragraph(text)',
  'sec-future': 'paragraph(text) blockquote(paragraph(text html text html text delete(text) text))',
  'sec-add': 'paragraph(html text html)',
  'sec-del': 'paragraph(delete(text))',
  'sec-supp': 'paragraph(text)',
  'sec-rule83': 'paragraph(text)',
  'sec-rule83-foia': 'paragraph(strong(text)) paragraph(text)',
  'sec-asc': 'paragraph(text)',
  'sec-asc-range': 'paragraph(text)',
  'sec-reg': 'paragraph(text)',
  'sec-caption': 'heading(text)',
  'sec-prior': 'paragraph(text)',
  'sec-intro': 'paragraph(text)',
  'sec-closing': 'paragraph(text) paragraph(text) paragraph(text break text break text break text)',
};

// ---------------------------------------------------------------------------------------------------------------
// A strict parser for the VS Code snippet syntax
// (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar), transforms excepted: none are used here.

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; offset: number; placeholder: SnippetNode[] | null; choices: string[] | null }
  | { kind: 'variable'; name: string; offset: number; fallback: SnippetNode[] | null };

const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT',
  'TM_CURRENT_LINE',
  'TM_CURRENT_WORD',
  'TM_LINE_INDEX',
  'TM_LINE_NUMBER',
  'TM_FILENAME',
  'TM_FILENAME_BASE',
  'TM_DIRECTORY',
  'TM_FILEPATH',
  'RELATIVE_FILEPATH',
  'CLIPBOARD',
  'WORKSPACE_NAME',
  'WORKSPACE_FOLDER',
  'CURSOR_INDEX',
  'CURSOR_NUMBER',
  'CURRENT_YEAR',
  'CURRENT_YEAR_SHORT',
  'CURRENT_MONTH',
  'CURRENT_MONTH_NAME',
  'CURRENT_MONTH_NAME_SHORT',
  'CURRENT_DATE',
  'CURRENT_DAY_NAME',
  'CURRENT_DAY_NAME_SHORT',
  'CURRENT_HOUR',
  'CURRENT_MINUTE',
  'CURRENT_SECOND',
  'CURRENT_SECONDS_UNIX',
  'CURRENT_TIMEZONE_OFFSET',
  'RANDOM',
  'RANDOM_HEX',
  'UUID',
  'BLOCK_COMMENT_START',
  'BLOCK_COMMENT_END',
  'LINE_COMMENT',
  'SELECTION',
]);

/** Values for the variables when the snippet is expanded for the Markdown check (no selection, as when typed). */
const SAMPLE_VARIABLES: Record<string, string> = {
  CURRENT_YEAR: '2024',
  CURRENT_MONTH_NAME: 'March',
  CURRENT_DATE: '05',
  TM_FILENAME_BASE: 'response-draft',
};

function parseSnippet(source: string): SnippetNode[] {
  let pos = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${pos}: …${JSON.stringify(source.slice(Math.max(0, pos - 20), pos + 20))}…`);
  };
  const match = (re: RegExp): string | null => {
    const m = re.exec(source.slice(pos));
    return m ? m[0] : null;
  };

  function sequence(insidePlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < source.length) {
      const ch = source[pos];
      if (ch === '\\') {
        const next = source[pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          pos += 2;
        } else {
          text += ch; // VS Code keeps a backslash that escapes nothing
          pos += 1;
        }
      } else if (ch === '}') {
        if (!insidePlaceholder) fail('unescaped "}" outside a placeholder (write \\})');
        flush();
        return nodes;
      } else if (ch === '$') {
        flush();
        nodes.push(dollar());
      } else {
        text += ch;
        pos += 1;
      }
    }
    if (insidePlaceholder) fail('"${" never closed');
    flush();
    return nodes;
  }

  function closeBrace(): void {
    if (source[pos] !== '}') fail('expected "}"');
    pos += 1;
  }

  function choiceOptions(): string[] {
    const options: string[] = [];
    let current = '';
    while (pos < source.length) {
      const ch = source[pos];
      if (ch === '\\' && [',', '|', '\\'].includes(source[pos + 1] ?? '')) {
        current += source[pos + 1];
        pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        pos += 1;
      } else if (ch === '|') {
        if (source[pos + 1] !== '}') fail('a choice ends with "|}"');
        options.push(current);
        pos += 2;
        if (options.some((o) => o === '')) fail('empty choice option');
        return options;
      } else {
        current += ch;
        pos += 1;
      }
    }
    return fail('choice never closed with "|}"');
  }

  function dollar(): SnippetNode {
    const offset = pos;
    pos += 1;
    let token = match(/^\d+/);
    if (token !== null) {
      pos += token.length;
      return { kind: 'tabstop', index: Number(token), offset, placeholder: null, choices: null };
    }
    token = match(/^[_A-Za-z][_A-Za-z0-9]*/);
    if (token !== null) {
      pos += token.length;
      return { kind: 'variable', name: token, offset, fallback: null };
    }
    if (source[pos] !== '{') fail('a literal "$" must be escaped as \\$');
    pos += 1;
    token = match(/^\d+/);
    if (token !== null) {
      pos += token.length;
      const index = Number(token);
      const next = source[pos];
      if (next === '}') {
        pos += 1;
        return { kind: 'tabstop', index, offset, placeholder: null, choices: null };
      }
      if (next === ':') {
        pos += 1;
        const placeholder = sequence(true);
        closeBrace();
        if (placeholder.length === 0) fail(`empty placeholder for tab stop ${index}`);
        return { kind: 'tabstop', index, offset, placeholder, choices: null };
      }
      if (next === '|') {
        pos += 1;
        return { kind: 'tabstop', index, offset, placeholder: null, choices: choiceOptions() };
      }
      if (next === '/') fail('transforms are not used in these snippets');
      return fail('expected "}", ":" or "|" after a tab stop number');
    }
    token = match(/^[_A-Za-z][_A-Za-z0-9]*/);
    if (token !== null) {
      pos += token.length;
      if (source[pos] === '}') {
        pos += 1;
        return { kind: 'variable', name: token, offset, fallback: null };
      }
      if (source[pos] === ':') {
        pos += 1;
        const fallback = sequence(true);
        closeBrace();
        return { kind: 'variable', name: token, offset, fallback };
      }
      return fail('expected "}" or ":" after a variable name');
    }
    return fail('"${" must be followed by a tab stop number or a variable name');
  }

  return sequence(false);
}

type Occurrence = Extract<SnippetNode, { kind: 'tabstop' }>;
type VariableUse = Extract<SnippetNode, { kind: 'variable' }>;

function walk(nodes: SnippetNode[], onTabstop: (t: Occurrence) => void, onVariable: (v: VariableUse) => void): void {
  for (const node of nodes) {
    if (node.kind === 'tabstop') {
      onTabstop(node);
      if (node.placeholder) walk(node.placeholder, onTabstop, onVariable);
    } else if (node.kind === 'variable') {
      onVariable(node);
      if (node.fallback) walk(node.fallback, onTabstop, onVariable);
    }
  }
}

/** What is wrong with the tab stops and variables of a parsed snippet (empty when nothing is). */
function tabstopProblems(nodes: SnippetNode[]): string[] {
  const problems: string[] = [];
  const stops: Occurrence[] = [];
  walk(
    nodes,
    (t) => stops.push(t),
    (v) => {
      if (!KNOWN_VARIABLES.has(v.name)) problems.push(`unknown variable ${v.name}`);
    },
  );
  stops.sort((a, b) => a.offset - b.offset);

  const finals = stops.filter((t) => t.index === 0);
  if (finals.length !== 1) problems.push(`expected exactly one $0, found ${finals.length}`);
  for (const f of finals) {
    if (f.placeholder || f.choices) problems.push('$0 takes no placeholder or choice');
    if (stops[stops.length - 1] !== f) problems.push('$0 must be the last tab stop');
  }

  const firstSeen: number[] = [];
  for (const t of stops) if (t.index !== 0 && !firstSeen.includes(t.index)) firstSeen.push(t.index);
  const expected = firstSeen.map((_, i) => i + 1);
  if (firstSeen.join(',') !== expected.join(',')) {
    problems.push(`tab stops must be numbered 1, 2, 3 … in reading order; found ${firstSeen.join(', ')}`);
  }

  for (const index of firstSeen) {
    const same = stops.filter((t) => t.index === index);
    const defaults = new Set(same.filter((t) => t.placeholder).map((t) => expand(t.placeholder ?? [], new Map())));
    const choices = same.filter((t) => t.choices);
    if (defaults.size > 1) problems.push(`tab stop ${index} has different placeholders: ${[...defaults].join(' / ')}`);
    if (choices.length > 1) problems.push(`tab stop ${index} has more than one choice list`);
    if (choices.length === 1 && defaults.size > 0) problems.push(`tab stop ${index} is both a choice and a placeholder`);
    const first = same[0];
    if (same.length > 1 && first && !first.placeholder && !first.choices) {
      problems.push(`tab stop ${index} is mirrored: its first occurrence should carry the placeholder or choice`);
    }
  }
  return problems;
}

/** The text a snippet inserts when every tab stop keeps its default (the first choice of a choice list). */
function expand(nodes: SnippetNode[], defaults: Map<number, string>): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.value;
    else if (node.kind === 'variable') {
      out += node.fallback ? expand(node.fallback, defaults) : (SAMPLE_VARIABLES[node.name] ?? '');
    } else if (node.choices) out += node.choices[0];
    else if (node.placeholder) out += expand(node.placeholder, defaults);
    else out += defaults.get(node.index) ?? '';
  }
  return out;
}

function expandWithMirrors(nodes: SnippetNode[]): string {
  const defaults = new Map<number, string>();
  walk(
    nodes,
    (t) => {
      if (defaults.has(t.index)) return;
      if (t.choices) defaults.set(t.index, t.choices[0] ?? '');
      else if (t.placeholder) defaults.set(t.index, expand(t.placeholder, defaults));
    },
    () => {},
  );
  return expand(nodes, defaults);
}

// ---------------------------------------------------------------------------------------------------------------
// The Markdown check

function shape(node: Nodes): string {
  if (node.type === 'text') return 'text';
  if ('children' in node && node.children.length > 0) {
    return `${node.type}(${(node.children as Nodes[]).map(shape).join(' ')})`;
  }
  return node.type;
}

const UNEXPECTED_NODES = new Set([
  'code',
  'inlineCode',
  'thematicBreak',
  'definition',
  'linkReference',
  'imageReference',
  'image',
  'link',
  'footnoteReference',
  'footnoteDefinition',
  'table',
  'list',
]);

/** Surprises in the Markdown a snippet expands to: markup that did not parse as markup, or parsed as something else. */
function markdownSurprises(markdown: string, tree: Root): string[] {
  const problems: string[] = [];
  markdown.split('\n').forEach((line, i) => {
    if (/[ \t]$/.test(line)) problems.push(`line ${i + 1} ends in whitespace (use a backslash for a hard break)`);
    if (line.includes('\t')) problems.push(`line ${i + 1} has a tab`);
  });
  if (/\$\{|\$\d/.test(markdown)) problems.push('snippet syntax left in the expansion');

  const visit = (node: Nodes): void => {
    if (UNEXPECTED_NODES.has(node.type))
      problems.push(`unexpected ${node.type}: ${JSON.stringify(markdown.slice(node.position?.start.offset, node.position?.end.offset))}`);
    if (node.type === 'text') {
      for (const marker of ['**', '__', '~~', '<u>', '</u>', '<!--']) {
        if (node.value.includes(marker)) problems.push(`"${marker}" left as text in ${JSON.stringify(node.value)}`);
      }
    }
    if (node.type === 'heading' && markdown[node.position?.start.offset ?? 0] !== '#') {
      problems.push('a setext heading (text underlined by --- or ===)');
    }
    if (node.type === 'html' && !/^(?:<u>|<\/u>|<!--[^]*-->)$/.test(node.value)) {
      problems.push(`unexpected HTML ${JSON.stringify(node.value)}`);
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      let open = 0;
      for (const child of children) {
        if (child.type === 'html' && child.value === '<u>') open += 1;
        if (child.type === 'html' && child.value === '</u>') open -= 1;
        if (open < 0 || open > 1) problems.push(`<u> … </u> not paired in ${node.type}`);
      }
      if (open !== 0) problems.push(`<u> … </u> not paired in ${node.type}`);
      for (const child of children) visit(child);
    }
  };
  visit(tree);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

interface SnippetDefinition {
  prefix: unknown;
  body: unknown;
  description: unknown;
}

const raw = readFileSync(SNIPPETS_PATH, 'utf8');
const snippets = JSON.parse(raw) as Record<string, SnippetDefinition>;
const entries = Object.entries(snippets);
const bodyOf = (s: SnippetDefinition): string => (Array.isArray(s.body) ? s.body.join('\n') : String(s.body));
const prefixesOf = (s: SnippetDefinition): string[] => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]) as string[];
const markdown = unified().use(remarkParse).use(remarkGfm);

describe('the snippet checker', () => {
  it('accepts the forms VS Code accepts', () => {
    const nodes = parseSnippet('${1:a ${2:b}} ${3|x\\,y,z|} \\$5 ${TM_SELECTED_TEXT:sel} $1 \\} \\\\ a\\b $0');
    expect(tabstopProblems(nodes)).toEqual([]);
    expect(expandWithMirrors(nodes)).toBe('a b x,y $5 sel a b } \\ a\\b ');
  });

  it.each([
    ['US$ 5', 'a literal "$"'],
    ['$.', 'a literal "$"'],
    ['${1:unclosed', 'never closed'],
    ['a } b', 'unescaped "}"'],
    ['${1|a,b}', 'choice never closed'],
    ['${1/(.*)/$1/}', 'transforms'],
    ['${1:}', 'empty placeholder'],
    ['${x y}', 'expected "}" or ":"'],
  ])('rejects %j', (body, message) => {
    expect(() => parseSnippet(body)).toThrow(message);
  });

  it.each([
    ['$5 million $0', 'numbered 1, 2, 3'],
    ['$1 $0 $0', 'exactly one $0'],
    ['$1', 'exactly one $0'],
    ['$0 $1', '$0 must be the last'],
    ['${0:x}', 'no placeholder'],
    ['$2 $1 $0', 'reading order'],
    ['$1 $3 $0', 'reading order'],
    ['${1:a} ${1:b} $0', 'different placeholders'],
    ['$1 ${1:a} $0', 'first occurrence'],
    ['$FOO $0', 'unknown variable FOO'],
  ])('flags the tab stops of %j', (body, message) => {
    expect(tabstopProblems(parseSnippet(body)).join('\n')).toContain(message);
  });

  it('flags Markdown surprises', () => {
    const check = (md: string) => markdownSurprises(md, markdown.parse(md));
    expect(check('**unclosed bold')).toEqual([expect.stringContaining('"**" left as text')]);
    expect(check('<u>added')).toEqual([expect.stringContaining('not paired')]);
    expect(check('Text\n---')).toEqual([expect.stringContaining('setext')]);
    expect(check('    indented')).toEqual([expect.stringContaining('unexpected code')]);
    expect(check('trailing  \nbreak')).toEqual([expect.stringContaining('ends in whitespace')]);
    expect(check('/s/ Name\\\nTitle')).toEqual([]);
  });
});

describe('snippets/corresp.code-snippets', () => {
  it('is plain JSON with no duplicate names', () => {
    expect(entries.length).toBeGreaterThan(0);
    // JSON.parse keeps the last of two equal keys: count the definitions in the text instead.
    expect(raw.match(/"prefix"\s*:/g)?.length).toBe(entries.length);
  });

  it('has unique prefixes under one stem, and a description for each snippet', () => {
    const prefixes = entries.flatMap(([, s]) => prefixesOf(s));
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const [name, s] of entries) {
      for (const prefix of prefixesOf(s)) {
        expect(prefix, name).toMatch(new RegExp(`^${STEM}[a-z0-9]+(?:-[a-z0-9]+)*$`));
      }
      expect(typeof s.description, name).toBe('string');
      expect(String(s.description).length, name).toBeGreaterThan(10);
      expect(Array.isArray(s.body) || typeof s.body === 'string', name).toBe(true);
    }
    expect(Object.keys(EXPECTED_SHAPE).sort()).toEqual(prefixes.slice().sort());
  });

  describe.each(entries)('%s', (_name, snippet) => {
    const body = bodyOf(snippet);
    const prefix = prefixesOf(snippet)[0] ?? '';

    it('is a well-formed snippet with sensibly numbered tab stops', () => {
      expect(tabstopProblems(parseSnippet(body))).toEqual([]);
    });

    it('expands to the expected Markdown, without surprises', () => {
      const expanded = expandWithMirrors(parseSnippet(body));
      const tree = markdown.parse(expanded);
      expect(markdownSurprises(expanded, tree)).toEqual([]);
      expect(tree.children.map(shape).join(' ')).toBe(EXPECTED_SHAPE[prefix]);
    });
  });
});

describe('package.json', () => {
  const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
    contributes?: { snippets?: { language?: string; path?: string }[] };
  };
  const contribution = manifest.contributes?.snippets?.find((s) => s.path?.replace(/^\.\//, '') === 'snippets/corresp.code-snippets');
  it.skipIf(!contribution)('contributes the snippets for Markdown', () => {
    expect(contribution?.language).toBe('markdown');
  });
});
