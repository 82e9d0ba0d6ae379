/**
 * What a keystroke reuses (parse/blockFacts.ts): the facts of the blocks an edit left alone are kept with them and
 * moved with their offsets. Typing into the real example draft, in any order and anywhere (inside an answer, between
 * blocks, a new anchor, a citation, a "prior comment", a skeleton blank, the acknowledgment), must give exactly the
 * reading and the diagnostics a fresh workspace gives for the same text: a kept fact is never stale and never
 * misplaced.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../server/src/analysis/letter';
import { diagnosticsOf } from '../../server/src/features/diagnostics';
import { DEFAULT_CONFIG, analysisSettingsOf } from '../../server/src/workspace/config';
import { params } from '../runs';
import { exampleWorkspace, type MemoryWorkspace } from './harness';

const DRAFT = 'response-2017-08-16.md';
const SETTINGS = analysisSettingsOf(DEFAULT_CONFIG);
const TODAY = '2017-08-20';

/** What a writer types: words, paragraph breaks, a new numbered comment, the things the gate and citations look for. */
const TYPED = [
  'x',
  ' the ',
  '\n\n',
  '\n\n\n',
  ' ASC 840-10-15-3 ',
  ' ASC 606-10-25-1 ',
  ' as stated in our response to prior comment 2 ',
  ' [Date] ',
  ' [●] ',
  ' TBD ',
  '\n\n**3. Please tell us how you considered ASC 842.**\n\nResponse: TBD\n\n',
  '\n\nThe Company acknowledges that staff comments do not foreclose the Commission from taking any action.\n\n',
  '\n\n<!-- corresp-ignore quote.drift -->\n\n',
  '\n\n# Comment 4\n\n',
];

// Where to type, as a share of the text in thousandths (fast-check favours the ends of a range: 0 would mostly break
// the front matter, which the index then leaves out).
const edit = fc.record({ at: fc.integer({ min: 0, max: 1000 }), cut: fc.integer({ min: 0, max: 40 }), typed: fc.constantFrom(...TYPED) });

async function seen(ws: MemoryWorkspace): Promise<string> {
  const doc = ws.index.get(ws.uri(DRAFT));
  // An edit before the front matter makes it a plain Markdown file: the index leaves it out (both workspaces alike).
  if (!doc) return 'not a letter';
  const { analysis } = await analyseDocument(ws.index, doc, SETTINGS, TODAY);
  const problems = ws.index.remembering(() => diagnosticsOf(analysis));
  return JSON.stringify({ draft: analysis.draft, problems, coverage: analysis.coverage?.comments.map((c) => [c.comment.number, c.status]) });
}

describe('a keystroke reuses the facts of the blocks it left alone', () => {
  it('typing anywhere in the real example draft reads and checks as a fresh workspace does', async () => {
    const ws = await exampleWorkspace();
    const start = ws.text(DRAFT);
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
        let text = start;
        ws.edit(DRAFT, text);
        // Facts worked out where the blocks are now; the edits then move them.
        await seen(ws);
        for (const e of edits) {
          const at = Math.floor((e.at / 1000) * text.length);
          text = text.slice(0, at) + e.typed + text.slice(Math.min(text.length, at + e.cut));
          ws.edit(DRAFT, text);
          const fresh = await exampleWorkspace();
          fresh.edit(DRAFT, text);
          expect(await seen(ws)).toBe(await seen(fresh));
        }
      }),
      params(40),
    );
  });

  it('an answer typed after a block that moved keeps the moved anchors’ places (fixed edits, every kind of fact)', async () => {
    const ws = await exampleWorkspace();
    let text = ws.text(DRAFT);
    ws.edit(DRAFT, text);
    await seen(ws);
    // Paragraphs added near the top move every later piece; the facts kept for them must move with them.
    const edits: Array<[at: () => number, typed: string]> = [
      ...['\n\nWe have carefully considered the Staff’s comments.\n\n', ' prior comment 1 ', ' ASC 840 ', ' [Date] '].map((typed): [() => number, string] => [
        () => text.indexOf('\n\n', 400) + 2,
        typed,
      ]),
      // A blank line added between a repeated comment and its answer (the comment's piece is read again, the answer's moves).
      [() => text.indexOf('\n\nResponse: The Company respectfully advises the Staff that it recognized'), '\n'],
    ];
    for (const [where, typed] of edits) {
      const at = where();
      text = text.slice(0, at) + typed + text.slice(at);
      ws.edit(DRAFT, text);
      const fresh = await exampleWorkspace();
      fresh.edit(DRAFT, text);
      expect(await seen(ws)).toBe(await seen(fresh));
    }
  });
});
