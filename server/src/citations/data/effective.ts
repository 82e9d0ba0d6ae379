/**
 * When a superseding ASU took effect for public business entities, so a citation is judged as of the period the
 * letter concerns: ASC 605 was still in force for 2016 financial statements. Only dates checked against a public
 * source are here; a supersession without a date is treated as in force.
 */
export interface Effective {
  /** The standard applies to fiscal years (or annual reporting periods) beginning after this date (ISO). */
  readonly beginsAfter: string;
  readonly source: string;
}

export const ASU_EFFECTIVE: Readonly<Record<string, Effective>> = {
  'ASU 2014-09': {
    beginsAfter: '2017-12-15',
    source: 'IAS Plus, "FASB issues ASU to defer the effective date of the new revenue standard" (13 Aug 2015, ASU 2015-14): public business entities, annual reporting periods beginning after December 15, 2017',
  },
  'ASU 2016-02': {
    beginsAfter: '2018-12-15',
    source: 'FASB, "Effective Dates of Major Standards": leases, public companies, fiscal years beginning after December 15, 2018',
  },
  'ASU 2017-15': {
    beginsAfter: '2018-12-15',
    source: 'RSM US, "Elimination of Topic 995, U.S. Steamship Entities", and Baker Tilly on ASU 2017-15: fiscal years and first interim periods beginning after December 15, 2018',
  },
  'ASU 2016-13': {
    beginsAfter: '2019-12-15',
    source: 'Baker Tilly on the FASB proposal of 15 Aug 2019 and SEC filers\' notes: SEC filers other than smaller reporting companies, fiscal years beginning after December 15, 2019',
  },
};

/** The ASU's effective date, or undefined when unknown. `via` is as the tables write it ("ASU 2014-09"). */
export function effectiveOf(via: string): Effective | undefined {
  const m = /ASU\s*(\d{4}-\d{2})/.exec(via);
  return m ? ASU_EFFECTIVE[`ASU ${m[1]}`] : undefined;
}
