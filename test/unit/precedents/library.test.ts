import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answersOf, companyKey, pairLibrary, summaryOf, LibraryThreads, type LibraryFile } from '../../../server/src/precedents/library';
import { staffLetterOf } from '../../../server/src/letters/read';
import { summaryOf as readingSummaryOf } from '../../../server/src/workspace/analysisCache';
import { FIXTURES, readFixture } from './helpers';

const FILES = [
  'itw_0000000000-21-011797/01-staff.txt',
  'itw_0000000000-21-011797/01-staff.pdf',
  'itw_0000000000-21-011797/02-response.htm',
  'itw_0000000000-21-011797/03-staff.txt',
  'itw_0000000000-21-011797/04-response.htm',
  'itw_0000000000-21-011797/05-staff.txt',
  'cat_0000000000-24-002665/01-staff.txt',
  'cat_0000000000-24-002665/02-response.htm',
  'cat_0000000000-24-002665/03-staff.txt',
  'etn_0000000000-18-038869/01-staff.txt',
  'etn_0000000000-18-038869/02-response.htm',
  'etn_0000000000-18-038869/03-staff.txt',
];

async function library(names = FILES): Promise<LibraryFile[]> {
  return Promise.all(names.map(async (rel) => ({ path: path.join(FIXTURES, rel), summary: summaryOf(await readFixture(rel)) })));
}

const at = (rel: string) => path.join(FIXTURES, rel);

describe('a library’s letters', () => {
  it('are read as staff letters and responses: ITW’s filed responses are responses, though they repeat the comments', async () => {
    const files = await library();
    const role = (rel: string) => files.find((f) => f.path === at(rel))!.summary.role;
    expect(role('itw_0000000000-21-011797/01-staff.txt')).toBe('staff-letter');
    expect(role('itw_0000000000-21-011797/02-response.htm')).toBe('response');
    expect(role('itw_0000000000-21-011797/04-response.htm')).toBe('response');
    expect(files.find((f) => f.path === at('itw_0000000000-21-011797/01-staff.txt'))!.summary.comments.length).toBeGreaterThan(0);
  });

  it('are summarised the same from the kind and staff letter the analysis cache kept as from the letter itself', async () => {
    for (const rel of FILES) {
      const file = await readFixture(rel);
      expect(summaryOf(file, readingSummaryOf(file)), rel).toStrictEqual(summaryOf(file));
    }
  });

  it('leave out Markdown without Corresp front matter and text that is no letter', () => {
    const readme = summaryOf({ path: '/x/README.md', kind: 'markdown', text: '# Notes\n\n1. Buy milk\n', blocks: [], notes: [] });
    expect(readme.role).toBe('other');
  });

  it('pair each response with the staff letter it answers', async () => {
    const pairing = pairLibrary(await library());
    expect(pairing.answers.get(at('itw_0000000000-21-011797/02-response.htm'))).toBe(at('itw_0000000000-21-011797/01-staff.txt'));
    expect(pairing.answers.get(at('itw_0000000000-21-011797/04-response.htm'))).toBe(at('itw_0000000000-21-011797/03-staff.txt'));
    expect(pairing.answers.get(at('cat_0000000000-24-002665/02-response.htm'))).toBe(at('cat_0000000000-24-002665/01-staff.txt'));
  });

  it('group a company’s letters of one review into one thread, and keep companies apart', async () => {
    const pairing = pairLibrary(await library());
    const thread = (rel: string) => pairing.threads.get(at(rel));
    expect(thread('itw_0000000000-21-011797/03-staff.txt')).toBe(thread('itw_0000000000-21-011797/01-staff.txt'));
    expect(thread('itw_0000000000-21-011797/05-staff.txt')).toBe(thread('itw_0000000000-21-011797/01-staff.txt')); // "we have completed our review"
    expect(thread('cat_0000000000-24-002665/03-staff.txt')).toBe(thread('cat_0000000000-24-002665/01-staff.txt'));
    expect(thread('cat_0000000000-24-002665/01-staff.txt')).not.toBe(thread('itw_0000000000-21-011797/01-staff.txt'));
    expect(thread('etn_0000000000-18-038869/01-staff.txt')).not.toBe(thread('cat_0000000000-24-002665/01-staff.txt'));
  });

  it('take a staff letter’s PDF and its text beside it as one letter (the text kept)', async () => {
    const pairing = pairLibrary(await library());
    expect(pairing.duplicates.get(at('itw_0000000000-21-011797/01-staff.pdf'))).toBe(at('itw_0000000000-21-011797/01-staff.txt'));
    expect(pairing.duplicates.has(at('itw_0000000000-21-011797/01-staff.txt'))).toBe(false);
  });

  it('find the threads of a letter the library does not hold: ITW’s second letter continues the first', async () => {
    const files = await library(FILES.filter((f) => !f.includes('itw_0000000000-21-011797/03')));
    const pairing = pairLibrary(files);
    const second = summaryOf(await readFixture('itw_0000000000-21-011797/03-staff.txt'));
    expect([...new LibraryThreads(files, pairing).threadsOf('/elsewhere/03-staff.txt', second)]).toEqual([
      pairing.threads.get(at('itw_0000000000-21-011797/01-staff.txt')),
    ]);
  });

  it('take each answer as filed, by comment number', async () => {
    const staff = staffLetterOf(await readFixture('cat_0000000000-24-002665/01-staff.txt'));
    const answers = answersOf(await readFixture('cat_0000000000-24-002665/02-response.htm'), staff);
    expect([...answers.keys()]).toEqual(staff.comments.map((c) => c.number));
    expect(answers.get(1)).toMatch(/GAAP effective tax rate/);
  });

  it('compare company names loosely', () => {
    expect(companyKey('Illinois Tool Works, Inc.')).toBe(companyKey('ILLINOIS TOOL WORKS INC'));
    expect(companyKey('Eaton Corporation plc')).toBe(companyKey('Eaton Corp'));
    expect(companyKey('Chubb Ltd')).not.toBe(companyKey('Caterpillar Inc.'));
  });
});
