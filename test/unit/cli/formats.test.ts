import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../../server/src/cli/check';
import { DIAGNOSTIC_CODES } from '../../../server/src/features/diagnostics';
import { ANSWERS, copyExamples, run, tempRepo, thread, withoutCitations } from './helpers';

function examplesRepo(): string {
  const dir = tempRepo();
  copyExamples(dir, 'examples');
  return dir;
}

// ── SARIF 2.1.0 essentials ──────────────────────────────────────────────────────────────────────────────────────
// The properties each object may have (the 2.1.0 schema sets additionalProperties: false on all of them), what it
// requires, and the enumerations used.
const ALLOWED: Record<string, readonly string[]> = {
  sarifLog: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: [
    'tool',
    'invocations',
    'conversion',
    'language',
    'versionControlProvenance',
    'originalUriBaseIds',
    'artifacts',
    'logicalLocations',
    'graphs',
    'results',
    'automationDetails',
    'runAggregates',
    'baselineGuid',
    'redactionTokens',
    'defaultEncoding',
    'defaultSourceLanguage',
    'newlineSequences',
    'columnKind',
    'externalPropertyFileReferences',
    'threadFlowLocations',
    'taxonomies',
    'addresses',
    'translations',
    'policies',
    'webRequests',
    'webResponses',
    'specialLocations',
    'properties',
  ],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: [
    'guid',
    'name',
    'organization',
    'product',
    'productSuite',
    'shortDescription',
    'fullDescription',
    'fullName',
    'version',
    'semanticVersion',
    'dottedQuadFileVersion',
    'releaseDateUtc',
    'downloadUri',
    'informationUri',
    'globalMessageStrings',
    'notifications',
    'rules',
    'taxa',
    'locations',
    'language',
    'contents',
    'isComprehensive',
    'localizedDataSemanticVersion',
    'minimumRequiredLocalizedDataSemanticVersion',
    'associatedComponent',
    'translationMetadata',
    'supportedTaxonomies',
    'properties',
  ],
  reportingDescriptor: [
    'id',
    'deprecatedIds',
    'guid',
    'deprecatedGuids',
    'name',
    'deprecatedNames',
    'shortDescription',
    'fullDescription',
    'messageStrings',
    'defaultConfiguration',
    'helpUri',
    'help',
    'relationships',
    'properties',
  ],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  result: [
    'ruleId',
    'ruleIndex',
    'rule',
    'kind',
    'level',
    'message',
    'analysisTarget',
    'locations',
    'guid',
    'correlationGuid',
    'occurrenceCount',
    'partialFingerprints',
    'fingerprints',
    'stacks',
    'codeFlows',
    'graphs',
    'graphTraversals',
    'relatedLocations',
    'suppressions',
    'baselineState',
    'rank',
    'attachments',
    'hostedViewerUri',
    'workItemUris',
    'provenance',
    'fixes',
    'taxa',
    'webRequest',
    'webResponse',
    'properties',
  ],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  physicalLocation: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
  region: [
    'startLine',
    'startColumn',
    'endLine',
    'endColumn',
    'charOffset',
    'charLength',
    'byteOffset',
    'byteLength',
    'snippet',
    'message',
    'sourceLanguage',
    'properties',
  ],
};
const LEVELS = ['none', 'note', 'warning', 'error'];

// A validator walks untyped JSON: `any` is what a SARIF log is until checked.
/* eslint-disable @typescript-eslint/no-explicit-any */
function validateSarif(log: any): string[] {
  const problems: string[] = [];
  const obj = (v: any, kind: string, at: string, required: string[] = []) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return void problems.push(`${at}: not an object`);
    for (const k of Object.keys(v)) if (!ALLOWED[kind]!.includes(k)) problems.push(`${at}: ${kind} does not allow “${k}”`);
    for (const k of required) if (!(k in v)) problems.push(`${at}: ${kind} requires “${k}”`);
  };
  const int = (v: any, min: number, at: string) => {
    if (!Number.isInteger(v) || v < min) problems.push(`${at}: ${JSON.stringify(v)} is not an integer ≥ ${min}`);
  };
  const text = (v: any, at: string) => {
    obj(v, 'multiformatMessageString', at, ['text']);
    if (typeof v?.text !== 'string') problems.push(`${at}.text: not a string`);
  };
  obj(log, 'sarifLog', '$', ['version', 'runs']);
  if (log.$schema !== 'https://json.schemastore.org/sarif-2.1.0.json') problems.push('$.$schema is not the 2.1.0 schema');
  if (log.version !== '2.1.0') problems.push('$.version is not 2.1.0');
  if (!Array.isArray(log.runs)) return [...problems, '$.runs: not an array'];
  log.runs.forEach((run: any, r: number) => {
    const at = `$.runs[${r}]`;
    obj(run, 'run', at, ['tool']);
    obj(run.tool, 'tool', `${at}.tool`, ['driver']);
    const driver = run.tool?.driver;
    obj(driver, 'toolComponent', `${at}.tool.driver`, ['name']);
    if (typeof driver?.name !== 'string') problems.push(`${at}.tool.driver.name: not a string`);
    if (run.columnKind !== undefined && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind))
      problems.push(`${at}.columnKind: not an allowed value`);
    const rules: any[] = driver?.rules ?? [];
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      const rat = `${at}.tool.driver.rules[${i}]`;
      obj(rule, 'reportingDescriptor', rat, ['id']);
      if (typeof rule.id !== 'string') problems.push(`${rat}.id: not a string`);
      if (ids.has(rule.id)) problems.push(`${rat}.id: duplicate`);
      ids.add(rule.id);
      if (rule.shortDescription !== undefined) text(rule.shortDescription, `${rat}.shortDescription`);
      if (rule.defaultConfiguration !== undefined) {
        obj(rule.defaultConfiguration, 'reportingConfiguration', `${rat}.defaultConfiguration`);
        if (!LEVELS.includes(rule.defaultConfiguration.level)) problems.push(`${rat}.defaultConfiguration.level: not a level`);
      }
    });
    if (!Array.isArray(run.results)) return void problems.push(`${at}.results: not an array`);
    run.results.forEach((res: any, i: number) => {
      const rat = `${at}.results[${i}]`;
      obj(res, 'result', rat, ['message']);
      obj(res.message, 'message', `${rat}.message`);
      if (typeof res.message?.text !== 'string') problems.push(`${rat}.message.text: not a string`);
      if (res.level !== undefined && !LEVELS.includes(res.level)) problems.push(`${rat}.level: not a level`);
      if (res.ruleIndex !== undefined) {
        int(res.ruleIndex, -1, `${rat}.ruleIndex`);
        if (rules[res.ruleIndex]?.id !== res.ruleId) problems.push(`${rat}.ruleIndex: does not point at rule ${res.ruleId}`);
      }
      (res.locations ?? []).forEach((loc: any, j: number) => {
        const lat = `${rat}.locations[${j}]`;
        obj(loc, 'location', lat);
        obj(loc.physicalLocation, 'physicalLocation', `${lat}.physicalLocation`);
        const art = loc.physicalLocation?.artifactLocation;
        obj(art, 'artifactLocation', `${lat}.physicalLocation.artifactLocation`);
        if (typeof art?.uri !== 'string' || /\s/.test(art.uri)) problems.push(`${lat}: uri is not a URI reference`);
        const reg = loc.physicalLocation?.region;
        obj(reg, 'region', `${lat}.physicalLocation.region`);
        int(reg?.startLine, 1, `${lat}.region.startLine`);
        int(reg?.startColumn, 1, `${lat}.region.startColumn`);
        int(reg?.endLine, reg?.startLine ?? 1, `${lat}.region.endLine`);
        int(reg?.endColumn, reg?.endLine === reg?.startLine ? (reg?.startColumn ?? 1) : 1, `${lat}.region.endColumn`);
      });
    });
  });
  return problems;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('--format sarif', () => {
  it('(the shape check above catches a malformed log)', () => {
    const bad = {
      version: '2.1',
      runs: [
        {
          tool: { driver: {} },
          results: [
            {
              ruleId: 'x',
              level: 'fatal',
              message: {},
              extra: 1,
              locations: [{ physicalLocation: { artifactLocation: { uri: 'a b' }, region: { startLine: 0 } } }],
            },
          ],
        },
      ],
    };
    expect(validateSarif(bad)).toEqual([
      '$.$schema is not the 2.1.0 schema',
      '$.version is not 2.1.0',
      '$.runs[0].tool.driver: toolComponent requires “name”',
      '$.runs[0].tool.driver.name: not a string',
      '$.runs[0].results[0]: result does not allow “extra”',
      '$.runs[0].results[0].message.text: not a string',
      '$.runs[0].results[0].level: not a level',
      '$.runs[0].results[0].locations[0]: uri is not a URI reference',
      '$.runs[0].results[0].locations[0].region.startLine: 0 is not an integer ≥ 1',
      '$.runs[0].results[0].locations[0].region.startColumn: undefined is not an integer ≥ 1',
      '$.runs[0].results[0].locations[0].region.endLine: undefined is not an integer ≥ 0',
      '$.runs[0].results[0].locations[0].region.endColumn: undefined is not an integer ≥ 1',
    ]);
  });

  it('is a SARIF 2.1.0 log GitHub code scanning takes', async () => {
    const r = await run(['check', 'examples', '--format', 'sarif'], examplesRepo());
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toEqual([]);
    expect(r.code).toBe(1);
  });

  it('names the tool, lists every diagnostic code as a rule with its description, and locates each result', async () => {
    const log = JSON.parse((await run(['check', 'examples', '--format', 'sarif'], examplesRepo())).stdout);
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('corresp');
    expect(driver.version).toBe('9.9.9');
    expect(driver.rules.map((x: { id: string }) => x.id)).toEqual(Object.keys(DIAGNOSTIC_CODES));
    expect(driver.rules.find((x: { id: string }) => x.id === 'comment.missing')).toEqual({
      id: 'comment.missing',
      name: 'comment.missing',
      shortDescription: { text: 'A staff comment has no response.' },
      defaultConfiguration: { level: 'error' },
    });
    const results = log.runs[0].results;
    expect(results.map((x: { ruleId: string; level: string }) => `${x.ruleId}:${x.level}`)).toEqual([
      // No coverage.summary: its text changes with every answer written, and would churn code-scanning alerts.
      'citation.superseded:note', // information or hint: both are notes
      'quote.drift:warning',
      'response.placeholder:warning',
      'comment.missing:error',
      'response.blank:warning',
    ]);
    const missing = results.find((x: { ruleId: string }) => x.ruleId === 'comment.missing');
    expect(missing).toEqual({
      ruleId: 'comment.missing',
      ruleIndex: Object.keys(DIAGNOSTIC_CODES).indexOf('comment.missing'),
      level: 'error',
      message: {
        text: 'Comment 4 is not answered (Discussion of Non-GAAP Financial Measures, page 5): We note your response to prior comment 3. Please ensure in your future earnings releases…',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'examples/response-2017-08-16.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 44, startColumn: 15, endLine: 44, endColumn: 15 },
          },
        },
      ],
    });
    // A region that spans text ends after it: "[●]" on line 60 from column 173.
    const blank = results.find((x: { ruleId: string }) => x.ruleId === 'response.blank');
    expect(blank.locations[0].physicalLocation.region).toEqual({ startLine: 60, startColumn: 173, endLine: 60, endColumn: 176 });
  });

  it('gives URIs relative to the working folder, percent-encoded, and an empty results list when all is well', async () => {
    const dir = tempRepo();
    thread(dir, 'a thread/2024', { answers: [ANSWERS[0], ANSWERS[1], 'TODO'] });
    const log = JSON.parse((await run(['check', '.', '--format', 'sarif'], dir, '2024-05-02')).stdout);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('a%20thread/2024/response.md');
    const clean = tempRepo();
    thread(clean, 't');
    const empty = await run(['check', '.', '--format', 'sarif'], clean, '2024-05-02');
    expect(JSON.parse(empty.stdout).runs[0].results).toEqual([]);
    expect(empty.code).toBe(0);
  });
});

describe('--format github', () => {
  it('prints a workflow command per diagnostic, then the summary', async () => {
    const r = await run(['check', 'examples', '--format', 'github'], examplesRepo());
    expect(withoutCitations(r.out)).toEqual([
      '::notice file=examples/response-2017-08-16.md,line=1,col=1,title=coverage.summary::3 of 5 staff comments answered; missing: 4; placeholder only: 3.',
      "::warning file=examples/response-2017-08-16.md,line=36,col=128,title=quote.drift::The repeated comment 2 differs from the staff's words: “receivable” for “receivables”.",
      '::warning file=examples/response-2017-08-16.md,line=44,col=11,title=response.placeholder::The response to comment 3 is only a placeholder.',
      '::error file=examples/response-2017-08-16.md,line=44,col=15,title=comment.missing::Comment 4 is not answered (Discussion of Non-GAAP Financial Measures, page 5): We note your response to prior comment 3. Please ensure in your future earnings releases…',
      '::warning file=examples/response-2017-08-16.md,line=60,col=173,title=response.blank::A blank is left to fill: [●]',
      'examples/response-2017-08-16.md: 3 of 5 comments answered, placeholder only: 3, missing: 4 (staff letter: ./staff-letter-2017-08-16.md)',
    ]);
    expect(r.code).toBe(1);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', async () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac%3Ad%2Ce');
    const dir = tempRepo();
    thread(dir, 'q3, 100%: draft');
    const r = await run(['check', '.', '--format', 'github'], dir, '2024-05-02');
    expect(r.out[0]).toBe('::notice file=q3%2C 100%25%3A draft/response.md,line=1,col=1,title=coverage.summary::3 of 3 staff comments answered.');
  });
});
