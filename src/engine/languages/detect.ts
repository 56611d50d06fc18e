import type { LanguageId } from '../types';
import { LANGUAGES } from './registry';

/** A `#!` line is only looked for in the first bytes; longer first lines are not shebangs we know. */
const SHEBANG_MAX_LENGTH = 200;

const byExtension = new Map<string, LanguageId>();
const byInterpreter = new Map<string, LanguageId>();
for (const spec of LANGUAGES) {
  for (const ext of spec.extensions) byExtension.set(ext, spec.id);
  for (const name of spec.interpreters ?? []) byInterpreter.set(name, spec.id);
}

/**
 * Language of a file from its extension (case-insensitive), else from a `#!` interpreter line
 * (`#!/usr/bin/env node`, `#!/usr/bin/python3.12`); anything else is `'text'`.
 */
export function detectLanguage(path: string, text: string): LanguageId {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  if (dot > 0) {
    const found = byExtension.get(base.slice(dot));
    if (found) return found;
  }
  return languageFromShebang(text) ?? 'text';
}

function languageFromShebang(text: string): LanguageId | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('#!', start)) return undefined;
  const end = text.indexOf('\n', start);
  const line = text.slice(
    start + 2,
    end < 0 ? start + SHEBANG_MAX_LENGTH : Math.min(end, start + SHEBANG_MAX_LENGTH),
  );
  const words = line.trim().split(/\s+/);
  // `#!/usr/bin/env -S node --flag`: skip env and its options.
  let program = words[0]?.slice(words[0].lastIndexOf('/') + 1) ?? '';
  if (program === 'env') {
    program = words.slice(1).find((word) => !word.startsWith('-')) ?? '';
  }
  // python3.12 → python3 → python
  const candidates = [program, program.replace(/[\d.]+$/, ''), program.replace(/\d.*$/, '')];
  for (const candidate of candidates) {
    const found = byInterpreter.get(candidate);
    if (found) return found;
  }
  return undefined;
}
