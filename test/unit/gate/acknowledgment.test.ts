/**
 * The "Tandy" acknowledgment found in a Markdown draft however the writer set it (emphasis, links, code, line breaks
 * between its words): the gate tests only drafts whose source holds "foreclose" or "assert" (`mayHoldAcknowledgment`
 * in features/gate.ts), and that must never miss one the blocks hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acknowledgmentProblems } from '../../../server/src/features/gate';
import { readLetterText } from '../../../server/src/letters/read';
import type { ResponseDraft, StaffLetter } from '../../../server/src/letters/model';
import { params } from '../../runs';

/** What the blocks are tested for (the gate's own expression, copied: the test holds the shortcut to it). */
const ACKNOWLEDGMENT = /\bforeclose the commission\b|\bmay not assert (?:the )?staff(?:['’]s)? comments? as a defense\b/i;
const SENTENCES = [
  'staff comments or changes to disclosure do not foreclose the Commission from taking any action',
  'the Company may not assert staff comments as a defense in any proceeding',
  "the Company may not assert the staff's comment as a defense",
];
/** A letter that does not ask for it (so one given is reported) and a draft with no anchors. */
const letter = { asksAcknowledgment: false, comments: [{ number: 1 }] } as unknown as StaffLetter;
const draft = { anchors: [], closingStart: 0 } as unknown as ResponseDraft;

/** A sentence's words with Markdown between some of them: emphasis, a link, a code span, a line break. */
const marked = fc
  .tuple(
    fc.constantFrom(...SENTENCES),
    fc.array(fc.constantFrom('', '', '', '*', '**', '_', '\n', '  \n', '[', '](https://x.test)', '`'), { minLength: 30, maxLength: 30 }),
    fc.constantFrom('', 'Dear Staff:\n\n', '# Response\n\n', '- '),
  )
  .map(([sentence, marks, before]) => {
    const words = sentence.split(' ');
    return before + words.map((w, i) => (i === 0 ? w : `${marks[i] ?? ''} ${marks[i + 15] ?? ''}${w}`.replace(/^ /, ' '))).join('') + '.\n';
  });

describe('the acknowledgment in a Markdown draft', () => {
  it('is found whenever a block holds it, whatever the markup between its words', () => {
    fc.assert(
      fc.property(marked, (md) => {
        const file = readLetterText('draft.md', md);
        const held = file.blocks.some((b) => b.kind !== 'code' && ACKNOWLEDGMENT.test(b.text));
        const found = acknowledgmentProblems(file, draft, letter);
        expect(found.map((p) => p.code)).toEqual(held ? ['response.acknowledgment-obsolete'] : []);
      }),
      params(400),
    );
  });

  it('is found across a line break and inside emphasis, and not in a draft without it', () => {
    const given = readLetterText('draft.md', 'Staff comments do not **foreclose** the\nCommission from taking any action.\n');
    expect(acknowledgmentProblems(given, draft, letter).map((p) => p.code)).toEqual(['response.acknowledgment-obsolete']);
    const none = readLetterText('draft.md', 'The Company will revise its disclosure in future filings.\n');
    expect(acknowledgmentProblems(none, draft, letter)).toEqual([]);
  });
});
