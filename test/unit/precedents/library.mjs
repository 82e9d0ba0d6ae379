/**
 * The precedent tests' library (test/fixtures/precedents: four companies' threads, see test/fixtures/README.md),
 * assembled in a folder: the real letters are kept once, in test/fixtures/threads and test/fixtures/real, and
 * test/fixtures/precedents holds only what is the library's own (each thread's meta.json, the letters no other test
 * reads). A plain ES module, shared by the unit, feature and LSP tests, the VS Code end-to-end run and the benchmark.
 */
import { cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** The library's letters kept elsewhere: thread → [folder under test/fixtures, files]. */
const ELSEWHERE = {
  'adm-0000000000-24-005934': ['real/adm-0000000000-24-005934', ['meta.json', 'response.htm', 'staff.txt']],
  'cat_0000000000-24-002665': ['threads/cat_0000000000-24-002665', ['01-staff.txt', '02-response.htm']],
  'etn_0000000000-18-038869': ['threads/etn_0000000000-18-038869', ['01-staff.txt', '02-response.htm']],
  'itw_0000000000-21-011797': ['threads/itw_0000000000-21-011797', ['01-staff.pdf', '01-staff.txt', '02-response.htm', '03-staff.txt', '04-response.htm']],
};

/** Copies the whole library into `dest` (created), as the folder test/fixtures/precedents once was. */
export function copyPrecedentLibrary(dest) {
  cpSync(path.join(FIXTURES, 'precedents'), dest, { recursive: true });
  for (const [thread, [from, files]] of Object.entries(ELSEWHERE)) {
    mkdirSync(path.join(dest, thread), { recursive: true });
    for (const f of files) cpSync(path.join(FIXTURES, from, f), path.join(dest, thread, f));
  }
  return dest;
}
