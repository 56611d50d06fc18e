/**
 * Lintel's SARIF against the parts of SARIF 2.1.0 viewers rely on (no copy of the OASIS schema is in the repository,
 * so this is a structural check): absolute helpUri per rule, %SRCROOT% declared in originalUriBaseIds as an
 * absolute folder URI, and every location relative to a declared base.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildFilesReport } from '../../src/cli/report/build-report';
import { formatReport } from '../../src/cli/report/format';
import { evaluateGate } from '../../src/gate';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { filesAnalysis, RULES } from './report-fixtures';

const artifactLocation = {
  type: 'object',
  required: ['uri', 'uriBaseId'],
  properties: { uri: { type: 'string', format: 'uri-reference' }, uriBaseId: { type: 'string' } },
};

/** SARIF 2.1.0's constraints on the properties Lintel writes (§3.13, §3.14.14, §3.27, §3.49.12). */
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'originalUriBaseIds', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'rules'],
                properties: {
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'shortDescription'],
                      properties: { helpUri: { type: 'string', format: 'uri' } },
                    },
                  },
                },
              },
            },
          },
          originalUriBaseIds: {
            type: 'object',
            minProperties: 1,
            additionalProperties: {
              type: 'object',
              required: ['uri'],
              // An absolute base must name a folder: SARIF requires the trailing slash.
              properties: { uri: { type: 'string', format: 'uri', pattern: '^file:///.*/$' } },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'ruleIndex', 'message', 'locations'],
              properties: {
                message: { type: 'object', required: ['text'] },
                locations: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation,
                          region: {
                            type: 'object',
                            required: ['startLine'],
                            properties: { startLine: { type: 'integer', minimum: 1 } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const validate = addFormats(new Ajv({ allErrors: true })).compile(SARIF_SUBSET);

function sarif(root = '/work/repo') {
  const result = filesAnalysis();
  const report = buildFilesReport(result, evaluateGate(result, DEFAULT_SETTINGS.gate), []);
  return JSON.parse(formatReport(report, 'sarif', RULES, { root, sources: [] }));
}

describe('SARIF log structure', () => {
  it('meets SARIF 2.1.0 for rules, base URIs and locations', () => {
    const log = sarif();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  it('links each rule to its section of docs/rules.md by rule id', () => {
    const rules = sarif().runs[0].tool.driver.rules as Array<{ id: string; helpUri: string }>;
    for (const rule of rules) expect(rule.helpUri).toMatch(new RegExp(`/docs/rules\\.md#${rule.id}$`));
  });

  it('declares %SRCROOT% as the folder paths are relative to, and every location uses it', () => {
    const run = sarif('/work/my repo').runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/my%20repo/');
    const bases = run.results.map(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uriBaseId: string } } }> }) =>
        r.locations[0]?.physicalLocation.artifactLocation.uriBaseId,
    );
    expect(new Set(bases)).toEqual(new Set(['%SRCROOT%']));
    const uri = run.results[0].locations[0].physicalLocation.artifactLocation.uri as string;
    expect(new URL(uri, run.originalUriBaseIds['%SRCROOT%'].uri).pathname).toBe(
      '/work/my%20repo/src/a%20b.ts',
    );
  });

  it('is rejected by the check when a base has no trailing slash (the check can fail)', () => {
    const log = sarif();
    log.runs[0].originalUriBaseIds['%SRCROOT%'].uri = 'file:///work/repo';
    expect(validate(log)).toBe(false);
  });
});
