import { isEngineUnavailable } from '../engine/engine-unavailable';
import { COMMANDS, type CliCommand } from './commands';
import { EXIT, UserError, type CliIo } from './io';
import { nearestName } from './nearest-name';
import { LINTEL_VERSION } from './version';

function topLevelHelp(commands: readonly CliCommand[]): string {
  const label = (c: CliCommand) => [c.name, ...(c.aliases ?? [])].join(', ');
  const width = Math.max(...commands.map((c) => label(c).length));
  return [
    'Usage: lintel <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${label(c).padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    "  -h, --help     show this help, or a command's help with `lintel <command> --help`",
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 quality gate passed, 1 quality gate failed, 2 bad usage or input (or an internal',
    'error), 3 nothing or not everything was judged (the engine cannot run; `lintel pr` could not finish).',
    '',
  ].join('\n');
}

/** Handles `lintel`, `lintel --help` and `lintel --version`; undefined when `name` is a command to run. */
function topLevel(name: string | undefined, io: CliIo, commands: readonly CliCommand[]): number | undefined {
  if (name === undefined) {
    io.stderr(topLevelHelp(commands));
    return EXIT.usageOrInput;
  }
  if (['-h', '--help', 'help'].includes(name)) {
    io.stdout(topLevelHelp(commands));
    return EXIT.passed;
  }
  if (name === '-v' || name === '--version') {
    io.stdout(`${LINTEL_VERSION}\n`);
    return EXIT.passed;
  }
  return undefined;
}

function reportFailure(command: CliCommand, error: unknown, io: CliIo): number {
  if (error instanceof UserError) {
    io.stderr(`lintel ${command.name}: ${error.message}\n`);
    if (error.showUsageHint) io.stderr(`Run 'lintel ${command.name} --help' for usage.\n`);
    return EXIT.usageOrInput;
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (isEngineUnavailable(error)) {
    // Not the user's input and not a bug in a rule: this installation cannot analyse, so nothing was judged.
    io.stderr(`lintel ${command.name}: the analysis engine cannot run: ${detail}\n`);
    io.stderr('Nothing was analysed. Reinstall (npm ci) or rebuild (npm run build) and try again.\n');
    return EXIT.incomplete;
  }
  io.stderr(`lintel ${command.name}: internal error: ${detail}\n`);
  const stack = process.env.LINTEL_DEBUG && error instanceof Error ? error.stack : undefined;
  io.stderr(stack ? `${stack}\n` : 'Set LINTEL_DEBUG=1 to see the stack trace, and please report it.\n');
  return EXIT.usageOrInput;
}

/**
 * Runs one command line and returns the exit code. Never throws: a user's mistake becomes a message on
 * stderr and exit code 2; anything else is reported as an internal error (stack trace only with LINTEL_DEBUG).
 */
export async function runCli(argv: readonly string[], io: CliIo, commands = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  const handled = topLevel(name, io, commands);
  if (handled !== undefined || name === undefined) return handled ?? EXIT.usageOrInput;
  const command = commands.find((c) => c.name === name || c.aliases?.includes(name));
  if (!command) {
    const names = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    const suggestion = name.startsWith('-') ? undefined : nearestName(name, names);
    const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
    io.stderr(
      `lintel: unknown command '${name}'.${hint} Commands: ${commands.map((c) => c.name).join(', ')}.\n`,
    );
    io.stderr("Run 'lintel --help' for usage.\n");
    return EXIT.usageOrInput;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportFailure(command, error, io);
  }
}
