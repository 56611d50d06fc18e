import { UserError } from '../io';
import { parseOptions } from '../parse-options';
import { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from '../report/format';

export const ANALYZE_HELP = `Usage:
  lintel analyze [--format text|json|sarif] [--settings FILE] [--jobs N] PATH...
  lintel analyze [--repo DIR] --base REV [--head REV] [--format text|json|sarif] [--settings FILE]

Analyses whole files and folders (first form) or the change a pull request would show: from
merge-base(base, head) to head (second form). Folders in a git repository are listed by git, so
.gitignore applies; elsewhere .gitignore files are read. node_modules and .git are always skipped.
\`lintel analyse\` is the same command.

Findings are printed as path:line:col, paths relative to the current folder (files) or to the
repository root (change), so terminals and editors open them.

Options:
  -f, --format FORMAT   output format: text (default), json or sarif
  -s, --settings FILE   settings file (JSON or YAML), see docs/settings.md
  -j, --jobs N          threads analysing files, the main one included (default: one per core,
                        up to 4, for 40 files or more; 1 analyses everything on the main thread)
      --repo DIR        git repository for change analysis (default: current folder)
      --base REV        base revision (e.g. main); enables change analysis
      --head REV        head revision (default: HEAD)
  -h, --help            show this help

Exit codes: 0 quality gate passed, 1 quality gate failed, 2 bad usage or input (including nothing
to analyse) or an internal error, 3 the analysis engine cannot run (nothing was judged).
`;

export type AnalyzeArgs =
  | { help: true }
  | {
      help: false;
      mode: 'files';
      paths: string[];
      format: OutputFormat;
      settingsFile?: string;
      jobs?: number;
    }
  | {
      help: false;
      mode: 'change';
      repo: string;
      base: string;
      head: string;
      format: OutputFormat;
      settingsFile?: string;
      jobs?: number;
    };

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  settings: { type: 'string', short: 's' },
  repo: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
} as const;

function checkFormat(format: string): OutputFormat {
  if (isOutputFormat(format)) return format;
  throw new UserError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got '${format}'`, true);
}

/** More workers than this only add memory: the main thread's duplication pass is then the bottleneck. */
const MAX_JOBS = 64;

function checkJobs(jobs: string | undefined): number | undefined {
  if (jobs === undefined) return undefined;
  const n = Number(jobs);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_JOBS) return n;
  throw new UserError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, got '${jobs}'`, true);
}

/** Parses `lintel analyze` arguments; throws UserError (exit 2) naming what is wrong. */
export function parseAnalyzeArgs(argv: readonly string[]): AnalyzeArgs {
  const { values, positionals } = parseOptions(argv, OPTIONS, true);
  if (values.help) return { help: true };
  const empty = Object.entries(values).find(([, value]) => value === '');
  if (empty) throw new UserError(`--${empty[0]} needs a value`, true);
  const format = checkFormat(values.format ?? 'text');
  const settingsFile = values.settings;
  const jobs = checkJobs(values.jobs);
  if (values.base !== undefined) {
    if (positionals.length > 0) {
      throw new UserError(
        `PATH arguments cannot be combined with --base (got ${positionals.join(' ')})`,
        true,
      );
    }
    const { repo = '.', base, head = 'HEAD' } = values;
    return { help: false, mode: 'change', repo, base, head, format, settingsFile, jobs };
  }
  if (values.repo !== undefined || values.head !== undefined) {
    throw new UserError('--repo and --head need --base REV for change analysis', true);
  }
  if (positionals.length === 0) {
    throw new UserError('expected at least one PATH to analyse, or --base REV to analyse a change', true);
  }
  return { help: false, mode: 'files', paths: positionals, format, settingsFile, jobs };
}
