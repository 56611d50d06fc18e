import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './io';
import { nearestName } from './nearest-name';

type Options = NonNullable<ParseArgsConfig['options']>;

function optionNames(options: Options): string[] {
  return Object.entries(options).flatMap(([long, option]) =>
    option.short ? [`--${long}`, `-${option.short}`] : [`--${long}`],
  );
}

/** The option parseArgs rejected, from its message ("Unknown option '--formt'. To specify …"). */
function rejectedOption(message: string): string | undefined {
  return /^Unknown option '([^']+)'/.exec(message)?.[1];
}

/**
 * node:util parseArgs with messages for people: an unknown option names the nearest known one
 * ("unknown option --formt; did you mean --format?") instead of parseArgs' advice about positionals.
 */
export function parseOptions<T extends Options>(
  argv: readonly string[],
  options: T,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const typed = rejectedOption(message);
    if (typed === undefined) throw new UserError(message, true);
    // `--format=xml` is rejected as a whole; compare only the name.
    const name = typed.split('=')[0] ?? typed;
    const suggestion = nearestName(name, optionNames(options));
    throw new UserError(
      suggestion ? `unknown option ${name}; did you mean ${suggestion}?` : `unknown option ${name}`,
      true,
    );
  }
}
