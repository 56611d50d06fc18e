import { resolve } from 'node:path';
import { evaluateGate, judgeCoverage } from '../../gate';
import { ignoreMatcher } from '../../settings/ignore-matcher';
import type { CliCommand } from '../commands';
import { cliEngine } from '../engine';
import type { EnginePort } from '../engine-port';
import { collectFiles, type CollectedFile } from '../files/collect-files';
import { readSourceFiles } from '../files/read-files';
import { readChange } from '../git/read-change';
import { EXIT, UserError, type CliIo } from '../io';
import { buildChangeReport, buildFilesReport } from '../report/build-report';
import { formatReport, type FormatContext } from '../report/format';
import type { AnalyzeReport } from '../report/report-types';
import { ANALYZE_HELP, parseAnalyzeArgs, type AnalyzeArgs } from './args';
import { loadSettings } from './load-settings';
import { IGNORED_BY_SETTINGS, nothingToAnalyze } from './nothing-to-analyze';
import { progressLine, type ProgressLine } from './progress';

type Settings = Awaited<ReturnType<typeof loadSettings>>;

interface Analysed {
  report: AnalyzeReport;
  context: FormatContext;
}

async function analyzeFilesMode(
  args: Extract<AnalyzeArgs, { mode: 'files' }>,
  settings: Settings,
  io: CliIo,
  engine: () => EnginePort,
  progress: ProgressLine,
  listing: Promise<CollectedFile[]>,
): Promise<Analysed> {
  const isIgnored = ignoreMatcher(settings.ignore);
  progress.update('lintel: listing files…');
  const listed = await listing;
  const collected = listed.filter((f) => f.explicit || !isIgnored(f.ignorePath));
  // Listed in the report, never dropped silently: the JSON and SARIF name each; the text output counts them.
  const ignoredFiles = listed
    .filter((f) => !f.explicit && isIgnored(f.ignorePath))
    .map((f) => ({ path: f.reportPath, reason: IGNORED_BY_SETTINGS }));
  const ignored = ignoredFiles.map((f) => f.reason);
  progress.update(`lintel: reading ${collected.length} files…`);
  const { sources, skipped } = await readSourceFiles(collected);
  if (sources.length === 0) throw nothingToAnalyze(args.paths, [...ignored, ...skipped.map((s) => s.reason)]);
  progress.update(`lintel: analysing ${sources.length} files…`);
  const result = await engine().analyzeFiles(
    sources,
    { thresholds: settings.thresholds, disabledRules: settings.disabledRules },
    { jobs: args.jobs, onFileAnalysed: (done, total) => progress.count(done, total) },
  );
  const report = buildFilesReport(
    result,
    judgeCoverage(evaluateGate(result, settings.gate), result.skipped),
    [...skipped, ...ignoredFiles],
  );
  // The engine may set aside every file it was given (generated, minified, too large): still nothing judged.
  if (report.files.length === 0)
    throw nothingToAnalyze(
      args.paths,
      report.skipped.map((s) => s.reason),
    );
  return { report, context: { root: io.cwd, sources } };
}

async function analyzeChangeMode(
  args: Extract<AnalyzeArgs, { mode: 'change' }>,
  settings: Settings,
  io: CliIo,
  engine: () => EnginePort,
  progress: ProgressLine,
): Promise<Analysed> {
  progress.update('lintel: reading the change from git…');
  const input = await readChange(io.cwd, args.repo, args.base, args.head, ignoreMatcher(settings.ignore));
  progress.update(`lintel: analysing ${input.head.length} changed files…`);
  const change = await engine().analyzeChange(
    { base: input.base, head: input.head, diff: input.diff },
    { thresholds: settings.thresholds, disabledRules: settings.disabledRules },
    { jobs: args.jobs },
  );
  const report = buildChangeReport(
    change,
    judgeCoverage(evaluateGate(change, settings.gate), change.skipped),
    input.skipped,
    input.revisions,
  );
  return { report, context: { root: input.root, sources: input.head } };
}

export async function runAnalyze(
  argv: string[],
  io: CliIo,
  // The engine is loaded on first use, so `--help` and usage errors never pay for it.
  engine: () => EnginePort = cliEngine,
): Promise<number> {
  const args = parseAnalyzeArgs(argv);
  if (args.help) {
    io.stdout(ANALYZE_HELP);
    return EXIT.passed;
  }
  // A change is judged by the settings of its base, as the app judges a pull request by its destination's.
  const origin =
    args.mode === 'change' ? { repo: resolve(io.cwd, args.repo), revision: args.base } : { folder: io.cwd };
  // Files are listed while the settings load, and the engine (and worker threads) start as soon as they are counted.
  const listing = args.mode === 'files' ? collectFiles(args.paths, io.cwd) : undefined;
  listing?.then(
    (listed) => engine().prepare?.(listed.length, { jobs: args.jobs }),
    // Reported where the listing is awaited.
    () => undefined,
  );
  const settings = await loadSettings(args.settingsFile, io.cwd, origin);
  const progress = progressLine(io);
  let analysed: Analysed;
  try {
    analysed =
      args.mode === 'files'
        ? await analyzeFilesMode(args, settings, io, engine, progress, listing as Promise<CollectedFile[]>)
        : await analyzeChangeMode(args, settings, io, engine, progress);
  } catch (error) {
    // Thresholds naming unknown rules or impossible values are the settings' fault, not Lintel's.
    if (error instanceof Error && error.name === 'EngineOptionsError') {
      throw new UserError(`the settings are not valid for the analysis: ${error.message}`);
    }
    throw error;
  } finally {
    progress.done();
  }
  const { report, context } = analysed;
  io.stdout(formatReport(report, args.format, args.format === 'sarif' ? engine().rules : [], context));
  return report.gate.passed ? EXIT.passed : EXIT.gateFailed;
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  // British spelling, as the help and messages say "analyse".
  aliases: ['analyse'],
  summary: 'analyse files, folders or a git change and apply the quality gate',
  run: (argv, io) => runAnalyze(argv, io),
};
