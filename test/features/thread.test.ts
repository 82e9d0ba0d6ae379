/**
 * The editor's threads on real letters: "prior comment N" in a follow-up letter that does not name its prior letter
 * resolves to the latest earlier letter of the same filing, and the filed response in the workspace shows how the
 * company answered; a draft's thread holds the filed responses to its staff letter, for its due date.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { hoverAt } from '../../server/src/features/hover';
import { priorLetterOf } from '../../server/src/features/report';
import { staffLetterOf } from '../../server/src/letters/read';
import { FIXTURES, letterFile } from '../helpers';
import { at, MemoryWorkspace } from './harness';

const SBUX = ['threads', 'sbux_0000000000-19-008093'];
const bytes = (...parts: string[]) => new Uint8Array(readFileSync(path.join(FIXTURES, ...parts)));

describe('a follow-up letter that does not name its prior letter', () => {
  it('resolves "prior comment number 3" to the latest earlier letter of the filing, with the filed answer (editor)', async () => {
    const ws = await new MemoryWorkspace({
      'sbux/01-staff.txt': bytes(...SBUX, '01-staff.txt'),
      'sbux/02-response.htm': bytes(...SBUX, '02-response.htm'),
      'sbux/03-staff.txt': bytes(...SBUX, '03-staff.txt'),
    }).ready();
    const t = await ws.thread('sbux/03-staff.txt');
    expect(t.doc.letter!.priorLetterDate).toBeUndefined();
    expect(t.prior?.uri).toBe(ws.uri('sbux/01-staff.txt'));
    expect(t.priorResponse?.uri).toBe(ws.uri('sbux/02-response.htm'));
    const h = hoverAt(t, at(ws.text('sbux/03-staff.txt'), 'prior comment number 3', 6))!;
    expect(h.markdown).toContain('Staff letter of May 6, 2019');
    expect(h.markdown).toContain('**Answered then:**');
  });

  it('resolves the same way in the CLI and the report', async () => {
    const first = staffLetterOf(await letterFile(...SBUX, '01-staff.txt'));
    const second = staffLetterOf(await letterFile(...SBUX, '03-staff.txt'));
    expect(priorLetterOf(second, [first, second])).toBe(first);
    // Not a later letter, and not another filer's.
    expect(priorLetterOf(first, [first, second])).toBeUndefined();
    expect(priorLetterOf(second, [{ ...first, fileNumber: '001-99999' }, second])).toBeUndefined();
  });
});

describe('a draft’s thread', () => {
  it('holds the filed responses to its staff letter with the day each was sent', async () => {
    const ws = await new MemoryWorkspace({
      'mrsh/01-staff.txt': bytes('threads', 'mrsh_0000000000-16-085137', '01-staff.txt'),
      'mrsh/03-response.htm': bytes('threads', 'mrsh_0000000000-16-085137', '03-response.htm'),
      'mrsh/draft.md': '---\ncorresp: response\nstaff-letter: ./01-staff.txt\n---\n\nDear Ms. Blye:\n\n**1. Please tell us.**\n\nResponse: We will.\n',
    }).ready();
    const t = await ws.thread('mrsh/draft.md');
    expect(t.dueThread?.responses?.map((r) => r.sent)).toEqual(['2016-08-16']);
  });
});
