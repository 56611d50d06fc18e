/**
 * What a model wrote, made safe to publish: @mentions (which notify people), HTML, and links other than to the
 * rules' documentation are taken out, as are invisible and bidirectional-control characters. Each removal is
 * reported, because a review answer has no reason to contain any of them: the caller treats one as a sign that the
 * code under review steered the model (prompt injection) and uses the rule's own text instead.
 */

export type Removed = 'mention' | 'html' | 'link' | 'invisible';

export interface SanitizedText {
  text: string;
  removed: Removed[];
}

const HTML_ELEMENTS =
  'a|abbr|audio|b|base|big|blockquote|body|br|button|center|code|del|details|div|em|embed|font|form|frame|frameset|h[1-6]|head|hr|html|i|iframe|img|input|ins|kbd|label|li|link|marquee|math|meta|noscript|object|ol|option|p|picture|pre|q|s|script|select|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|textarea|th|thead|title|tr|u|ul|video';
/** A real HTML element, or any tag with attributes; `Map<string>` and `Array<T>` are left alone. */
const HTML_TAG = new RegExp(
  String.raw`<\/?(?:(?:${HTML_ELEMENTS})(?=[\s/>])[^<>]*|[a-z][\w-]*\s+[\w-]+\s*=[^<>]*)\/?>`,
  'gi',
);
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const MARKDOWN_LINK = /!?\[([^\]\n]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g;
const ANGLE_LINK = /<((?:https?|ftp|mailto):[^>\s]*)>/gi;
const BARE_URL = /\b(?:(?:https?|ftp|file|javascript|data|vbscript):\/?\/?|www\.)[^\s<>"'`)]*/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
/** `@name`, `@{uuid}` or `@"Display Name"` at a word start: Bitbucket notifies each. */
const MENTION = /(^|[^\w@])@(?=[\w{"])/g;
/** Zero-width, bidirectional overrides and other invisible format characters (Trojan Source). */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export interface SanitizeOptions {
  /** Links starting with one of these (the rules' documentation) are kept. */
  allowedLinkPrefixes?: readonly string[];
  /** Longer text is cut on a word boundary and ends with "…". */
  maxChars?: number;
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const space = slice.lastIndexOf(' ');
  return `${(space > max / 2 ? slice.slice(0, space) : slice).replace(/[\s,;:.-]+$/, '')}…`;
}

export function sanitizeAiText(input: string, options: SanitizeOptions = {}): SanitizedText {
  const removed = new Set<Removed>();
  const allowed = (url: string) => (options.allowedLinkPrefixes ?? []).some((p) => p && url.startsWith(p));
  const note = (what: Removed) => removed.add(what);
  let text = input.replace(CONTROL, '').replace(INVISIBLE, () => (note('invisible'), ''));
  text = text.replace(HTML_COMMENT, () => (note('html'), ''));
  text = text.replace(HTML_TAG, () => (note('html'), ''));
  text = text.replace(MARKDOWN_LINK, (whole: string, label: string, url: string) => {
    if (allowed(url)) return whole;
    note('link');
    return label;
  });
  text = text.replace(ANGLE_LINK, (whole: string, url: string) =>
    allowed(url) ? whole : (note('link'), ''),
  );
  text = text.replace(BARE_URL, (url) => (allowed(url) ? url : (note('link'), '')));
  text = text.replace(EMAIL, () => (note('link'), ''));
  text = text.replace(MENTION, (_, before: string) => (note('mention'), before));
  text = text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text: options.maxChars ? cut(text, options.maxChars) : text, removed: [...removed] };
}

/**
 * Links, mentions and HTML in `code` that `original` (the code shown to the model) does not already contain: a
 * suggested replacement that brings them is not a fix of the finding.
 */
export function foreignContentIn(code: string, original: string): Removed[] {
  const found = new Set<Removed>();
  const newTo = (pattern: RegExp, what: Removed) => {
    for (const match of code.match(pattern) ?? []) if (!original.includes(match.trim())) found.add(what);
  };
  newTo(BARE_URL, 'link');
  newTo(EMAIL, 'link');
  // A decorator (`@Override`, `@staticmethod`) opens its line; a mention sits inside one.
  const inLine = code
    .split('\n')
    .map((line) => line.trim().replace(/^@[\w.]+/, ''))
    .join('\n');
  for (const match of inLine.match(/(?:^|[^\w@])@[\w{"][\w-]*/gm) ?? []) {
    if (!original.includes(match.slice(match.indexOf('@')))) found.add('mention');
  }
  newTo(/<\s*(?:script|iframe|img|object|embed|link|meta|style)\b[^>]*>?/gi, 'html');
  if (INVISIBLE.test(code)) found.add('invisible');
  INVISIBLE.lastIndex = 0;
  return [...found];
}
