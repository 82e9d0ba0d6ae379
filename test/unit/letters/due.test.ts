/**
 * Due dates on real threads: a sent response is judged by the day it went out, for ever; a draft not yet sent by
 * today; a letter that sets no deadline has no ten-business-day due date (unless the team configured a default); a
 * request for more time naming a date, or a staff reminder naming one, moves the due date; a letter sent after its
 * due date with no extension in the thread gets a note, never a warning.
 */
import { describe, expect, it } from 'vitest';
import { draftDiagnostics } from '../../../server/src/features/diagnostics';
import { analyseLetter } from '../../../server/src/features/report';
import { dueDateOf, dueStatusOf, threadResponseOf, type DueThread } from '../../../server/src/letters/due';
import type { ResponseDraft, StaffLetter } from '../../../server/src/letters/model';
import { frontMatterOf, readLetterText, responseOf, staffLetterOf, type LetterFile } from '../../../server/src/letters/read';
import { letterFile } from '../../helpers';

const MRSH = ['threads', 'mrsh_0000000000-16-085137'];
const ITW = ['threads', 'itw_0000000000-23-012160'];
const FAR_FUTURE = '2031-06-30';

async function staff(...parts: string[]): Promise<StaffLetter> {
  return staffLetterOf(await letterFile(...parts));
}

function dueCodes(file: LetterFile, letter: StaffLetter, today: string, dueThread?: DueThread, draft?: ResponseDraft) {
  return draftDiagnostics({ file, draft: draft ?? responseOf(file, letter), staff: { letter }, today, ...(dueThread ? { dueThread } : {}) }).problems.filter(
    (p) => ['response.overdue', 'response.due-soon', 'response.sent-late'].includes(p.code),
  );
}

/** A Markdown draft answering the seed-like staff letter, with the front matter given. */
function markdownDraft(frontMatter: string): LetterFile {
  return readLetterText(
    'draft.md',
    `---\ncorresp: response\nstaff-letter: ./01-staff.txt\n${frontMatter}---\n\nJuly 29, 2016\n\nDear Ms. Blye:\n\n**1. Please tell us.**\n\nResponse: We will.\n`,
  );
}

describe('a response sent on time', () => {
  it('stays on time for ever: the filed request of July 27, 2016 answered the July 20 letter before its August 3 due date', async () => {
    const letter = await staff(...MRSH, '01-staff.txt');
    expect(dueDateOf(letter, undefined)).toMatchObject({ date: '2016-08-03', basis: 'business-days', days: 10 });
    const file = await letterFile(...MRSH, '02-response.htm');
    expect(dueCodes(file, letter, FAR_FUTURE)).toEqual([]);
    expect(analyseLetter({ path: '02-response.htm', file, role: 'response', staff: { letter } }, FAR_FUTURE).due).toMatchObject({
      state: 'sent',
      sent: '2016-07-27',
      date: '2016-08-03',
    });
  });

  it('is judged by its sent: front matter, written ISO or as letters write dates, and a draft without one by today', async () => {
    const letter = await staff(...MRSH, '01-staff.txt');
    expect(frontMatterOf(markdownDraft('sent: 2016-08-02\n').frontMatter)?.sent).toBe('2016-08-02');
    expect(frontMatterOf(markdownDraft('filed: "August 2, 2016"\n').frontMatter)?.sent).toBe('2016-08-02');
    expect(dueCodes(markdownDraft('sent: August 2, 2016\n'), letter, FAR_FUTURE)).toEqual([]);
    // The letterhead date of a draft is not a sent date: unsent, it is overdue today.
    expect(dueCodes(markdownDraft(''), letter, FAR_FUTURE).map((p) => [p.code, p.severity])).toEqual([['response.overdue', 'warning']]);
    expect(dueCodes(markdownDraft(''), letter, '2016-08-03')).toEqual([]);
  });
});

describe('a letter that sets no deadline', () => {
  it('has no ten-business-day due date: "please respond to this letter by providing the requested information and … submitting an amended draft registration statement"', async () => {
    const letter = await staff('threads', 'carr_0000000000-19-013211', '01-staff.txt');
    expect(letter.comments.length).toBeGreaterThan(0);
    expect(letter.responseDays).toBeUndefined();
    expect(dueDateOf(letter, undefined)).toBeUndefined();
    expect(dueCodes(markdownDraft(''), letter, FAR_FUTURE)).toEqual([]);
  });

  it('takes the team’s default response time, and says the date is the team’s own', async () => {
    const letter = await staff('threads', 'carr_0000000000-19-013211', '01-staff.txt');
    expect(dueDateOf(letter, undefined, { businessDays: 10 })).toMatchObject({ date: '2019-09-19', basis: 'team-default', days: 10 });
    const [overdue] = draftDiagnostics({
      file: markdownDraft(''),
      draft: responseOf(markdownDraft(''), letter),
      staff: { letter },
      today: FAR_FUTURE,
      dueRules: { businessDays: 10 },
    }).problems.filter((p) => p.code === 'response.overdue');
    expect(overdue!.message).toContain("your team's default of 10 business days after the September 5, 2019 letter; the letter itself sets no deadline");
  });
});

describe('a request for more time', () => {
  it('moves the thread’s due date to the date it names: the further request of August 16 is on time after the request for August 17', async () => {
    const letter = await staff(...MRSH, '01-staff.txt');
    const request = { ...responseOf(await letterFile(...MRSH, '02-response.htm'), letter), timeRequest: { start: 0, end: 0, until: '2016-08-17' } };
    const answer = await letterFile(...MRSH, '03-response.htm');
    const thread: DueThread = { responses: [threadResponseOf(request, true)] };
    expect(dueCodes(answer, letter, FAR_FUTURE, thread)).toEqual([]);
    const status = dueStatusOf({ staff: letter, draft: responseOf(answer, letter), filed: true, today: FAR_FUTURE, thread });
    expect(status).toMatchObject({
      state: 'sent',
      basis: 'extension',
      date: '2016-08-17',
      originalDate: '2016-08-03',
      extendedOn: '2016-07-27',
      sent: '2016-08-16',
    });
  });

  it('without one in the thread, a letter sent late gets a note, not a warning', async () => {
    const letter = await staff(...MRSH, '01-staff.txt');
    const answer = await letterFile(...MRSH, '03-response.htm');
    const [late] = dueCodes(answer, letter, FAR_FUTURE);
    expect(late).toMatchObject({ code: 'response.sent-late', severity: 'information' });
    expect(late!.message).toBe(
      'Sent August 16, 2016, 9 business days after the due date, August 3, 2016 (10 business days after the July 20, 2016 letter). The thread shows no request for more time; the staff may have agreed one by phone.',
    );
  });

  it('counts only when sent before the answer judged, and moves the due date of a draft still being written', async () => {
    const letter = await staff(...MRSH, '01-staff.txt');
    const asked: DueThread = { responses: [{ sent: '2016-07-27', timeRequest: { until: '2016-08-17' } }] };
    expect(dueCodes(markdownDraft(''), letter, '2016-08-10', asked)).toEqual([]);
    expect(dueCodes(markdownDraft(''), letter, '2016-08-18', asked)[0]!.message).toContain(
      'The response was due August 17, 2016 (extended from August 3, 2016 by the letter of July 27, 2016)',
    );
    // A request sent after the answer does not excuse it; a draft's unsent request does not move its own due date.
    expect(
      dueStatusOf({
        staff: letter,
        draft: { date: '2016-08-16' },
        filed: true,
        today: FAR_FUTURE,
        thread: { responses: [{ sent: '2016-08-20', timeRequest: { until: '2016-09-01' } }] },
      })?.state,
    ).toBe('sent-late');
    expect(dueStatusOf({ staff: letter, draft: { timeRequest: { start: 0, end: 0, until: '2016-09-01' } }, filed: false, today: '2016-08-10' })?.state).toBe(
      'overdue',
    );
  });

  it('without a date leaves a late letter unjudged and asks an unsent draft for the agreed date', async () => {
    const letter = await staff(...MRSH, '01-staff.txt');
    const asked: DueThread = { responses: [{ sent: '2016-07-27', timeRequest: {} }] };
    expect(dueStatusOf({ staff: letter, draft: { date: '2016-08-16' }, filed: true, today: FAR_FUTURE, thread: asked })).toMatchObject({
      state: 'sent',
      timeAsked: true,
    });
    expect(dueCodes(markdownDraft(''), letter, '2016-08-10', asked)[0]!.message).toContain(
      'the thread asked for more time without a date: set `due:` to the date the staff agreed',
    );
  });
});

describe('a staff reminder', () => {
  it('reads the date it sets and the letter whose comments remain outstanding', async () => {
    const reminder = await staff(...ITW, '02-staff.txt');
    expect(reminder).toMatchObject({ remindsOf: '2023-11-07', respondBy: '2023-12-19' });
    expect(reminder.comments).toEqual([]);
  });

  it('moves the due date of the letter it reminds of', async () => {
    const letter = await staff(...ITW, '01-staff.txt');
    const reminder = await staff(...ITW, '02-staff.txt');
    expect(dueDateOf(letter, undefined)?.date).toBe('2023-11-22');
    expect(dueDateOf(letter, undefined, {}, { staffLetters: [reminder] })).toMatchObject({ date: '2023-12-19', basis: 'extension', extendedOn: '2023-12-05' });
    const answer = await letterFile(...ITW, '03-response.htm');
    expect(dueCodes(answer, letter, FAR_FUTURE, { staffLetters: [reminder] }).map((p) => [p.code, p.severity])).toEqual([
      ['response.sent-late', 'information'],
    ]);
  });
});

describe('a filed response', () => {
  it('is dated by its letterhead even when the date shares a line with the delivery ("October 9, 2018   Via FedEx")', async () => {
    const letter = await staff('threads', 'bkr_0000000000-18-030596', '01-staff.txt');
    const file = await letterFile('threads', 'bkr_0000000000-18-030596', '02-response.htm');
    expect(responseOf(file, letter).date).toBe('2018-10-09');
    expect(dueCodes(file, letter, FAR_FUTURE)).toEqual([]);
  });

  it('without any date was sent, when cannot be told: it is not judged', async () => {
    const letter = await staff(...MRSH, '01-staff.txt');
    expect(dueStatusOf({ staff: letter, draft: {}, filed: true, today: FAR_FUTURE })).toMatchObject({ state: 'sent' });
  });
});
