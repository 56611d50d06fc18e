/** Whole-snapshot analysis: metrics, secrets, duplication, rules and health for a set of files. */
import {
  assertValidOptions,
  DEFAULT_MAX_FILE_BYTES,
  MAX_DUPLICATION_FILES,
  type EngineOptions,
} from './engine-options';
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
import { detectLanguage } from './languages/detect';
import { languageSpec } from './languages/registry';
import type { DuplicateBlockInput, SecretHitInput } from './rules/rule-types';
import type { SuppressedFinding } from './suppression';
import {
  WHOLE_RUN_PATH,
  type FileMetrics,
  type Finding,
  type LanguageId,
  type SkipReason,
  type SourceFile,
} from './types';

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

/** The clone search over a run's code files: its blocks by path, and why it did not run, if it did not. */
interface CopySearch {
  code: DuplicationInput[];
  byPath: Map<string, DuplicateBlockInput[]>;
  skipped: SkipReason[];
}

async function searchCopies(
  ports: EnginePorts,
  code: DuplicationInput[],
  options: EngineOptions,
): Promise<CopySearch> {
  const search: CopySearch = { code, byPath: new Map(), skipped: [] };
  if (code.length > MAX_DUPLICATION_FILES) {
    search.skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `duplication not analysed: ${code.length} files exceed the limit of ${MAX_DUPLICATION_FILES}`,
    });
    return search;
  }
  if (code.length === 0) return search;
  try {
    search.byPath = indexByPath(await ports.detectDuplicates(code, options.duplication ?? {}));
  } catch (error) {
    search.skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `duplication analysis failed: ${describeError(error)}`,
      kind: 'not-analysed',
    });
  }
  return search;
}

/** Clones in prose, data and config are noise; only parsed code takes part. */
function codeOf(
  files: ReadonlyArray<{ source: SourceFile; language: LanguageId | 'text' }>,
): DuplicationInput[] {
  return files
    .filter((file) => file.language !== 'text')
    .map((file) => ({ ...file.source, language: file.language as LanguageId }));
}

/** The language a file's metrics will report: its detected one when the engine parses it, else text. */
function expectedLanguage(source: SourceFile): LanguageId | 'text' {
  const language = detectLanguage(source.path, source.text);
  return languageSpec(language) ? language : 'text';
}

function sameFiles(a: readonly DuplicationInput[], b: readonly DuplicationInput[]): boolean {
  return (
    a.length === b.length &&
    a.every((file, i) => file.path === b[i]?.path && file.language === b[i]?.language)
  );
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

/** Clone blocks per file they touch; a block within one file is listed once for it. */
function indexByPath(blocks: readonly DuplicateBlockInput[]): Map<string, DuplicateBlockInput[]> {
  const byPath = new Map<string, DuplicateBlockInput[]>();
  for (const block of blocks) {
    for (const path of new Set([block.first.path, block.second.path])) {
      const list = byPath.get(path) ?? [];
      list.push(block);
      byPath.set(path, list);
    }
  }
  return byPath;
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
  const context = judgeContext(options);
  const analysedOf = (outcomes: ReadonlyArray<AnalysedFile | undefined>): AnalysedFile[] =>
    outcomes.filter((file): file is AnalysedFile => file !== undefined);
  const measuredCode = (analysed: readonly AnalysedFile[]): DuplicationInput[] =>
    codeOf(analysed.map((file) => ({ source: file.source, language: file.metrics.language })));
  let analysed: AnalysedFile[];
  let search: CopySearch;
  let judged: Map<AnalysedFile, JudgedFile>;
  if ((ports.parallelism ?? 1) > 1) {
    // Parallel ports queue the work themselves; handing them every file at once keeps each of their lanes busy.
    const pending = wanted.map(analyseCounted);
    // Every outcome has a handler from now on: one failing while an earlier one is awaited is not left unhandled.
    Promise.all(pending).catch(() => undefined);
    // While the workers measure, this thread searches for copies (the search needs only each file's language, which
    // its path gives) and judges each file as its metrics come in, so little is left once the last one arrives.
    search = await searchCopies(
      ports,
      codeOf(wanted.map(({ source }) => ({ source, language: expectedLanguage(source) }))),
      options,
    );
    const outcomes: Array<AnalysedFile | undefined> = [];
    judged = new Map();
    for (const outcome of pending) {
      const file = await outcome;
      outcomes.push(file);
      if (file) judged.set(file, judgeFile(file, search.byPath.get(file.source.path) ?? [], context));
    }
    await ports.idle?.();
    analysed = analysedOf(outcomes);
    // A file that could not be measured takes no part in the search: then the copies are searched again without it.
    const code = measuredCode(analysed);
    if (!sameFiles(search.code, code)) {
      search = await searchCopies(ports, code, options);
      judged = judgeAll(analysed, search, context);
    }
  } else {
    const outcomes: Array<AnalysedFile | undefined> = [];
    for (const item of wanted) outcomes.push(await analyseCounted(item));
    await ports.idle?.();
    analysed = analysedOf(outcomes);
    search = await searchCopies(ports, measuredCode(analysed), options);
    judged = judgeAll(analysed, search, context);
  }

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
