import { oversizeReason } from '../file-size';
import { MAX_FILE_BYTES, MINIFIED_AVERAGE_LINE_LENGTH } from './limits';

/** Why a file's text is not worth parsing, or undefined when it is. */
export function skipReasonFor(text: string, lineCount: number): string | undefined {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most files are measured without counting.
  if (text.length * 3 > MAX_FILE_BYTES) {
    const bytes = utf8Length(text);
    if (bytes > MAX_FILE_BYTES) return `skipped: ${oversizeReason(bytes, MAX_FILE_BYTES)}`;
  }
  if (lineCount > 0 && text.length / lineCount > MINIFIED_AVERAGE_LINE_LENGTH) {
    return `skipped: lines average ${Math.round(text.length / lineCount)} characters; looks minified`;
  }
  return undefined;
}

/** UTF-8 byte length without Buffer (the engine must run in any JavaScript runtime). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // surrogate pair
      i++;
    } else bytes += 3;
  }
  return bytes;
}
