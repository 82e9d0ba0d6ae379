/**
 * A response letter that repeats the staff's comments can stand in for a lost staff letter: its repeated comments
 * become the letter's comments, its caption runs the captions. Pure.
 */
import { extendPath } from './captions';
import type { Caption, ResponseDraft, StaffComment, StaffLetter } from './model';
import { asksOf } from './requests';
import { priorRefsIn } from './requests';

export function staffLetterFromResponse(draft: ResponseDraft): StaffLetter {
  const comments: StaffComment[] = [];
  const captions: Caption[] = [];
  let path: Caption[] = [];
  const seen = new Set<number>();
  for (const anchor of draft.anchors) {
    path = extendPath(path, anchor.captionsBefore);
    captions.push(...anchor.captionsBefore);
    const text = anchor.quote?.text ?? '';
    const paragraphs = text.length > 0 ? text.split(/\n\n/) : [];
    for (const number of anchor.numbers) {
      if (seen.has(number)) continue;
      seen.add(number);
      comments.push({
        number,
        caption: path.map((c) => c.title),
        captionsBefore: anchor.captionsBefore,
        text,
        paragraphs,
        asks: asksOf(paragraphs),
        priorRefs: anchor.quote
          ? priorRefsIn(anchor.quote.text, { staff: true }).map((r) => ({ numbers: r.numbers, start: anchor.quote!.start, end: anchor.quote!.end }))
          : [],
        start: anchor.start,
        end: anchor.quote?.end ?? anchor.end,
        head: { start: anchor.start, end: anchor.end },
      });
    }
  }
  comments.sort((a, b) => a.number - b.number);
  return {
    kind: 'staff-letter',
    source: 'response',
    ...(draft.answersLetterDated ? { date: draft.answersLetterDated } : {}),
    ...(draft.company ? { company: draft.company } : {}),
    filings: [],
    captions,
    comments,
    problems: [],
  };
}
