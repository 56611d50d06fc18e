import type { CliIo } from './io';
import { analyzeCommand } from './analyze/command';
import { prCommand } from './pr/command';

/** One `lintel <name>` subcommand. `run` returns the exit code; user errors are thrown as `UserError`. */
export interface CliCommand {
  name: string;
  /** Other spellings that run the same command (`analyse` for `analyze`). */
  aliases?: readonly string[];
  /** One line for `lintel --help`. */
  summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** The subcommand table: a new command (e.g. `pr`) is one more entry here. */
export const COMMANDS: readonly CliCommand[] = [analyzeCommand, prCommand];
