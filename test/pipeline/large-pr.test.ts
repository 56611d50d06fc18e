/** Chunk mode's pure parts: the budget, the plan, queue batches, job parsing, compact results and aggregation. */
import type { ChangeAnalysis } from '../../src/engine';
import type { Finding, Severity } from '../../src/engine/types';
import { evaluateGate } from '../../src/gate';
import { aggregateChunks } from '../../src/pipeline/aggregate-chunks';
import {
  compactChunkResult,
  CHUNK_RESULT_BYTES_MAX,
  failedChunkResult,
} from '../../src/pipeline/chunk-result';
import { parseQueuedJob, type ChunkJob } from '../../src/pipeline/job';
import {
  budgetFrom,
  chunkModeReason,
  CHUNK_PATH_CHARS_MAX,
  DEFAULT_LARGE_PR_BUDGET,
  planChunks,
} from '../../src/pipeline/large-pr';
import {
  pushBatches,
  QUEUE_EVENTS_PER_PUSH_MAX,
  QUEUE_PUSH_BYTES_MAX,
} from '../../src/pipeline/queue-batches';
import { defaultSettings } from '../../src/settings';

const HEAD = 'a'.repeat(40);

const chunkJob = (over: Partial<ChunkJob> = {}): ChunkJob => ({
  version: 1,
  kind: 'chunk',
  workspaceUuid: '{w}',
  repositoryUuid: '{r}',
  pullRequestId: 4,
  headHash: HEAD,
  sourceBranch: 'f',
  destinationHash: 'bbbbbbbbbbbb',
  destinationBranch: 'main',
  chunk: { index: 0, count: 2, files: [{ path: 'a.ts' }] },
  startedAt: '2026-01-01T00:00:00Z',
  ...over,
});

const finding = (severity: Severity, i: number, path = 'a.ts'): Finding => ({
  ruleId: 'excess-arguments',
  type: 'CODE_SMELL',
  severity,
  path,
  line: i + 1,
  message: `finding ${i} ${'x'.repeat(300)}`,
  fingerprint: `${severity}-${i}`,
});

const analysisWith = (newFindings: Finding[]): ChangeAnalysis => ({
  head: {
    files: [{ path: 'a.ts', language: 'typescript', lines: 10, codeLines: 10, functions: [] }],
    findings: newFindings,
    suppressed: [],
    skipped: [],
    health: { score: 9, band: 'green', files: [] },
  },
  newFindings,
  suppressed: [],
  fixedFindings: [],
  health: { before: 10, after: 9, delta: -1 },
  complexityAdded: 3,
  duplicatedLinesAdded: 0,
  secrets: 0,
  skipped: [],
  renamed: {},
});

describe('size budget and chunk plan', () => {
  const entry = (path: string, lines = 1) => ({
    status: 'modified',
    lines_added: lines,
    lines_removed: 0,
    old: { path },
    new: { path },
  });

  it('goes to chunk mode past the file or line budget, not below', () => {
    const budget = { ...DEFAULT_LARGE_PR_BUDGET, maxFiles: 2, maxChangedLines: 100 };
    expect(chunkModeReason([entry('a'), entry('b')], budget)).toBeUndefined();
    expect(chunkModeReason([entry('a'), entry('b'), entry('c')], budget)).toMatch(/3 changed files/);
    expect(chunkModeReason([entry('a', 101)], budget)).toMatch(/101 changed lines/);
  });

  it('reads positive integer overrides from the environment and ignores the rest', () => {
    expect(budgetFrom({ LINTEL_CHUNK_MAX_FILES: '10', LINTEL_CHUNK_FILES_PER_CHUNK: 'x' })).toEqual({
      ...DEFAULT_LARGE_PR_BUDGET,
      maxFiles: 10,
    });
  });

  it('caps chunks by file count, by path characters and by changed lines', () => {
    const files = Array.from({ length: 250 }, (_, i) => ({ path: `f${i}.ts` }));
    expect(planChunks(files, DEFAULT_LARGE_PR_BUDGET).map((c) => c.length)).toEqual([100, 100, 50]);
    // A chunk never asks one diff for more files than Bitbucket shows in one (200), whatever the budget says.
    const wide = { ...DEFAULT_LARGE_PR_BUDGET, filesPerChunk: 1000 };
    expect(planChunks(files, wide).map((c) => c.length)).toEqual([200, 50]);
    // 10,000 changed lines a file: three files fill the 30,000 a run analyses; one larger file gets a chunk alone.
    const lines = (f: { path: string }) => (f.path === 'f4.ts' ? 50_000 : 10_000);
    expect(planChunks(files.slice(0, 8), DEFAULT_LARGE_PR_BUDGET, lines).map((c) => c.length)).toEqual([
      3, 1, 1, 3,
    ]);
    const long = Array.from({ length: 10 }, (_, i) => ({ path: `${'d/'.repeat(500)}${i}.ts` }));
    const chunks = planChunks(long, DEFAULT_LARGE_PR_BUDGET);
    for (const c of chunks)
      expect(c.reduce((n, f) => n + f.path.length, 0)).toBeLessThanOrEqual(CHUNK_PATH_CHARS_MAX);
    expect(chunks.flat()).toHaveLength(10);
  });
});

describe('queue batches', () => {
  it('keeps every push within 50 events and 200 KB', () => {
    const small = Array.from({ length: 125 }, (_, i) => ({ i }));
    expect(pushBatches(small).map((b) => b.length)).toEqual([50, 50, 25]);
    const big = Array.from({ length: 10 }, () => ({ text: 'x'.repeat(60_000) }));
    const batches = pushBatches(big);
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(QUEUE_EVENTS_PER_PUSH_MAX);
      expect(Buffer.byteLength(JSON.stringify(b))).toBeLessThan(QUEUE_PUSH_BYTES_MAX);
    }
    expect(batches.flat()).toHaveLength(10);
  });

  it('refuses an event over 100 KB instead of pushing it', () => {
    expect(() => pushBatches([{ text: 'x'.repeat(120_000) }])).toThrow(/over Forge's 100000 per event/);
  });
});

describe('parseQueuedJob', () => {
  it('accepts a chunk job and an analysis job without kind', () => {
    expect(parseQueuedJob(chunkJob())).toMatchObject({ ok: true, value: { kind: 'chunk' } });
    const old = { ...chunkJob(), kind: undefined, sourceHash: 'abc1234', chunk: undefined };
    expect(parseQueuedJob(old)).toMatchObject({ ok: true });
  });

  it.each([
    [{ headHash: 'abc' }, /40-character/],
    [{ chunk: { index: 2, count: 2, files: [{ path: 'a' }] } }, /chunk.index/],
    [{ chunk: { index: 0, count: 0, files: [{ path: 'a' }] } }, /chunk.count/],
    [{ chunk: { index: 0, count: 1, files: [] } }, /chunk.files/],
    [{ chunk: { index: 0, count: 1, files: [{ path: '' }] } }, /chunk.files/],
    [{ pullRequestId: 'x' as unknown as number }, /lacks pullRequestId/],
    [{ kind: 'other' as 'chunk' }, /unknown job kind "other"/],
  ])('rejects a malformed chunk job %#', (over, message) => {
    const parsed = parseQueuedJob(chunkJob(over));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('chunk results', () => {
  it('stay under the kvs value budget, keep the most severe findings and exact counts', () => {
    const many = [
      ...Array.from({ length: 900 }, (_, i) => finding('LOW', i)),
      ...Array.from({ length: 5 }, (_, i) => finding('HIGH', 1000 + i)),
    ];
    const changed = new Map([['a.ts', new Set(many.map((f) => f.line))]]);
    const result = compactChunkResult({
      index: 0,
      paths: ['a.ts'],
      analysis: analysisWith(many),
      changedLines: changed,
      skipped: [],
      baseTexts: ['x\n'],
    });
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThanOrEqual(CHUNK_RESULT_BYTES_MAX);
    expect(result.newCounts).toEqual({ CRITICAL: 0, HIGH: 5, MEDIUM: 0, LOW: 900 });
    expect(result.newFindings.filter((f) => f.severity === 'HIGH')).toHaveLength(5);
    expect(result.newFindings.length).toBeLessThan(many.length);
    expect(result.anchors['a.ts']).toHaveLength(result.newFindings.length);
  });

  it('aggregate: counts every finding for the gate, says what was not listed, not analysed, and why', () => {
    const lows = Array.from({ length: 400 }, (_, i) => finding('LOW', i));
    const highs = [finding('HIGH', 0, 'b.ts')];
    const r0 = compactChunkResult({
      index: 0,
      paths: ['a.ts'],
      analysis: analysisWith(lows),
      changedLines: new Map([['a.ts', new Set(lows.map((f) => f.line))]]),
      skipped: [{ path: 'img.png', reason: 'binary file' }],
      baseTexts: ['x\n'],
    });
    const r1 = compactChunkResult({
      index: 1,
      paths: ['b.ts'],
      analysis: analysisWith(highs),
      changedLines: new Map([['b.ts', new Set([1])]]),
      skipped: [],
      baseTexts: ['x\n'],
    });
    const r2 = failedChunkResult(2, ['c.ts', 'd.ts'], 'HTTP 500');
    // Redelivered chunk 1: the same index counts once.
    const agg = aggregateChunks([r0, r1, r1, r2], 3);
    expect(agg.gateFacts.newFindings).toHaveLength(401);
    expect(agg.analysis.newFindings.length).toBeLessThan(401);
    expect(agg.failedChunks).toBe(1);
    expect(agg.analysis.complexityAdded).toBe(6);
    expect(agg.analysis.head.files).toHaveLength(2);
    const reasons = agg.analysis.skipped.map((s) => `${s.path}: ${s.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'c.ts: not analysed: HTTP 500',
        'd.ts: not analysed: HTTP 500',
        'img.png: binary file',
        expect.stringMatching(/more new issues were found but are not listed/),
        expect.stringMatching(/duplication between files of different chunks is not detected/),
      ]),
    );
    const gate = { ...defaultSettings().gate, newIssues: { minSeverity: 'LOW' as const, max: 400 } };
    expect(evaluateGate(agg.gateFacts, gate).passed).toBe(false);
    expect(agg.changedLines.get('b.ts')).toEqual(new Set([1]));
  });
});
