import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { readLetterText, responseOf, staffLetterOf } from '../server/src/letters/read';
import { coverageOf } from '../server/src/letters/coverage';
import { TextMemos, withMemos } from '../server/src/letters/memos';
const dir = process.argv[2]!;
const pairs: { draft: ReturnType<typeof readLetterText>; staff: ReturnType<typeof staffLetterOf> }[] = [];
let t = performance.now();
for (const co of readdirSync(dir).filter((d) => !d.startsWith('.')).slice(0, 60)) {
  const files = readdirSync(path.join(dir, co));
  for (const f of files.filter((f) => f.startsWith('response'))) {
    const draft = readLetterText(path.join(dir, co, f), readFileSync(path.join(dir, co, f), 'utf8'));
    const sf = f.replace('response', 'staff-letter');
    const staff = staffLetterOf(readLetterText(path.join(dir, co, sf), readFileSync(path.join(dir, co, sf), 'utf8')));
    pairs.push({ draft, staff });
  }
}
console.log('read', pairs.length, (performance.now() - t).toFixed(0), 'ms');
for (let round = 0; round < 3; round++) {
  const memos = new TextMemos();
  t = performance.now();
  let anchors = 0;
  withMemos(memos, () => {
    for (const p of pairs) {
      const d = responseOf(p.draft, p.staff);
      anchors += d.anchors.length;
    }
  });
  const tr = performance.now() - t;
  t = performance.now();
  withMemos(memos, () => {
    for (const p of pairs) coverageOf(responseOf(p.draft, p.staff), p.staff);
  });
  console.log(`round ${round}: responseOf ${tr.toFixed(0)} ms for ${pairs.length} drafts, ${anchors} anchors (${(tr / anchors).toFixed(3)} ms/anchor); again+coverage (memo warm) ${(performance.now() - t).toFixed(0)} ms`);
}
