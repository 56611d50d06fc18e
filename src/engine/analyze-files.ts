/** Whole-snapshot analysis: metrics, secrets, duplication, rules and health for a set of files. */
import {
  assertValidOptions,
  DEFAULT_MAX_FILE_BYTES,
  MAX_DUPLICATION_FILES,
  type EngineOptions,
} from './engine-options';
import type { EnginePorts } from './engine-ports';
import { isEngineUnavailable } from './engine-unavailable';
import { screenFile } from './file-screening';
import { fileHealth } from './health/file-health';
import { healthBand, weightedHealth, type HealthBand } from './health/aggregate-health';
import { allRules } from './rules';
import type { DuplicateBlockInput, SecretHitInput } from './rules/rule-types';
import { runRules, splitLines } from './rules/run-rules';
import { SUPPRESSION_PROBLEM_RULE_ID } from './rules/suppression-problem';
import { applySuppressions, type SuppressedFinding } from './suppression';
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

interface AnalysedFile {
  source: SourceFile;
  metrics: FileMetrics;
  secrets: readonly SecretHitInput[];
}

/** Skip reasons are shown to users: the first line of an error says what went wrong; stacks and hints do not. */
const MAX_REASON_CHARS = 200;

export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
  return firstLine.length > MAX_REASON_CHARS ? `${firstLine.slice(0, MAX_REASON_CHARS - 1)}…` : firstLine;
}

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

async function findDuplicates(
  ports: EnginePorts,
  analysed: readonly AnalysedFile[],
  options: EngineOptions,
  skipped: SkipReason[],
): Promise<readonly DuplicateBlockInput[]> {
  // Clones in prose, data and config are noise; only parsed code takes part.
  const code = analysed
    .filter((file) => file.metrics.language !== 'text')
    .map((file) => ({ ...file.source, language: file.metrics.language as LanguageId }));
  if (code.length > MAX_DUPLICATION_FILES) {
    skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `duplication not analysed: ${code.length} files exceed the limit of ${MAX_DUPLICATION_FILES}`,
    });
    return [];
  }
  if (code.length === 0) return [];
  try {
    return await ports.detectDuplicates(code, options.duplication ?? {});
  } catch (error) {
    skipped.push({
      path: WHOLE_RUN_PATH,
      reason: `duplication analysis failed: ${describeError(error)}`,
      kind: 'not-analysed',
    });
    return [];
  }
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
  const outcomes: Array<AnalysedFile | undefined> = [];
  if ((ports.parallelism ?? 1) > 1) {
    // Parallel ports queue the work themselves; handing them every file at once keeps each of their lanes busy.
    outcomes.push(...(await Promise.all(wanted.map(analyseCounted))));
  } else {
    for (const item of wanted) outcomes.push(await analyseCounted(item));
  }
  await ports.idle?.();
  const skipped = slots.flat();
  const analysed = outcomes.filter((file): file is AnalysedFile => file !== undefined);

  const duplicatesByPath = indexByPath(await findDuplicates(ports, analysed, options, skipped));
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const knownRuleIds = new Set(allRules.map((rule) => rule.meta.id));
  const disabledRules = new Set(options.disabledRules ?? []);
  const healthFiles: Array<{ path: string; score: number; codeLines: number }> = [];
  for (const file of analysed) {
    const path = file.source.path;
    try {
      const sourceLines = splitLines(file.source.text);
      const own = runRules(
        allRules,
        {
          file: file.metrics,
          text: file.source.text,
          sourceLines,
          duplicates: duplicatesByPath.get(path) ?? [],
          secrets: file.secrets,
        },
        { thresholds: options.thresholds, disabledRules: options.disabledRules },
      );
      const outcome = applySuppressions(own, {
        path,
        language: file.metrics.language,
        sourceLines,
        knownRuleIds,
        disabledRules,
        secretLines: new Set(file.secrets.map((hit) => hit.line)),
      });
      findings.push(...outcome.findings);
      suppressed.push(...outcome.suppressed);
      // Health is about code: prose, data and config files would dilute the lines-weighted average.
      if (file.metrics.language === 'text') continue;
      // A suppressed finding was judged acceptable, and a faulty comment is not a fault of the code.
      const scored = outcome.findings.filter((finding) => finding.ruleId !== SUPPRESSION_PROBLEM_RULE_ID);
      const { score } = fileHealth(file.metrics, scored, { ruleWeights: options.health?.ruleWeights });
      healthFiles.push({ path, score, codeLines: file.metrics.codeLines });
    } catch (error) {
      skipped.push({ path, reason: `rules failed: ${describeError(error)}`, kind: 'not-analysed' });
    }
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
