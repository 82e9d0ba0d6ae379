/**
 * Citations on real filed letters: real citations are never reported as wrong, real mistakes still are, and the
 * hover (describeCitation) says what the check (checkCitation) says. The sentences are copied from letters on EDGAR.
 */
import { describe, expect, it } from 'vitest';
import { checkCitation, describeCitation, findCitations, type Citation, type CitationProblem } from '../../../server/src/citations';

function asc(text: string): Citation[] {
  return findCitations(text).filter((c) => c.source === 'ASC');
}

function problemsIn(text: string): CitationProblem[] {
  return findCitations(text).flatMap((c) => checkCitation(c));
}

const warnings = (text: string) => problemsIn(text).filter((p) => p.severity === 'warning' || p.severity === 'error');

describe('real citations are not reported as wrong', () => {
  it.each([
    // Electronic Arts, staff letter of 2019: Section 32 "Measurement" of Subtopic 606-10.
    [
      'EA',
      'and assumptions that you considered in allocating the transaction price to the different\n         performance obligations. We refer you to ASC 606-10-32-28 through 35.',
    ],
    // Expedia, staff letter of 2018.
    ['Expedia', 'your transaction prices pursuant to ASC 606-10-32-2A, including whether you have'],
    // Lennar, response of 2016: Topic 970, Real Estate—General.
    [
      'Lennar',
      'Based upon the guidance in ASC 970-323-30-3 and 30-4 Real Estate General: Investments-Equity Method and Joint Ventures , the contribution of the three strategic joint ventures',
    ],
    // SEC staff comments on oil and gas disclosures (PwC Viewpoint, SEC comment letters).
    ['oil and gas', 'Provide us with a description of the nature of this adjustment. Refer to FASB ASC 932-235-50-5 and ASC 932-235-50-36.'],
    // SEC material in an S-Section, and an SEC Section the table names only through the "S" rule.
    ['S-sections', 'Refer to ASC 225-10-S99-2 and FASB ASC 718-10-S99-1.'],
  ])('%s', (_who, text) => {
    expect(asc(text).length).toBeGreaterThan(0);
    expect(warnings(text)).toEqual([]);
  });

  it('names Section 32 Measurement in the hover, with its source', () => {
    const d = describeCitation(asc('We refer you to ASC 606-10-32-28.')[0]!);
    expect(d.title).toBe('Revenue from Contracts with Customers > Overall > Measurement, paragraph 28');
    expect(d.status).toBe('current');
    expect(d.sources.join(' ')).toMatch(/DART/);
  });

  it('knows the real estate Topics and Regulated Operations Subtopics the letters cite', () => {
    expect(describeCitation(asc('ASC 970-323-35-12')[0]!).title).toBe(
      'Real Estate—General > Investments—Equity Method and Joint Ventures > Subsequent Measurement, paragraph 12',
    );
    expect(describeCitation(asc('ASC 980-340-25-1')[0]!).status).toBe('current');
    expect(describeCitation(asc('ASC 976-605-25')[0]!).label).toBe('ASC 976-605-25');
  });

  it('says only "not in Corresp\'s table", as information, of a Subtopic the table lacks', () => {
    const [p] = problemsIn('the guidance in ASC 905-330-35-1 on crops');
    expect(p).toMatchObject({ code: 'citation.unknown-subtopic', severity: 'information' });
    expect(p!.message).toContain("not in Corresp's table");
  });

  it("reports a stray hyphen in the staff's own words (ADM, 2024) as a style note, not a warning", () => {
    const [p] = problemsIn('factors and tell us how your treatment complies with ASC-250-10-50-7. As part of your');
    expect(p).toMatchObject({ code: 'citation.stray-hyphen', severity: 'information', fix: { newText: 'ASC 250-10-50-7' } });
  });
});

describe('real mistakes are still reported', () => {
  // Lennar, response of 2016: the company meant 970-323 (Real Estate—General, equity method) and wrote 323-970.
  const LENNAR =
    'The Company considers the investments in these strategic land joint ventures as an indirect investment in real estate (see guidance in Accounting Standards Codification ("ASC") 323-970-40-1 Investments-Equity Method and Joint Ventures ).';

  it('reports the transposed Subtopic, names the one that exists, and offers to swap the numbers', () => {
    const found = warnings(LENNAR);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'citation.unknown-subtopic', severity: 'warning' });
    expect(found[0]!.message).toMatch(/323-970 does not exist; 970-323 \(Real Estate—General—Investments—Equity Method and Joint Ventures\)/);
    expect(found[0]!.message).toContain('transposed');
    expect(found[0]!.fix?.newText).toMatch(/970-323-40-1$/);
  });

  it('reports a transposed Topic that is no Topic at all, with the same suggestion', () => {
    const [p] = warnings('Refer to ASC 340-980-25-1.');
    expect(p).toMatchObject({ code: 'citation.unknown-subtopic' });
    expect(p!.fix?.newText).toBe('ASC 980-340-25-1');
  });

  it('reports a Topic that does not exist and a three-digit Subtopic that names no Topic', () => {
    expect(warnings('ASC 999-10-50-1').map((p) => p.code)).toEqual(['citation.unknown-topic']);
    const [p] = warnings('ASC 944-999-25-1');
    expect(p).toMatchObject({ code: 'citation.unknown-subtopic', severity: 'warning' });
    expect(p!.message).toContain('there is no Topic 999');
  });

  it('reports a Section number the Codification does not use, and offers the SEC Section', () => {
    const [p] = warnings('See ASC 740-10-99-9.');
    expect(p).toMatchObject({ code: 'citation.unknown-section', fix: { newText: 'ASC 740-10-S99-9' } });
    expect(warnings('ASC 810-10-51-1').map((q) => q.code)).toEqual(['citation.unknown-section']);
  });

  it('keeps superseded guidance, with what replaced it', () => {
    expect(problemsIn('ASC 995-740-25-1')[0]).toMatchObject({ code: 'citation.superseded', supersededBy: { by: '740', via: 'ASU 2017-15' } });
    expect(problemsIn('ASC 225-20-45-16')[0]).toMatchObject({ code: 'citation.superseded', supersededBy: { by: '220-20' } });
  });
});

describe('hover and check agree', () => {
  const SAMPLE = [
    'ASC 740-10-99-9',
    'ASC 740-10-S99-9',
    'ASC 606-10-32-28',
    'ASC 323-970-40-1',
    'ASC 970-323-40-1',
    'ASC 905-330-35-1',
    'ASC 944-999-25-1',
    'ASC 999-10-50-1',
    'ASC 840-20-25-1',
    'ASC 225-20',
    'ASC 810-10-51-1',
    'Topic 995',
    'ASC 995-740-25-1',
  ];

  it.each(SAMPLE)('%s', (text) => {
    const [c] = findCitations(text);
    const d = describeCitation(c!);
    const problems = checkCitation(c!);
    const unknown = problems.filter((p) => p.code.startsWith('citation.unknown'));
    // Whatever check finds unknown, hover says in the same words, and calls the citation unknown.
    for (const p of unknown) expect(d.notes).toContain(p.message);
    expect(d.status === 'unknown').toBe(unknown.length > 0);
    // Superseded in the check exactly when superseded in the hover.
    expect(problems.some((p) => p.code === 'citation.superseded')).toBe(d.status === 'superseded');
  });
});

describe('items of Regulation S-K', () => {
  it("are not inferred for a form's own item numbers, even where the letter names Regulation S-K (DoorDash, 2022)", () => {
    // The staff letter's words as one run of text (an EDGAR HTML response repeats them so).
    const text =
      "Refer to the guidance in Item 10(e)(1)(i)(A) of Regulation S-K and Question 102.10 of the Compliance and Disclosure Interpretations on Non-GAAP Measures. Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations Non-GAAP Financial Measures, page 72";
    expect(
      findCitations(text)
        .filter((c) => c.source === 'S-K')
        .map((c) => c.text),
    ).toEqual(['Item 10(e)(1)(i)(A) of Regulation S-K']);
    expect(findCitations('Regulation S-K. See Item 10(e) as well.').map((c) => describeCitation(c).label)).toContain('Item 10(e) of Regulation S-K');
  });
});
