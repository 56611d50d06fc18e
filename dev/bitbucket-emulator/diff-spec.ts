/** Parsing of diff revspecs and git's `--raw --numstat -z` output. */
import { badRequest } from './errors';

export interface DiffSpec {
  /** The side holding the changes (Bitbucket's "A" in `A..B`). */
  head: string;
  /** The base, or undefined for a single commit (diffed against its first parent). */
  base: string | undefined;
  /** `ws/repo` the head lives in when the spec names it (a fork); the addressed repository otherwise. */
  headRepository?: string;
  baseRepository?: string;
}

/**
 * `A..B` (A holds the changes, B is the base: the reverse of `git diff A..B`), a single commit, or the form
 * Bitbucket itself links to from pull requests: `{ws}/{repo}:{A}\r{B}` (the `%0D` separator), where `{ws}/{repo}`
 * is the repository A lives in — a fork, for a pull request from one.
 */
export function parseDiffSpec(spec: string): DiffSpec {
  const invalid = () =>
    badRequest(`Invalid spec "${spec}": expected "<commit>" or "<commit>..<commit>"`, {
      spec: ['invalid revspec'],
    });
  const sides = spec.includes('\r') ? spec.split('\r') : spec.split('..');
  // `ws/repo:` names the repository of a side; git ref names cannot contain ":".
  const side = (text: string): { rev: string; repository?: string } => {
    const colon = text.lastIndexOf(':');
    if (colon < 0) return { rev: text };
    const repository = text.slice(0, colon);
    if (!/^[^/]+\/[^/]+$/.test(repository)) throw invalid();
    return { rev: text.slice(colon + 1), repository };
  };
  const [first, second] = sides.map(side);
  if (sides.length === 1 && first?.rev)
    return {
      head: first.rev,
      base: undefined,
      ...(first.repository ? { headRepository: first.repository } : {}),
    };
  if (sides.length === 2 && first?.rev && second?.rev)
    return {
      head: first.rev,
      base: second.rev,
      ...(first.repository ? { headRepository: first.repository } : {}),
      ...(second.repository ? { baseRepository: second.repository } : {}),
    };
  throw invalid();
}

export interface RawChange {
  status: string;
  oldMode: string;
  newMode: string;
  oldPath: string | undefined;
  newPath: string | undefined;
  linesAdded: number;
  linesRemoved: number;
  binary: boolean;
}

const NULL_MODE = '000000';

/** `git diff --raw --numstat -z`: all raw records first, then the numstat records in the same order. */
export function parseRawNumstat(output: string): RawChange[] {
  const tokens = output.split('\0');
  const raws: Array<Omit<RawChange, 'linesAdded' | 'linesRemoved' | 'binary'>> = [];
  const counts: Array<{ added: number; removed: number; binary: boolean }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === '') continue;
    if (token.startsWith(':')) {
      const [oldMode = '', newMode = '', , , status = ''] = token.slice(1).split(' ');
      const letter = status.charAt(0);
      const first = tokens[++i];
      const second = letter === 'R' || letter === 'C' ? tokens[++i] : undefined;
      raws.push({
        status: letter,
        oldMode,
        newMode,
        oldPath: letter === 'A' ? undefined : first,
        newPath: letter === 'D' ? undefined : (second ?? first),
      });
    } else {
      const [added = '-', removed = '-', path = ''] = token.split('\t');
      if (path === '') i += 2; // rename: the two paths follow as separate records
      counts.push({
        added: added === '-' ? 0 : Number(added),
        removed: removed === '-' ? 0 : Number(removed),
        binary: added === '-',
      });
    }
  }
  return raws.map((raw, index) => {
    const count = counts[index] ?? { added: 0, removed: 0, binary: false };
    return {
      ...raw,
      oldMode: raw.oldMode === NULL_MODE ? '' : raw.oldMode,
      newMode: raw.newMode === NULL_MODE ? '' : raw.newMode,
      linesAdded: count.added,
      linesRemoved: count.removed,
      binary: count.binary,
    };
  });
}

/** Bitbucket diffstat status for a git status letter; unknown letters pass through lower-cased. */
export function diffstatStatus(letter: string): string {
  switch (letter) {
    case 'A':
    case 'C':
      return 'added';
    case 'D':
      return 'removed';
    case 'R':
      return 'renamed';
    case 'M':
    case 'T':
      return 'modified';
    case 'U':
      return 'merge conflict';
    default:
      return letter.toLowerCase();
  }
}

/** The path as git prints it in diff headers: C-quoted when it has control, quote, backslash or non-ASCII bytes. */
export function escapedPath(path: string): string {
  const needsQuoting = [...path].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || code >= 0x7f || ch === '"' || ch === '\\';
  });
  if (!needsQuoting) return path;
  let out = '"';
  for (const byte of Buffer.from(path, 'utf8')) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x0a) out += '\\n';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

/** commit_file.attributes (a single value in the schema) from git modes and binary detection. */
export function fileAttribute(mode: string, binary: boolean): string | undefined {
  if (mode === '160000') return 'subrepository';
  if (mode === '120000') return 'link';
  if (binary) return 'binary';
  if (mode === '100755') return 'executable';
  return undefined;
}
