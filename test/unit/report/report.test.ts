import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { escapeHtml } from '../../../server/src/features/htmlText';
import { escapeMarkdownLine as escapeMarkdown } from '../../../server/src/features/markdownText';
import { describe, expect, it } from 'vitest';
import { analyseLetter, renderReportHtml, renderReportMarkdown, reportModel, type Report } from '../../../server/src/features/report';
import { readLetterText, staffLetterOf } from '../../../server/src/letters/read';
import { ANSWERS, COMMENTS, copyExamples, draft, run, staffLetter, tempRepo, thread, write } from '../cli/helpers';

function examplesRepo(): string {
  const dir = tempRepo();
  copyExamples(dir, 'examples');
  return dir;
}

/** Everything a self-contained page must not hold: scripts, external resources, links out. */
function externalReferences(html: string): string[] {
  const found: string[] = [];
  for (const re of [
    /<script/i,
    /<link/i,
    /<iframe/i,
    /<img/i,
    /<object/i,
    /<embed/i,
    /@import/i,
    /url\(/i,
    /\bsrc\s*=/i,
    /https?:/i,
    /\/\//,
    /\bon[a-z]+\s*=/i,
    /href\s*=\s*(?!["']?#)/i,
  ]) {
    const m = re.exec(html);
    if (m) found.push(m[0]);
  }
  return found;
}

function balanced(html: string): boolean {
  return [
    'html',
    'head',
    'body',
    'section',
    'article',
    'table',
    'thead',
    'tbody',
    'tr',
    'td',
    'th',
    'nav',
    'ol',
    'li',
    'p',
    'div',
    'span',
    'h1',
    'h2',
    'h3',
  ].every((tag) => (html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length === (html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);
}

describe('corresp report on the example thread', () => {
  it('lists every comment with caption, status, words, citations, line, and the letter’s coverage and due date', async () => {
    const r = await run(['report', 'examples', '--format', 'md'], examplesRepo(), '2017-08-28');
    expect(r.code).toBe(0);
    const md = r.stdout;
    const [table, promises] = md.split('#### Commitments');
    const rows = table!.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.map((l) => l.split(' | ').slice(0, 1)[0])).toEqual(['| 1', '| 2', '| 3', '| 4', '| 5']);
    // Each comment's topics; the draft's promises for later, with the comment, the filing named and the line.
    expect(rows[2]).toContain('_(Non-GAAP measures, Segments)_');
    const commitments = promises!.split('\n').filter((l) => /^\| [\d–]/.test(l));
    expect(promises).toMatch(/^ \(\d+\)/);
    expect(
      commitments.some((l) =>
        /^\| 2 \| The Company will provide the disclosure required by ASC 850-10-50-1 in its future filings.* \(line \d+\) \| (?:its )?future filings/.test(l),
      ),
    ).toBe(true);
    expect(md).toContain('| Commitments | ');
    expect(rows[0]).toMatch(
      /^\| 1 \| \*\*Item 3\. Key Information › A\. Selected Financial Data, page 3\*\*: We continue to evaluate your response to prior comment 1 /,
    );
    expect(rows[0]).toMatch(/ \| ✔ Answered \(line 30\) \| 130 \| ASC 605-10-S99-1 \(superseded\) \|$/);
    // Answered, but its repeated words drifted: an open item, in bold under the status.
    expect(rows[1]).toMatch(/ \| \*\*✔ Answered \(line 36\)\*\*<br>quote drift: The repeated comment 2 differs .* \(line 36\) \| 63 \| ASC 850-10-50-1 \|$/);
    expect(rows[2]).toMatch(
      /^\| 3 \| \*\*Item 3\. Key Information › Discussion of Non-GAAP Financial Measures, page 5\*\*: .* \| \*\*◐ Placeholder only \(line 42\)\*\*<br>placeholder only \(line 42\) \| – \| – \|$/,
    );
    expect(rows[3]).toMatch(
      /^\| 4 \| \*\*Item 3\. Key Information › Discussion of Non-GAAP Financial Measures, page 5\*\*: We note your response to prior comment 3\. .* \| \*\*✘ Missing\*\*<br>missing \(belongs at line 44\) \| – \| – \|$/,
    );
    expect(rows[4]).toMatch(
      /^\| 5 \| \*\*Item 5\. Operating and Financial Review and Prospects › Critical Accounting Policies › Goodwill, page 84\*\*: .* \| \*\*✔ Answered \(line 52\)\*\*<br>blank: \\\[●\\\] \(line 60\) \| \d+ \| ASC 350-20-35-30 \|$/,
    );
    // The report starts with the open items, each with its line.
    const open = md.slice(md.indexOf('## Open items'), md.indexOf('## 21Vianet'));
    expect(open.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(4);
    expect(open).toMatch(/comment 4: missing \(belongs at line 44\)/);
    expect(md).toContain('## 21Vianet Group, Inc. (File No. 001-35126)');
    expect(md).toContain('### Staff letter of August 16, 2017');
    expect(md).toContain('- Staff letter: examples/staff-letter-2017-08-16.md');
    expect(md).toContain('- Response draft: examples/response-2017-08-16.md');
    expect(md).toContain('- Due August 30, 2017 (10 business days after the letter): 2 days left');
    expect(md).toContain('- Coverage: `[████████████▒▒▒▒░░░░]` 3 of 5 answered (60%) · 1 placeholder only · 1 missing');
    expect(md).toContain('| Comments | 3 of 5 answered (60%) · 1 placeholder only · 1 missing |');
  });

  it('renders one self-contained HTML page: inline CSS, no scripts, nothing external', async () => {
    const r = await run(['report', 'examples'], examplesRepo(), '2017-09-05');
    const html = r.stdout;
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(externalReferences(html)).toEqual([]);
    expect(balanced(html)).toBe(true);
    // Every comment, with its status in words and an icon, not only in colour.
    expect((html.match(/<tr class="comment comment-/g) ?? []).length).toBe(5);
    for (const n of [1, 2, 3, 4, 5]) expect(html).toContain(`<td class="num">${n}</td>`);
    expect((html.match(/<span aria-hidden="true">✔<\/span> Answered/g) ?? []).length).toBe(3);
    expect(html).toContain('<span aria-hidden="true">◐</span> Placeholder only');
    expect(html).toContain('<span aria-hidden="true">✘</span> Missing');
    expect(html).toContain('Goodwill, page 84');
    expect(html).toContain('⚠ Due August 30, 2017 (10 business days after the letter): OVERDUE by 6 days');
    expect(html).toContain('<div class="bar" role="img" aria-label="3 of 5 answered (60%) · 1 placeholder only · 1 missing">');
    expect(html).toContain('<p class="coverage-text">3 of 5 answered (60%) · 1 placeholder only · 1 missing</p>');
  });

  it('prints well: a page per letter, headers repeated, rows kept whole', async () => {
    const html = (await run(['report', 'examples'], examplesRepo())).stdout;
    const print = /@media print \{([\s\S]*?)\n\}/.exec(html)?.[1] ?? '';
    expect(print).toMatch(/\.letter \{ break-before: page; \}/);
    expect(print).toMatch(/thead \{ display: table-header-group; \}/);
    expect(print).toMatch(/tr, \.due, \.coverage \{ break-inside: avoid; \}/);
    expect(html).toContain('@page');
  });

  it('writes -o, refuses to overwrite it without --force, and replaces it with --force', async () => {
    const dir = examplesRepo();
    const first = await run(['report', 'examples', '-o', 'out/report.html'], dir);
    expect(first.code).toBe(0);
    expect(first.out).toEqual([]);
    expect(first.err).toEqual(['out/report.html: report of 1 letter in 1 thread; 3 of 5 comments answered']);
    const file = path.join(dir, 'out/report.html');
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const again = await run(['report', 'examples', '-o', 'out/report.html', '--format', 'md'], dir);
    expect(again.code).toBe(2);
    expect(again.err).toEqual(['corresp: out/report.html: the file already exists (use --force to replace it)']);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const forced = await run(['report', 'examples', '-o', 'out/report.html', '--format', 'md', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# Comment letter responses/);
  });

  it('reports the working folder when given no paths, and exits 2 for a bad format or path', async () => {
    const dir = examplesRepo();
    const r = await run(['report', '--format', 'md'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- Response draft: examples/response-2017-08-16.md');
    expect((await run(['report', '--format', 'pdf'], dir)).code).toBe(2);
    const missing = await run(['report', 'nowhere'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual(['corresp: nowhere: no such file']);
    expect(existsSync(path.join(dir, 'report.html'))).toBe(false);
  });
});

describe('escaping letter text', () => {
  const nasty = [
    {
      caption: 'Revenue <script>alert("caption")</script> & "margins"',
      text: 'Please tell us how you considered ASC 606-10-25-1 for your <script>alert(1)</script> <img src=x onerror=alert(2)> contracts.',
    },
    {
      caption: 'Revenue <script>alert("caption")</script> & "margins"',
      text: 'Please revise your disclosure of the | pipe | and *stars* and [links](javascript:alert(3)).',
    },
  ];
  // Markdown letters write "<" as an entity so the text holds it (raw HTML in Markdown is not letter text).
  const asMarkdown = (t: string) =>
    t
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[*[\]]/g, '\\$&');

  function nastyRepo(): string {
    const dir = tempRepo();
    const md = nasty.map((c) => ({ caption: asMarkdown(c.caption), text: asMarkdown(c.text) }));
    write(dir, 't/staff-letter.md', staffLetter({ date: '2024-05-01', company: 'Evil <b>Corp</b>', comments: md }));
    write(dir, 't/response.md', draft({ staff: './staff-letter.md', comments: md, answers: [ANSWERS[0], undefined] }));
    return dir;
  }

  it('escapes every piece of letter text in HTML', async () => {
    const html = (await run(['report', '.'], nastyRepo(), '2024-05-02')).stdout;
    expect(html).toContain('Revenue &lt;script&gt;alert(&quot;caption&quot;)&lt;/script&gt; &amp; &quot;margins&quot;');
    expect(html).toContain('for your &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; contracts.');
    expect(html).toContain('Evil &lt;b&gt;Corp&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(balanced(html)).toBe(true);
  });

  it('escapes every piece of letter text in Markdown', async () => {
    const md = (await run(['report', '.', '--format', 'md'], nastyRepo(), '2024-05-02')).stdout;
    expect(md).toContain('Revenue \\<script\\>alert("caption")\\</script\\> \\& "margins"');
    expect(md).toContain('the \\| pipe \\| and \\*stars\\* and \\[links\\](javascript:alert(3)).');
    expect(md).toContain('## Evil \\<b\\>Corp\\</b\\>');
    expect(md).not.toMatch(/(?<!\\)<script/);
    // Each table row still has its five cells.
    for (const row of md.split('\n').filter((l) => /^\| \d+ \|/.test(l))) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  it("shows a line break in the staff-letter path as \\n, on the path's own line (Markdown and HTML)", async () => {
    // Reliability (issue 17): a YAML "\n" in `staff-letter:` was collapsed to a space, hiding what was written.
    const dir = tempRepo();
    write(dir, 't/staff-letter.md', staffLetter({ date: '2024-05-01', company: 'Acme Corp.', comments: COMMENTS.slice(0, 1) }));
    const text = draft({ staff: './staff-letter.md', comments: COMMENTS.slice(0, 1), answers: [ANSWERS[0]] }).replace(
      /^staff-letter: .*$/m,
      'staff-letter: "./staff-letter.md\\n# Injected\\r| x |"',
    );
    write(dir, 't/response.md', text);
    expect(await run(['report', '.', '--format', 'md', '-o', 'out.md'], dir, '2024-05-02')).toMatchObject({ code: 0 });
    const md = readFileSync(path.join(dir, 'out.md'), 'utf8');
    const line = md.split('\n').find((l) => l.startsWith('- Staff letter: ./staff-letter.md'));
    expect(line).toBe('- Staff letter: ./staff-letter.md\\\\n\\# Injected\\\\r\\| x \\|');
    expect(md).not.toMatch(/^# Injected/m);
    await run(['report', '.', '-o', 'out.html'], dir, '2024-05-02');
    expect(readFileSync(path.join(dir, 'out.html'), 'utf8')).toContain('<span class="file">./staff-letter.md\\n# Injected\\r| x |</span>');
  });

  it('escapes in the pure helpers', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkdown('a|b\n<i>*c*</i> [d](e) `f` _g_ #h &amp;')).toBe('a\\|b \\<i\\>\\*c\\*\\</i\\> \\[d\\](e) \\`f\\` \\_g\\_ \\#h \\&amp;');
  });
});

describe('threads and the summary across a repository', () => {
  function repository(): string {
    const dir = tempRepo({ '.corresp.yaml': 'due:\n  warn-days-before: 3\n' });
    // Acme: a first letter answered in full, and a second one that refers to it, half answered.
    thread(dir, 'acme/2024-03', { date: '2024-03-01', fileNo: '001-11111' });
    const second = [
      {
        caption: 'Revenue Recognition',
        text: 'We note your response to prior comment 1. Please tell us how you considered ASC 606-10-25-1 for the new contracts.',
      },
      { caption: 'Segments', text: 'Please tell us how you identified your operating segments under ASC 280-10-50-1.' },
    ];
    write(
      dir,
      'acme/2024-05/staff-letter.md',
      staffLetter({ date: '2024-05-01', company: 'Acme Widgets, Inc.', fileNo: '001-11111', prior: '2024-03-01', comments: second }),
    );
    write(dir, 'acme/2024-05/response.md', draft({ staff: './staff-letter.md', comments: second, answers: [ANSWERS[0], 'TODO'] }));
    // Globex: a letter just received, no draft yet.
    write(dir, 'globex/staff-letter.md', staffLetter({ date: '2024-05-03', company: 'Globex Corp.', comments: COMMENTS }));
    return dir;
  }

  it('groups letters by prior-letter date into threads, oldest letter first', async () => {
    const md = (await run(['report', '.', '--format', 'md'], repository(), '2024-05-13')).stdout;
    const headings = md.split('\n').filter((l) => /^#{2,3} /.test(l));
    expect(headings).toEqual([
      '## Summary',
      '## Open items',
      '## Acme Widgets, Inc. (File No. 001-11111)',
      '### Staff letter of March 1, 2024 (letter 1 of 2)',
      '### Staff letter of May 1, 2024 (letter 2 of 2)',
      '## Globex Corp.',
      '### Staff letter of May 3, 2024',
    ]);
    // The first round was answered: the staff's second letter shows it was sent.
    expect(md).toContain('- Was due March 15, 2024 (10 business days after the letter); the staff replied on May 1, 2024');
    expect(md).toContain('- Due May 15, 2024 (10 business days after the letter): DUE SOON: 2 days left');
    expect(md).toContain('- Response draft: none in these paths');
    expect(md.split('\n').filter((l) => l.includes('– No draft'))).toHaveLength(3);
  });

  it('sums up the drafts across the repository', async () => {
    const md = (await run(['report', '.', '--format', 'md'], repository(), '2024-05-13')).stdout;
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('## Acme'));
    expect(summary).toContain('| Threads | 2 |');
    expect(summary).toContain('| Staff letters | 3 (1 without a response draft) |');
    expect(summary).toContain('| Response drafts | 2 |');
    expect(summary).toContain('| Comments | 4 of 5 answered (80%) · 1 placeholder only |');
    expect(summary).toContain('| Overdue | 0 |');
    expect(summary).toContain('| Due soon or today | 1 |');
  });

  it('counts an overdue latest response, and a report of nothing says so', async () => {
    const md = (await run(['report', '.', '--format', 'md'], repository(), '2024-05-20')).stdout;
    expect(md).toContain('| Overdue | 1 |');
    expect(md).toContain('- Due May 15, 2024 (10 business days after the letter): OVERDUE by 5 days');
    const empty = await run(['report', 'docs', '--format', 'md'], tempRepo({ 'docs/a.md': '# A\n' }));
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No response drafts or staff letters were found.');
    expect(empty.err).toEqual(['docs: no Corresp response drafts here (Markdown files whose front matter has staff-letter: or corresp: response)']);
  });
});

describe('drafts without a readable staff letter', () => {
  it('are in the report with the reason, and no comments', async () => {
    const dir = tempRepo();
    write(dir, 'unnamed/response.md', '---\ncorresp: response\n---\n\nDear Staff:\n\n**1. Please tell us more.**\n\nResponse: We will.\n');
    write(dir, 'lost/response.md', draft({ staff: './gone.md', comments: COMMENTS, answers: ANSWERS }));
    const md = (await run(['report', '.', '--format', 'md'], dir, '2024-05-02')).stdout;
    expect(md).toContain('- Staff letter: ./gone.md\n- Response draft: lost/response.md\n- **Problem:** The staff letter cannot be read: no such file.');
    expect(md).toContain('- Staff letter: none named\n- Response draft: unnamed/response.md\n- **Problem:** The draft names no staff letter.');
    expect(md).toContain('| Comments | No comments to answer |');
  });
});

describe('reportModel (pure)', () => {
  const staffText = staffLetter({ date: '2024-05-01', company: 'Acme Widgets, Inc.', comments: COMMENTS });
  const draftText = draft({ staff: './staff.md', comments: COMMENTS, answers: [ANSWERS[0], 'TODO', undefined] });
  const letter = staffLetterOf(readLetterText('staff.md', staffText));

  function model(today: string, warnDaysBefore?: number): Report {
    const analysed = analyseLetter(
      {
        path: 'draft.md',
        file: readLetterText('draft.md', draftText),
        role: 'response',
        staff: { path: './staff.md', letter },
        staffId: '/x/staff.md',
        settings: warnDaysBefore === undefined ? {} : { warnDaysBefore },
      },
      today,
    );
    return reportModel({ letters: [analysed], staffLetters: [{ id: '/x/staff.md', path: 'x/staff.md', letter }], today, generator: 'corresp test' });
  }

  it('holds each comment’s status, words, citations and line, and the letter’s counts and due date', () => {
    const r = model('2024-05-10');
    expect(r.threads).toHaveLength(1);
    const l = r.threads[0]!.letters[0]!;
    expect(l.staffPath).toBe('x/staff.md');
    expect(l.draftPath).toBe('draft.md');
    expect(l.comments.map((c) => [c.number, c.status, c.words, c.citations])).toEqual([
      [1, 'answered', 23, ['ASC 606-10-25-1']],
      [2, 'placeholder', 0, []],
      [3, 'missing', 0, []],
    ]);
    expect(l.comments[0]!.caption).toEqual(['Revenue Recognition']);
    expect(l.comments[0]!.line).toBe(12);
    expect(l.counts).toEqual({ total: 3, answered: 1, placeholder: 1, missing: 1 });
    expect(l.due).toEqual({ date: '2024-05-15', basis: 'business-days', days: 10, letterDate: '2024-05-01', daysLeft: 5, state: 'open' });
    expect(l.diagnostics).toEqual({ errors: 1, warnings: 1, notes: 1 });
    expect(r.summary).toMatchObject({
      threads: 1,
      letters: 1,
      drafts: 1,
      total: 3,
      answered: 1,
      placeholder: 1,
      missing: 1,
      overdue: 0,
      dueSoon: 0,
      errors: 1,
      warnings: 1,
    });
  });

  it('says due soon within warn-days-before, due today, and overdue', () => {
    expect(model('2024-05-12', 2).threads[0]!.letters[0]!.due).toMatchObject({ state: 'open', daysLeft: 3 });
    expect(model('2024-05-13', 2).threads[0]!.letters[0]!.due).toMatchObject({ state: 'due-soon', daysLeft: 2 });
    expect(model('2024-05-13').threads[0]!.letters[0]!.due!.state).toBe('open');
    expect(model('2024-05-15').threads[0]!.letters[0]!.due!.state).toBe('due-today');
    expect(model('2024-05-16').threads[0]!.letters[0]!.due).toMatchObject({ state: 'overdue', daysLeft: -1 });
    expect(model('2024-05-16').summary.overdue).toBe(1);
    expect(renderReportHtml(model('2024-05-15'))).toContain('DUE TODAY');
    expect(renderReportMarkdown(model('2024-05-14', 2))).toContain('DUE SOON: 1 day left');
  });
});
