/** Whole-snapshot analysis: metrics, secrets, duplication, rules and health for a set of files. */
import { codeOf, expectedLanguage, sameFiles, searchCopies, type CopySearch } from './copy-search';
import { assertValidOptions, DEFAULT_MAX_FILE_BYTES, type EngineOptions } from './engine-options';
import type { EnginePorts } from './engine-ports';
import type { DuplicationInput } from './duplication';
import { isEngineUnavailable } from './engine-unavailable';
import { screenFile } from './file-screening';
import { healthBand, weightedHealth, type HealthBand } from './health/aggregate-health';
import {
  describeError,
  judgeContext,
  judgeFile,
  type AnalysedFile,
  type JudgeContext,
  type JudgedFile,
} from './judge-file';
import type { SecretHitInput } from './rules/rule-types';
import type { SuppressedFinding } from './suppression';
import type { FileMetrics, Finding, SkipReason, SourceFile } from './types';

export interface AnalysisResult {
  files: FileMetrics[];
  findings: Finding[];
  /** Findings a `lintel-disable…` comment suppressed: not in `findings`, not judged by the gate (docs/suppression.md). */
  suppressed: SuppressedFinding[];
  skipped: SkipReason[];
  /** Lines-weighted health of the code files, with each file's score; bands follow `options.health.bands`. */
  health: {
    score: number;
    band: HealthBand;
    files: Array<{ path: string; score: number; band: HealthBand }>;
  };
}

/** Observers of a run; the CLI draws its progress line from them. */
export interface AnalyzeHooks {
  /** Called after each file's metrics and secret scan, with how many of the files to analyse are done. */
  onFileAnalysed?(done: number, total: number): void;
}

export { describeError };

async function analyseOne(
  ports: EnginePorts,
  source: SourceFile,
  skipped: SkipReason[],
): Promise<AnalysedFile | undefined> {
  let metrics: FileMetrics;
  try {
    // The facade's path wins, so findings always point at the path the caller gave.
    metrics = { ...(await ports.analyzeFileMetrics(source)), path: source.path };
  } catch (error) {
    // A grammar that cannot load is the engine's failure, not the file's: it stops the whole run.
    if (isEngineUnavailable(error)) throw error;
    skipped.push({
      path: source.path,
      reason: `could not be analysed: ${describeError(error)}`,
      kind: 'not-analysed',
    });
    return undefined;
  }
  if (metrics.note)
    skipped.push({
      path: source.path,
      reason: metrics.note,
      ...(metrics.noteKind ? { kind: metrics.noteKind } : {}),
    });
  let secrets: readonly SecretHitInput[] = [];
  try {
    secrets = await ports.scanSecrets(source);
  } catch (error) {
    if (isEngineUnavailable(error)) throw error;
    skipped.push({
      path: source.path,
      reason: `secret scan failed: ${describeError(error)}`,
      kind: 'secrets-not-scanned',
    });
  }
  return { source, metrics, secrets };
}

/** What every step of one run shares. */
interface Run {
  ports: EnginePorts;
  options: EngineOptions;
  context: JudgeContext;
}

/** The files measured, in input order, the copy search their judgements used, and each file's judgement. */
interface Judgement {
  analysed: AnalysedFile[];
  search: CopySearch;
  judged: Map<AnalysedFile, JudgedFile>;
}

type Wanted = ReadonlyArray<{ source: SourceFile; skips: SkipReason[] }>;
type Measure = (item: Wanted[number]) => Promise<AnalysedFile | undefined>;

function analysedOf(outcomes: ReadonlyArray<AnalysedFile | undefined>): AnalysedFile[] {
  return outcomes.filter((file): file is AnalysedFile => file !== undefined);
}

function measuredCode(analysed: readonly AnalysedFile[]): DuplicationInput[] {
  return codeOf(analysed.map((file) => ({ source: file.source, language: file.metrics.language })));
}

function judgeAll(
  analysed: readonly AnalysedFile[],
  search: CopySearch,
  context: JudgeContext,
): Map<AnalysedFile, JudgedFile> {
  return new Map(
    analysed.map((file) => [file, judgeFile(file, search.byPath.get(file.source.path) ?? [], context)]),
  );
}

/** Sequential ports: every file measured, then the copies searched, then each file judged. */
async function judgeAfter(run: Run, wanted: Wanted, measure: Measure): Promise<Judgement> {
  const outcomes: Array<AnalysedFile | undefined> = [];
  for (const item of wanted) outcomes.push(await measure(item));
  await run.ports.idle?.();
  const analysed = analysedOf(outcomes);
  const search = await searchCopies(run.ports, measuredCode(analysed), run.options);
  return { analysed, search, judged: judgeAll(analysed, search, run.context) };
}

/**
 * Parallel ports: every file handed over at once (the ports queue the work and keep each lane busy); while they
 * measure, this thread searches for copies (the search needs only each file's language, which its path gives) and
 * judges each file as its metrics come in, so little is left once the last one arrives. The result is exactly
 * judgeAfter's.
 */
async function judgeAlongside(run: Run, wanted: Wanted, measure: Measure): Promise<Judgement> {
  const pending = wanted.map(measure);
  // Every outcome has a handler from now on: one failing while an earlier one is awaited is not left unhandled.
  Promise.all(pending).catch(() => undefined);
  const expected = codeOf(wanted.map(({ source }) => ({ source, language: expectedLanguage(source) })));
  let search = await searchCopies(run.ports, expected, run.options);
  const outcomes: Array<AnalysedFile | undefined> = [];
  let judged = new Map<AnalysedFile, JudgedFile>();
  for (const outcome of pending) {
    const file = await outcome;
    outcomes.push(file);
    if (file) judged.set(file, judgeFile(file, search.byPath.get(file.source.path) ?? [], run.context));
  }
  await run.ports.idle?.();
  const analysed = analysedOf(outcomes);
  // A file that could not be measured takes no part in the search: then the copies are searched again without it.
  const code = measuredCode(analysed);
  if (!sameFiles(search.code, code)) {
    search = await searchCopies(run.ports, code, run.options);
    judged = judgeAll(analysed, search, run.context);
  }
  return { analysed, search, judged };
}

/**
 * Analyses a snapshot. Bad files never abort the run: they are listed in `skipped` with a reason a user
 * can act on. Invalid options throw EngineOptionsError before any work is done.
 */
export async function analyzeFilesWith(
  ports: EnginePorts,
  files: readonly SourceFile[],
  options: EngineOptions = {},
  hooks: AnalyzeHooks = {},
): Promise<AnalysisResult> {
  assertValidOptions(options);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // Each file's skip reasons are kept in its own slot and joined in input order, so parallel ports report exactly
  // as sequential ones do.
  const slots = files.map((): SkipReason[] => []);
  const wanted: Array<{ source: SourceFile; skips: SkipReason[] }> = [];
  const seen = new Set<string>();
  for (const [i, source] of files.entries()) {
    const skips = slots[i] ?? [];
    if (seen.has(source.path)) {
      skips.push({ path: source.path, reason: 'given more than once; only the first copy was analysed' });
      continue;
    }
    seen.add(source.path);
    const reason = screenFile(source.path, source.text, maxBytes);
    if (reason !== undefined) skips.push({ path: source.path, reason });
    else wanted.push({ source, skips });
  }
  let done = 0;
  const analyseCounted = async (item: (typeof wanted)[number]): Promise<AnalysedFile | undefined> => {
    const file = await analyseOne(ports, item.source, item.skips);
    hooks.onFileAnalysed?.(++done, wanted.length);
    return file;
  };
  const run: Run = { ports, options, context: judgeContext(options) };
  const { analysed, search, judged } =
    (ports.parallelism ?? 1) > 1
      ? await judgeAlongside(run, wanted, analyseCounted)
      : await judgeAfter(run, wanted, analyseCounted);

  const skipped = [...slots.flat(), ...search.skipped];
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const healthFiles: Array<{ path: string; score: number; codeLines: number }> = [];
  for (const file of analysed) {
    const verdict = judged.get(file);
    if (!verdict) continue;
    findings.push(...verdict.findings);
    suppressed.push(...verdict.suppressed);
    if (verdict.health) healthFiles.push(verdict.health);
    if (verdict.failure) skipped.push(verdict.failure);
  }

  const bands = options.health?.bands;
  const overall = weightedHealth(healthFiles);
  const byPlace = (a: Finding, b: Finding): number =>
    a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);
  findings.sort(byPlace);
  suppressed.sort(byPlace);
  return {
    files: analysed.map((file) => file.metrics),
    findings,
    suppressed,
    skipped,
    health: {
      score: overall,
      band: healthBand(overall, bands),
      files: healthFiles.map(({ path, score }) => ({ path, score, band: healthBand(score, bands) })),
    },
  };
}
