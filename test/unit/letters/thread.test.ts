/**
 * Which letters belong together (letters/thread.ts), on real letters: one filer however its File No. is zero-padded,
 * a letter about several registrants shares a thread with each, "prior comment N" names its letter or else means the
 * latest earlier letter of the filing, and a response after a "completed our review" letter answers the letter it
 * names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StaffLetter } from '../../../server/src/letters/model';
import { responseOf, staffLetterOf } from '../../../server/src/letters/read';
import { FilerIndex, fileNumberKey, priorLetterOf, sameFiler, staffLetterAnswered } from '../../../server/src/letters/thread';
import { params } from '../../runs';
import { letterFile } from '../../helpers';

async function staff(thread: string, file: string): Promise<StaffLetter> {
  return staffLetterOf(await letterFile('threads', thread, file));
}

describe('one filer', () => {
  it('the filer index finds exactly the letters sameFiler matches, in their order (any File Nos. and companies, or none)', () => {
    // Few values, written several ways, so that letters share them: zero-padded File Nos., company names with suffixes.
    const number = fc.constantFrom('001-35126', '0001-35126', '1-35126', '333-217511', '001-14477', '000-00000');
    const company = fc.constantFrom('Acme Inc.', 'ACME', 'Acme Corporation', 'Wingtip Retail Co.', 'The Wingtip Retail Company', 'Contoso Ltd', '(the)');
    const filer = fc.record(
      {
        fileNumber: number,
        fileNumbers: fc.array(number, { maxLength: 2 }),
        company,
        companies: fc.array(company, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(filer, { maxLength: 30 }), filer, (letters, letter) => {
        const index = new FilerIndex(letters, (l) => l);
        expect(index.sameFilerAs(letter)).toEqual(letters.filter((l) => sameFiler(l, letter)));
      }),
      params(300),
    );
  });

  it('reads "001-35126", "0001-35126" and "1-35126" as one File No.', () => {
    expect(fileNumberKey('001-35126')).toBe(fileNumberKey('0001-35126'));
    expect(fileNumberKey('1-35126')).toBe(fileNumberKey(' 001 - 35126 '));
    expect(fileNumberKey('001-35126')).not.toBe(fileNumberKey('001-35127'));
    expect(sameFiler({ fileNumber: '001-11778' }, { fileNumber: '1-11778' })).toBe(true);
    expect(sameFiler({ fileNumber: '001-11778' }, { fileNumber: '001-13106' })).toBe(false);
  });

  it('reads a letter about several registrants as each one’s (Essex Property Trust and Essex Portfolio)', async () => {
    const essex = await staff('ess_0000000000-17-010663', '01-staff.txt');
    expect(sameFiler(essex, { fileNumber: '333-44467' })).toBe(true);
    expect(sameFiler(essex, { fileNumber: '0001-13106' })).toBe(true);
    expect(sameFiler(essex, { fileNumber: '333-44468' })).toBe(false);
    expect(sameFiler({ company: 'Marsh & McLennan Companies, Inc. (“MMC”)' }, { company: 'Marsh & McLennan Companies, Inc.' })).toBe(true);
  });
});

describe('the letter "prior comment N" refers to', () => {
  it('is the one the letter names, or else the latest earlier letter of the filing with comments', async () => {
    const first = await staff('sbux_0000000000-19-008093', '01-staff.txt');
    const second = await staff('sbux_0000000000-19-008093', '03-staff.txt');
    expect(priorLetterOf(second, [first, second])).toBe(first);
    const named = { ...second, priorLetterDate: '2019-01-01' };
    expect(priorLetterOf(named, [first, named])).toBeUndefined(); // it names another letter, which is not at hand
    const reminder = await staff('itw_0000000000-23-012160', '02-staff.txt');
    expect(priorLetterOf(second, [first, { ...reminder, ...(first.fileNumber ? { fileNumber: first.fileNumber } : {}) }, second])).toBe(first); // no comments: not a prior letter
  });
});

describe('the staff letter a filed response answers', () => {
  it('is the latest before it, unless that one has no comments and the response answers an earlier one', async () => {
    const letters = [
      { name: '01', letter: await staff('itw_0000000000-23-012160', '01-staff.txt') },
      { name: '02', letter: await staff('itw_0000000000-23-012160', '02-staff.txt') },
    ];
    const answer = responseOf(await letterFile('threads', 'itw_0000000000-23-012160', '03-response.htm'));
    expect(staffLetterAnswered(answer, letters, (l) => l.letter)?.name).toBe('01');
    expect(staffLetterAnswered({ anchors: [] }, letters, (l) => l.letter)?.name).toBe('02');
  });
});
