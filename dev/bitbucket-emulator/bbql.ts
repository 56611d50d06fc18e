/**
 * Bitbucket Query Language (the `q` parameter) and `sort`, evaluated against the JSON of each element.
 * Operators =, !=, ~, !~ (case-insensitive contains), >, >=, <, <=, IN, NOT IN, AND, OR and parentheses;
 * literals are "strings", numbers, true/false/null and unquoted ISO-8601 datetimes. A field that is not in
 * the element's schema is rejected with 400, as Bitbucket does, rather than silently matching nothing.
 */
import { badRequest } from './errors';
import type { Json } from './types';

type Literal = string | number | boolean | null | { datetime: number };
type Comparison =
  | { kind: 'compare'; field: string; op: string; value: Literal }
  | { kind: 'in'; field: string; negated: boolean; values: Literal[] };
export type Query = Comparison | { kind: 'and' | 'or'; left: Query; right: Query };
export type Filter = (element: Json) => boolean;

interface Token {
  kind: 'word' | 'string' | 'number' | 'datetime' | 'op' | 'paren' | 'comma';
  text: string;
  at: number;
}

const TOKEN =
  /\s*(?:(?<datetime>\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)|(?<number>-?\d+(?:\.\d+)?)|(?<string>"(?:[^"\\]|\\.)*")|(?<op>!=|!~|>=|<=|=|~|>|<)|(?<paren>[()])|(?<comma>,)|(?<word>[A-Za-z_][\w.]*))/y;
const COMPARISON_OPS = new Set(['=', '!=', '~', '!~', '>', '>=', '<', '<=']);

function invalid(reason: string): Error {
  return badRequest(`Invalid q parameter: ${reason}`, { q: [reason] });
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    if (/^\s*$/.test(input.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(input);
    if (!m?.groups)
      throw invalid(
        `unexpected character at position ${at + 1}: "${input.slice(at).trimStart().slice(0, 10)}"`,
      );
    const [kind, text] = Object.entries(m.groups).find(([, v]) => v !== undefined) as [Token['kind'], string];
    tokens.push({ kind, text, at });
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly isField: (field: string) => boolean,
  ) {}

  parse(): Query {
    if (this.tokens.length === 0) throw invalid('empty query');
    const query = this.or();
    const extra = this.tokens[this.index];
    if (extra) throw invalid(`unexpected "${extra.text}" at position ${extra.at + 1}`);
    return query;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.index];
    return t?.kind === 'word' && t.text.toUpperCase() === word;
  }

  private next(what: string): Token {
    const t = this.tokens[this.index++];
    if (!t) throw invalid(`expected ${what} but the query ended`);
    return t;
  }

  private or(): Query {
    let left = this.and();
    while (this.peekWord('OR')) {
      this.index++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Query {
    let left = this.primary();
    while (this.peekWord('AND')) {
      this.index++;
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): Query {
    const t = this.next('a field or "("');
    if (t.kind === 'paren' && t.text === '(') {
      const inner = this.or();
      const close = this.next('")"');
      if (close.text !== ')') throw invalid(`expected ")" at position ${close.at + 1}`);
      return inner;
    }
    if (t.kind !== 'word') throw invalid(`expected a field name at position ${t.at + 1}, got "${t.text}"`);
    const field = t.text.startsWith('values.') ? '' : t.text;
    if (!field || !this.isField(field)) throw invalid(`"${t.text}" is not a field that can be filtered on`);
    let negated = false;
    if (this.peekWord('NOT')) {
      this.index++;
      negated = true;
      if (!this.peekWord('IN')) throw invalid(`expected IN after NOT for field ${field}`);
    }
    if (this.peekWord('IN')) {
      this.index++;
      const open = this.next('"("');
      if (open.text !== '(') throw invalid(`expected "(" after IN at position ${open.at + 1}`);
      const values: Literal[] = [this.literal()];
      for (let sep = this.next('"," or ")"'); sep.text !== ')'; sep = this.next('"," or ")"')) {
        if (sep.kind !== 'comma') throw invalid(`expected "," or ")" at position ${sep.at + 1}`);
        values.push(this.literal());
      }
      return { kind: 'in', field, negated, values };
    }
    const op = this.next('an operator');
    if (op.kind !== 'op' || !COMPARISON_OPS.has(op.text))
      throw invalid(`expected an operator after ${field}, got "${op.text}"`);
    return { kind: 'compare', field, op: op.text, value: this.literal() };
  }

  private literal(): Literal {
    const t = this.next('a value');
    if (t.kind === 'string') return JSON.parse(t.text) as string;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'datetime') {
      const time = Date.parse(
        /T.*([Zz]|[+-]\d{2}:?\d{2})$/.test(t.text)
          ? t.text
          : `${t.text}${t.text.includes('T') ? '' : 'T00:00:00'}Z`,
      );
      if (Number.isNaN(time)) throw invalid(`"${t.text}" is not a valid datetime`);
      return { datetime: time };
    }
    if (t.kind === 'word') {
      const word = t.text.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
    }
    throw invalid(`expected a value at position ${t.at + 1}, got "${t.text}" (quote strings with ")`);
  }
}

export function valueAt(element: Json, field: string): Json | undefined {
  let current: Json | undefined = element;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

function compare(actual: Json | undefined, op: string, expected: Literal): boolean {
  if (op === '~' || op === '!~') {
    const contains =
      typeof actual === 'string' &&
      typeof expected === 'string' &&
      actual.toLowerCase().includes(expected.toLowerCase());
    return op === '~' ? contains : !contains;
  }
  let a: unknown = actual ?? null;
  let b: unknown = expected;
  if (expected !== null && typeof expected === 'object') {
    b = expected.datetime;
    a = typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
  }
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return (a as number) > (b as number);
    case '>=':
      return (a as number) >= (b as number);
    case '<':
      return (a as number) < (b as number);
    default:
      return (a as number) <= (b as number);
  }
}

function evaluate(query: Query, element: Json): boolean {
  switch (query.kind) {
    case 'and':
      return evaluate(query.left, element) && evaluate(query.right, element);
    case 'or':
      return evaluate(query.left, element) || evaluate(query.right, element);
    case 'in': {
      const actual = valueAt(element, query.field);
      const found = query.values.some((v) => compare(actual, '=', v));
      return query.negated ? !found : found;
    }
    default:
      return compare(valueAt(element, query.field), query.op, query.value);
  }
}

/** Parses `q`; throws a 400 HttpError naming the problem. */
export function parseQuery(q: string, isField: (field: string) => boolean): Filter {
  const query = new Parser(tokenize(q), isField).parse();
  return (element) => evaluate(query, element);
}

/** Applies `sort=field` / `sort=-field` (one field, as Bitbucket allows); stable for equal keys. */
export function sortBy<T extends Json>(
  elements: T[],
  sort: string,
  isField: (field: string) => boolean,
): T[] {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  if (!isField(field))
    throw badRequest(`Invalid sort parameter: "${field}" is not a field that can be sorted on`, {
      sort: [field],
    });
  const keyed = elements.map((element, index) => ({ element, index, key: valueAt(element, field) }));
  keyed.sort((x, y) => {
    const a = x.key as string | number | null | undefined;
    const b = y.key as string | number | null | undefined;
    const order =
      a === b || a == null || b == null
        ? a == null
          ? b == null
            ? 0
            : -1
          : b == null
            ? 1
            : 0
        : a < b
          ? -1
          : 1;
    return (descending ? -order : order) || x.index - y.index;
  });
  return keyed.map((k) => k.element);
}

/**
 * A collection as Bitbucket serves it before paging: filtered by the request's `q` and ordered by its `sort` (or
 * `defaultSort`), both checked against the element schema's fields.
 */
export function queryCollection<T extends Json>(
  elements: T[],
  params: URLSearchParams,
  isField: (field: string) => boolean,
  defaultSort?: string,
): T[] {
  const q = params.get('q');
  const filtered = q === null ? elements : elements.filter(parseQuery(q, isField));
  const sort = params.get('sort') ?? defaultSort;
  return sort === undefined ? filtered : sortBy(filtered, sort, isField);
}
