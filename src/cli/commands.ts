import type { CliIo } from './io';
import { analyzeCommand } from './analyze/command';

/** One `lintel <name>` subcommand. `run` returns the exit code; user errors are thrown as `UserError`. */
export interface CliCommand {
  name: string;
  /** Other spellings that run the same command (`analyse` for `analyze`). */
  aliases?: readonly string[];
  /** One line for `lintel --help`. */
  summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/**
 * `lintel pr` loads the Bitbucket client, the pipeline and their schemas only when it runs, so that `lintel analyze`
 * does not evaluate them at every start.
 */
const prCommand: CliCommand = {
  name: 'pr',
  summary: 'analyse a Bitbucket pull request and publish the verdict (e.g. from Bitbucket Pipelines)',
  run: (argv, io) => {
    // A require, not a static import, so the bundle evaluates the module on first use (esbuild wraps it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runPr } = require('./pr/command') as typeof import('./pr/command');
    return runPr(argv, io);
  },
};

/** The subcommand table: a new command is one more entry here. */
export const COMMANDS: readonly CliCommand[] = [analyzeCommand, prCommand];
