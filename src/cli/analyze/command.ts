import { resolve } from 'node:path';
import { evaluateGate } from '../../gate';
import { ignoreMatcher } from '../../settings';
import type { CliCommand } from '../commands';
import { cliEngine } from '../engine';
import type { EnginePort } from '../engine-port';
import { collectFiles } from '../files/collect-files';
import { readSourceFiles } from '../files/read-files';
import { readChange } from '../git/read-change';
import { EXIT, UserError, type CliIo } from '../io';
import { buildChangeReport, buildFilesReport } from '../report/build-report';
import { formatReport } from '../report/format';
import type { AnalyzeReport } from '../report/report-types';
import { ANALYZE_HELP, parseAnalyzeArgs } from './args';
import { loadSettings } from './load-settings';
import { progressLine } from './progress';

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
  const settings = await loadSettings(args.settingsFile, io.cwd, origin);
  const isIgnored = ignoreMatcher(settings.ignore);
  const opts = { thresholds: settings.thresholds, disabledRules: settings.disabledRules };
  const progress = progressLine(io);
  let report: AnalyzeReport;
  try {
    if (args.mode === 'files') {
      progress.update('lintel: listing files…');
      const collected = (await collectFiles(args.paths, io.cwd)).filter(
        (f) => f.explicit || !isIgnored(f.reportPath),
      );
      progress.update(`lintel: reading ${collected.length} files…`);
      const { sources, skipped } = await readSourceFiles(collected);
      if (collected.length === 0)
        io.stderr('lintel analyze: warning: no files to analyse (all are ignored)\n');
      progress.update(`lintel: analysing ${sources.length} files…`);
      const result = await engine().analyzeFiles(sources, opts);
      report = buildFilesReport(result, evaluateGate(result, settings.gate), skipped);
    } else {
      progress.update('lintel: reading the change from git…');
      const input = await readChange(io.cwd, args.repo, args.base, args.head, isIgnored);
      progress.update(`lintel: analysing ${input.head.length} changed files…`);
      const change = await engine().analyzeChange(
        { base: input.base, head: input.head, diff: input.diff },
        opts,
      );
      report = buildChangeReport(change, evaluateGate(change, settings.gate), input.skipped, input.revisions);
    }
  } catch (error) {
    // Thresholds naming unknown rules or impossible values are the settings' fault, not Lintel's.
    if (error instanceof Error && error.name === 'EngineOptionsError') {
      throw new UserError(`the settings are not valid for the analysis: ${error.message}`);
    }
    throw error;
  } finally {
    progress.done();
  }
  io.stdout(formatReport(report, args.format, args.format === 'sarif' ? engine().rules : []));
  return report.gate.passed ? EXIT.passed : EXIT.gateFailed;
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse files, folders or a git change and apply the quality gate',
  run: (argv, io) => runAnalyze(argv, io),
};
