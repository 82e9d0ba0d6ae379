/**
 * Responses exactly as they went to EDGAR, each checked against the staff letter it answers (test/fixtures/threads):
 * what a filed letter carries besides its answers (page furniture, layout tables, numbered lists, courtesies) must not
 * be taken for a comment, an answer or a change to the staff's words; what the company really changed still is.
 */
import { describe, expect, it } from 'vitest';
import { coverageOf, type Coverage } from '../../../server/src/letters/coverage';
import type { ResponseDraft, StaffLetter } from '../../../server/src/letters/model';
import { letterKindOf, readLetterText, responseOf, staffLetterOf, type LetterFile } from '../../../server/src/letters/read';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, letterFile } from '../../helpers';

interface Read {
  readonly file: LetterFile;
  readonly staff: StaffLetter;
  readonly draft: ResponseDraft;
  readonly coverage: Coverage;
}

async function read(thread: string, staffName: string, responseName: string): Promise<Read> {
  const staff = staffLetterOf(await letterFile('threads', thread, staffName));
  const file = await letterFile('threads', thread, responseName);
  const draft = responseOf(file, staff);
  return { file, staff, draft, coverage: coverageOf(draft, staff) };
}

const codes = (r: Read, code: string) => r.coverage.problems.filter((p) => p.code === code);
const texts = (r: Read) => r.file.blocks.map((b) => b.text);

describe('which kind of letter a file is', () => {
  it('reads every filed response here as a response and every staff letter as a staff letter, the Commission in the address block notwithstanding', async () => {
    const wrong: string[] = [];
    for (const thread of readdirSync(path.join(FIXTURES, 'threads'))) {
      for (const name of readdirSync(path.join(FIXTURES, 'threads', thread))) {
        const kind = letterKindOf(await letterFile('threads', thread, name));
        if (kind !== (name.includes('staff') ? 'staff-letter' : 'response')) wrong.push(`${thread}/${name}: ${kind}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('page furniture in EDGAR HTML', () => {
  it('drops the running head at every page break and joins the comment it split (Baker Hughes, 2017: “Page 5 <May 9, 2017>”)', async () => {
    const r = await read('bkr_0000000000-17-014455', '01-staff.txt', '02-response.htm');
    expect(texts(r).filter((t) => /^Page \d+ <May 9, 2017>$/.test(t))).toEqual([]);
    const five = r.draft.anchors.find((a) => a.numbers[0] === 5)!;
    expect(five.quote!.text).toContain('in making an investment decision, including the potential impact');
    // The only drift left is the staff's own typographical errors, which the company corrected.
    expect(codes(r, 'quote.drift').map((p) => p.message)).toEqual([
      "The repeated comment 3 differs from the staff's words: “filing” for “fling”.",
      "The repeated comment 23 differs from the staff's words: “note” for “not”.",
    ]);
    expect(r.coverage.answered).toBe(r.coverage.total);
  });

  it('drops a letterhead address and telephone line at the foot of a page (Tapestry, 2020)', async () => {
    const r = await read('tpr_0000000000-20-000940', '01-staff.txt', '02-response.htm');
    expect(texts(r).some((t) => t.includes('10 HUDSON YARDS'))).toBe(false);
    expect(r.coverage.problems.filter((p) => p.severity === 'warning' || p.severity === 'error')).toEqual([]);
  });

  it('drops a Workiva running head (addressee and date) from the middle of a repeated comment (Solventum, 2024)', async () => {
    const r = await read('solv_0000000000-24-002348', '01-staff.txt', '02-response.htm');
    expect(texts(r).filter((t) => t.startsWith('U.S. Securities and Exchange Commission March 5, 2024'))).toEqual([]);
    expect(codes(r, 'quote.drift')).toEqual([]);
  });

  it('keeps a caption at the top of a page even when it names the filing as the Re block does (Chubb, 2019)', async () => {
    const r = await read('cb_0000000000-19-007690', '01-staff.txt', '02-response.htm');
    const two = r.draft.anchors.find((a) => a.numbers[0] === 2)!;
    expect(two.captionsBefore.map((c) => c.title)).toEqual([
      'Form 8-K dated February 5, 2019',
      'Exhibit 99.2',
      'Regulation G—Non-GAAP Financial Measures',
      'Core Operating Income measures, page 33',
    ]);
  });

  it('keeps a label that recurs at page breaks (“CATERPILLAR RESPONSE:”) as the label it is (Caterpillar, 2017)', async () => {
    const r = await read('cat_0000000000-17-022437', '01-staff.txt', '02-response.htm');
    expect(r.draft.anchors).toHaveLength(5);
    for (const a of r.draft.anchors) {
      const label = a.response.label;
      expect(label && r.file.text.slice(label.start, label.end)).toBe('CATERPILLAR RESPONSE:');
      expect(a.response.text).not.toMatch(/^CATERPILLAR RESPONSE/i);
    }
  });

  it('keeps the letterhead before the salutation, where the date and the addressee are read', async () => {
    const r = await read('solv_0000000000-24-002348', '01-staff.txt', '02-response.htm');
    expect(r.draft.date).toBe('2024-03-05');
  });
});

describe('what the staff letter’s own furniture left in a comment is no drift', () => {
  it('its template’s “FirstName … LastName …” with the addressee and the company (Xylem, 2022)', async () => {
    const r = await read('xyl_0000000000-22-008046', '09-staff.txt', '10-response.htm');
    expect(codes(r, 'quote.drift')).toEqual([]);
  });

  it('the addressee’s name its running head repeats (“Mr. Gross”, Lennar, 2016)', async () => {
    const r = await read('len_0000000000-16-068040', '01-staff.txt', '02-response.htm');
    expect(codes(r, 'quote.drift')).toEqual([]);
  });
});

describe('a letter laid out in a table beside its logo (Chubb, 2019)', () => {
  it('is read paragraph by paragraph, so its first comment is found and answered', async () => {
    const r = await read('cb_0000000000-19-007690', '01-staff.txt', '02-response.htm');
    expect(texts(r)).toContain('Dear Mr. Rosenberg,');
    expect(r.coverage.comments.find((c) => c.number === 1)!.status).toBe('answered');
  });

  it('does not take a numbered note title (“6. Unpaid losses and loss expenses”) for an answer to comment 6', async () => {
    const r = await read('cb_0000000000-19-007690', '01-staff.txt', '02-response.htm');
    expect(r.draft.anchors.flatMap((a) => a.numbers)).not.toContain(6);
    expect(r.coverage.problems.filter((p) => p.code === 'anchor.no-such-comment')).toEqual([]);
  });
});

describe('numbered lists and appendices are not answers', () => {
  it('reads a numbered list in an answer as the answer’s, and comments copied into an appendix after the signature as no answers (Chubb, 2019)', async () => {
    const r = await read('cb_0000000000-19-007690', '01-staff.txt', '03-response.htm');
    expect(r.draft.anchors).toEqual([]);
    expect(r.coverage.problems.filter((p) => p.code.startsWith('anchor.') || p.code === 'response.placeholder' || p.code === 'quote.drift')).toEqual([]);
  });

  it('reads “Comment No. 1” alone on its line as an anchor, and the answer’s list 1.–5. as part of the answer (Lennar, 2016)', async () => {
    const r = await read('len_0000000000-16-068040', '01-staff.txt', '02-response.htm');
    expect(r.draft.anchors.map((a) => a.numbers)).toEqual([[1], [2]]);
    expect(r.draft.anchors.map((a) => a.form)).toEqual(['label', 'label']);
    expect(r.coverage.comments.map((c) => c.status)).toEqual(['answered', 'answered']);
    expect(codes(r, 'anchor.duplicate')).toEqual([]);
  });
});

describe('answers that open like a closing', () => {
  it('“The Company acknowledges that it provides …” opens the answer, not the sign-off (Baker Hughes, 2018)', async () => {
    const r = await read('bkr_0000000000-18-030596', '01-staff.txt', '02-response.htm');
    expect(r.coverage.comments.map((c) => c.status)).toEqual(['answered']);
    expect(r.draft.anchors[0]!.response.text).toMatch(/^The Company acknowledges that it provides a list/);
  });

  it('“We appreciate the clarification …” after the last-but-one comment keeps the answers after it (Starbucks, 2019)', async () => {
    const r = await read('sbux_0000000000-19-008093', '03-staff.txt', '04-response.htm');
    expect(r.coverage.comments.map((c) => c.status)).toEqual(['answered', 'answered', 'answered']);
    const two = r.draft.anchors.find((a) => a.numbers[0] === 2)!;
    expect(two.response.text).toMatch(/^We appreciate the clarification/);
  });
});

describe('the cut test: removing one answer leaves exactly that comment unanswered', () => {
  it('even when the answer before the cut opens “We appreciate the Staff’s request …” (Starbucks, 2021)', async () => {
    const r = await read('sbux_0000000000-21-011675', '01-staff.txt', '02-response.htm');
    expect(r.coverage.answered).toBe(5);
    for (const anchor of r.draft.anchors) {
      const kept = r.file.blocks.filter((b) => b.end <= anchor.extent.start || b.start >= anchor.extent.end);
      const cut = coverageOf(responseOf({ ...r.file, blocks: kept }, r.staff), r.staff);
      expect(
        cut.comments.filter((c) => c.status !== 'answered').map((c) => c.number),
        `cutting ${anchor.numbers[0]}`,
      ).toEqual(anchor.numbers);
    }
  });
});

describe('the repeated comment ends where the answer’s first heading begins', () => {
  it('an italic-underlined run-in heading “Games with Services.” (Electronic Arts, 2019)', async () => {
    const r = await read('ea_0000000000-19-011278', '01-staff.txt', '02-response.htm');
    expect(r.draft.anchors.find((a) => a.numbers[0] === 3)!.quote!.text).not.toContain('Games with Services.');
    expect(codes(r, 'quote.drift')).toEqual([]);
  });

  it('but a short last paragraph of the comment itself, without its period, is still the comment’s (Chubb’s 2019 comment 1)', async () => {
    const staff = staffLetterOf(await letterFile('threads', 'cb_0000000000-19-007690', '01-staff.txt'));
    const text = staff.comments[0]!.text.replace(/\s+/g, ' ');
    const at = text.indexOf('Refer to ASC');
    const html = `<p>Dear Mr. Rosenberg,</p><p><b>1. ${text.slice(0, at).trim()}</b></p><p><b>${text.slice(at).replace(/\.$/, '')}</b></p><p>We confirm that we will include reported claims as a column in future filings.</p><p>Sincerely,</p>`;
    const draft = responseOf(readLetterText('response.htm', html), staff);
    expect(draft.anchors[0]!.quote!.text).toContain('Refer to ASC 944-40-50-4D');
    expect(coverageOf(draft, staff).problems.filter((p) => p.code === 'quote.drift')).toEqual([]);
  });

  it('a heading in the quote’s own style (Marsh & McLennan, 2016)', async () => {
    const r = await read('mrsh_0000000000-16-085137', '01-staff.txt', '04-response.htm');
    expect(r.draft.anchors[0]!.quote!.text).not.toContain('Overview of the Company');
    expect(codes(r, 'quote.drift')).toEqual([]);
  });
});

describe('a comment repeated in parts, each part with its own answer', () => {
  it('is one quote of all the parts, and its answers are the answers between them (Solventum, 2024)', async () => {
    const r = await read('solv_0000000000-24-000187', '03-staff.txt', '04-response.htm');
    const one = r.draft.anchors[0]!;
    expect(one.quote!.parts).toHaveLength(4);
    expect(one.quote!.text).toContain('Please revise to quantify this royalty payment.');
    expect(one.response.text).not.toContain('Please revise to quantify this royalty payment.');
    expect(one.response.text.match(/the Company has revised the disclosure/g)).toHaveLength(4);
    expect(codes(r, 'quote.drift')).toEqual([]);
  });
});

describe('a letter with an annex that answers the same comments (Capital One and Discover, 2024)', () => {
  it('does not take the annex’s answers for second answers, nor its numbering for disorder', async () => {
    const r = await read('cof_0000000000-24-005698', '05-staff.txt', '07-response.htm');
    expect(r.draft.anchors.map((a) => a.numbers[0])).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(r.coverage.problems.filter((p) => p.code === 'anchor.duplicate' || p.code === 'anchor.out-of-order')).toEqual([]);
  });

  it('drops the confidential-treatment legend from the repeated comments and reads “[***]” as an omission, not a blank', async () => {
    const r = await read('cof_0000000000-24-005698', '05-staff.txt', '07-response.htm');
    expect(r.draft.anchors.some((a) => a.quote!.text.includes('CONFIDENTIAL TREATMENT'))).toBe(false);
    expect(codes(r, 'quote.drift')).toEqual([]);
    expect(codes(r, 'response.blank')).toEqual([]);
    expect(codes(r, 'response.placeholder')).toEqual([]);
  });
});

describe('brackets that are not blanks', () => {
  it('figures of proposed disclosure (“$XXX.X million”, a table of “XX,XXX.X”) and a quotation’s ellipsis “[…]” (Starbucks, 2019)', async () => {
    const r = await read('sbux_0000000000-19-008093', '03-staff.txt', '04-response.htm');
    expect(r.file.blocks.some((b) => b.text.includes('$XXX.X million'))).toBe(true);
    expect(codes(r, 'response.blank')).toEqual([]);
  });

  it('the omission mark a Rule 83 letter declares (“Omissions are denoted by [*]”) (Darden, 2018)', async () => {
    const r = await read('dri_0000000000-18-003836', '01-staff.txt', '02-response.htm');
    expect(r.file.blocks.some((b) => b.text.includes('[*]'))).toBe(true);
    expect(codes(r, 'response.blank')).toEqual([]);
  });

  it('“$[***]” in a letter that asks for confidential treatment (Electronic Arts, 2019)', async () => {
    const r = await read('ea_0000000000-19-011278', '01-staff.txt', '02-response.htm');
    expect(codes(r, 'response.blank')).toEqual([]);
  });
});

describe('labels and groupings around the repeated comment (Lennar’s 2016 comments, set as other filers do)', () => {
  async function lennar(body: (c: readonly string[]) => string): Promise<Read> {
    const staff = staffLetterOf(await letterFile('threads', 'len_0000000000-16-068040', '01-staff.txt'));
    const c = staff.comments.map((x) => x.text.replace(/\n\n- /g, ' ').replace(/\s+/g, ' '));
    const html = `<html><body><p>March 25, 2016</p><p>Re: Lennar Corporation</p><p>Ladies and Gentlemen:</p><p>The following are our responses.</p>${body(c)}<p>Sincerely,</p><p>/s/ Mark Sustana</p></body></html>`;
    const file = readLetterText('response.htm', html);
    const draft = responseOf(file, staff);
    return { file, staff, draft, coverage: coverageOf(draft, staff) };
  }

  it('“Management’s Response:” in the paragraph that repeats the comment starts the answer there', async () => {
    const r = await lennar(
      (c) =>
        `<p><b>1. ${c[0]}</b> <u>Management’s Response:</u> The Company will expand its discussion of the effective tax rate.</p><p><b>2. ${c[1]}</b> Company Response: The Company will expand its disclosure of the Carried Interest Plan.</p>`,
    );
    expect(r.draft.anchors.map((a) => a.response.text)).toEqual([
      'The Company will expand its discussion of the effective tax rate.',
      'The Company will expand its disclosure of the Carried Interest Plan.',
    ]);
    expect(codes(r, 'quote.drift')).toEqual([]);
  });

  it('“Caterpillar Response:” on its own line is a label, not words of the answer', async () => {
    const r = await lennar(
      (c) =>
        `<p><b>1. ${c[0]}</b></p><p>LENNAR RESPONSE:</p><p>The Company will expand its discussion.</p><p><b>2. ${c[1]}</b></p><p>Lennar Response: The Company will expand its disclosure.</p>`,
    );
    expect(r.draft.anchors.map((a) => a.response.text)).toEqual(['The Company will expand its discussion.', 'The Company will expand its disclosure.']);
  });

  it('in a Markdown draft, a comment left without an answer before the next one is a placeholder, unless the answer says it answers both', async () => {
    const staff = staffLetterOf(await letterFile('threads', 'len_0000000000-16-068040', '01-staff.txt'));
    const c = staff.comments.map((x) => x.text.replace(/\n\n- /g, ' ').replace(/\s+/g, ' '));
    const md = (answer: string) =>
      `---\ncorresp: response\n---\n\nLadies and Gentlemen:\n\n**1. ${c[0]}**\n\n**2. ${c[1]}**\n\nResponse: ${answer}\n\nSincerely,\n`;
    const statuses = (answer: string) => coverageOf(responseOf(readLetterText('draft.md', md(answer)), staff), staff).comments.map((x) => x.status);
    expect(statuses('The Company will expand its disclosure of the Carried Interest Plan.')).toEqual(['placeholder', 'answered']);
    expect(statuses('The Company will expand its disclosures as both comments ask.')).toEqual(['answered', 'answered']);
  });

  it('an answer’s own numbered list, bold or plain, is no anchor: no duplicate, no misnumbered comment', async () => {
    const r = await lennar(
      (c) =>
        `<p><b>1. ${c[0]}</b></p><p>Response: The Company considered the following:</p><p><b>1. Tax credits.</b></p><p>The credits are described below in more detail for each year.</p>` +
        `<ol><li>Energy tax credits for the solar property we installed.</li><li>The domestic production activities deduction.</li></ol><p><b>2. ${c[1]}</b></p><p>Response: The Company will expand its disclosure.</p>`,
    );
    expect(r.draft.anchors.map((a) => a.numbers)).toEqual([[1], [2]]);
    expect(r.coverage.problems.filter((p) => p.code.startsWith('anchor.'))).toEqual([]);
  });

  it('a “Comment | Response” table: each cell a paragraph of its own, not one line of both', async () => {
    const answer = 'The Company will expand its disclosure in future filings to address the Staff’s comment in full.';
    const r = await lennar((c) => `<table><tr><td><b>1. ${c[0]}</b></td><td>${answer}</td></tr><tr><td><b>2. ${c[1]}</b></td><td>${answer}</td></tr></table>`);
    expect(r.draft.anchors.map((a) => a.response.text)).toEqual([answer, answer]);
    expect(codes(r, 'quote.drift')).toEqual([]);
  });

  it('a hanging-indent table whose comment cell also holds the answer: the answer is not part of the quote', async () => {
    const r = await lennar(
      (c) =>
        `<table><tr><td>1.</td><td><p><b>${c[0]}</b></p><p>The Company will expand its discussion of the effective tax rate.</p></td></tr><tr><td>2.</td><td><div><p><b>${c[1]}</b></p><p>Response:</p><p>The Company will expand its disclosure.</p></div></td></tr></table>`,
    );
    expect(r.draft.anchors.map((a) => a.response.text)).toEqual([
      'The Company will expand its discussion of the effective tax rate.',
      'The Company will expand its disclosure.',
    ]);
    expect(codes(r, 'quote.drift')).toEqual([]);
  });

  it('comments repeated back to back, then one answer, are both answered by it', async () => {
    const r = await lennar(
      (c) =>
        `<p><b>1. ${c[0]}</b></p><p><b>2. ${c[1]}</b></p><p>Response: The Company will expand its disclosures in future filings as requested in both comments.</p>`,
    );
    expect(r.coverage.comments.map((c) => c.status)).toEqual(['answered', 'answered']);
    expect(r.coverage.problems.filter((p) => p.severity === 'warning' || p.severity === 'error')).toEqual([]);
  });
});

describe('filed letters that answer no comment by number are no error: they say what they are', () => {
  const said = (r: Read) => r.coverage.problems.filter((p) => p.code === 'response.unnumbered');
  const noErrors = (r: Read) => expect(r.coverage.problems.filter((p) => p.severity === 'error' || p.severity === 'warning')).toEqual([]);

  it('a request for more time, with the date asked for (Marsh & McLennan, 2016: “an extension to August 17, 2016”)', async () => {
    const r = await read('mrsh_0000000000-16-085137', '01-staff.txt', '02-response.htm');
    expect(r.draft.purpose?.kind).toBe('time-request');
    expect(r.draft.timeRequest?.until).toBe('2016-08-17');
    expect(said(r).map((p) => p.message)).toEqual([
      'A request for more time (until August 17, 2016), not an answer: none of the 2 staff comments is answered yet.',
    ]);
    noErrors(r);
  });

  it('a further request: the date asked for now, not the one the letter recalls (Marsh & McLennan, 2016)', async () => {
    const r = await read('mrsh_0000000000-16-085137', '01-staff.txt', '03-response.htm');
    expect(r.draft.timeRequest?.until).toBe('2016-08-22');
  });

  it('a promise to answer by a date (Expedia, 2017: “no later than June 23, 2017”; Xylem, 2024: “until on or about August 20, 2024”)', async () => {
    expect((await read('expe_0000000000-17-016265', '01-staff.txt', '02-response.htm')).draft.timeRequest?.until).toBe('2017-06-23');
    const xyl = await read('xyl_0000000000-24-008323', '01-staff.txt', '02-response.htm');
    expect(xyl.draft.timeRequest?.until).toBe('2024-08-20');
    noErrors(xyl);
  });

  it('a request to accelerate effectiveness under Rule 461 (DoorDash, 2020)', async () => {
    const r = await read('dash_0000000000-20-007251', '03-staff.txt', '05-response.htm');
    expect(r.draft.purpose?.kind).toBe('acceleration');
    expect(r.draft.timeRequest).toBeUndefined();
    noErrors(r);
  });

  it('the withdrawal of such a request (Lennar, 2016)', async () => {
    const r = await read('len_0000000000-16-068040', '08-staff.txt', '09-response.htm');
    expect(r.draft.purpose?.kind).toBe('withdrawal');
    noErrors(r);
  });

  it('an answer to a comment the staff made by telephone (Chubb, 2016)', async () => {
    const r = await read('cb_0000000000-16-084378', '01-staff.txt', '03-response.htm');
    expect(r.draft.purpose?.kind).toBe('supplemental');
    noErrors(r);
  });

  it('an answer in prose: information, never an error (Capital One, 2022)', async () => {
    const r = await read('cof_0000000000-22-010286', '01-staff.txt', '02-response.htm');
    expect(r.draft.purpose).toBeUndefined();
    expect(said(r).map((p) => p.severity)).toEqual(['information']);
    expect(said(r)[0]!.message).toMatch(/^Answers in prose, not by comment number/);
    noErrors(r);
  });

  it('a request for more time written as a Markdown draft is no error either', async () => {
    const staff = staffLetterOf(await letterFile('threads', 'mrsh_0000000000-16-085137', '01-staff.txt'));
    const file = readLetterText(
      'draft.md',
      '---\ncorresp: response\nstaff-letter: 01-staff.txt\n---\n\nDear Ms. Blye:\n\nWe will require additional time to prepare our response. Accordingly, we respectfully request an extension to August 17, 2016.\n\nVery truly yours,\n',
    );
    const draft = responseOf(file, staff);
    expect(draft.timeRequest?.until).toBe('2016-08-17');
    expect(coverageOf(draft, staff).problems.map((p) => [p.code, p.severity])).toEqual([['response.unnumbered', 'information']]);
  });

  it('while a Markdown draft that answers no comment by number keeps its error: there anchoring is the help', async () => {
    const staff = staffLetterOf(await letterFile('threads', 'cof_0000000000-22-010286', '01-staff.txt'));
    const file = readLetterText(
      'draft.md',
      '---\ncorresp: response\nstaff-letter: 01-staff.txt\n---\n\nDear Sir or Madam:\n\nWe will carefully consider these comments in connection with the preparation of our 2023 definitive proxy statement.\n\nSincerely,\n',
    );
    const coverage = coverageOf(responseOf(file, staff), staff);
    expect(coverage.problems.map((p) => [p.code, p.severity])).toEqual([['draft.no-anchors', 'error']]);
  });
});
