/**
 * Text helpers for everything Lintel publishes: length limits that cut on a word boundary, and markdown
 * escaping of user-controlled text (file names, messages, LLM output) so it cannot inject markup, links or
 * mentions into a comment.
 */

const ELLIPSIS = '…';

/** Cuts `text` to at most `max` characters, on a word boundary when one is near, ending with "…". */
export function truncateOnWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const lastSpace = cut.search(/\s\S*$/);
  // Only back up to a space when it keeps most of the text; one long word is cut mid-word instead.
  if (lastSpace > max / 2) cut = cut.slice(0, lastSpace);
  // Never leave half of a surrogate pair (an emoji) at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(/[\s,;:.-]+$/, '') + ELLIPSIS;
}

const ZERO_WIDTH_SPACE = '\u200B';

/** Escapes one line of user text for markdown: newlines become spaces, markup characters are inert. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .trim()
      // Python-Markdown's escapable set (also valid CommonMark escapes); other backslashes would show.
      .replace(/[\\`*_{}[\]()>#+\-.!]/g, (ch) => `\\${ch}`)
      // Bitbucket autolinks bare URLs and notifies @mentions; a zero-width space breaks both, and shows nothing.
      .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
      .replace(/www\\\./gi, (m) => `${m.slice(0, 3)}${ZERO_WIDTH_SPACE}${m.slice(3)}`)
      .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
  );
}

/** Escapes multi-line user text, keeping its paragraph breaks (each line escaped as in escapeMarkdown). */
export function escapeMarkdownBlock(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeMarkdown(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
