/**
 * The only place that turns a secret into something printable. Findings end up in Bitbucket reports,
 * comments and logs, so a secret must never leave the scanner; a few leading characters let a reader
 * find it in the file without leaking it.
 */

/** Most characters of a secret ever shown. */
const MAX_PREFIX_CHARS = 4;
/** Show at most one character in five, so short passwords reveal almost nothing. */
const PREFIX_FRACTION = 5;

export function redactedPrefix(secret: string): string {
  const shown = Math.min(MAX_PREFIX_CHARS, Math.floor(secret.length / PREFIX_FRACTION));
  return `${secret.slice(0, shown)}…`;
}

/** Last line of defence: true when `text` contains the secret or any 8-character piece of it. */
export function leaksSecret(text: string, secret: string): boolean {
  const WINDOW = 8;
  if (secret.length <= WINDOW) return secret.length > 0 && text.includes(secret);
  for (let i = 0; i + WINDOW <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + WINDOW))) return true;
  }
  return false;
}
