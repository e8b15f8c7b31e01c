/**
 * Rules for free text that reaches agents' screens and the police database: NFC-normalised, trimmed,
 * no control or bidirectional-override characters (they disguise what a reader sees).
 */

// Control characters other than tab/newline, plus the invisible bidi controls.
const FORBIDDEN_MULTILINE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const FORBIDDEN_SINGLE_LINE =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const NAME_CHARACTERS = /^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$/u;

/** Trims and NFC-normalises; collapses runs of spaces in single-line text. */
export function normaliseText(text: string, multiline: boolean): string {
  const nfc = text.normalize('NFC').trim();
  return multiline ? nfc.replace(/\r\n?/g, '\n') : nfc.replace(/ {2,}/g, ' ');
}

/** True when the text holds a character that must never be stored (see the module comment). */
export function hasForbiddenCharacters(text: string, multiline: boolean): boolean {
  return (multiline ? FORBIDDEN_MULTILINE : FORBIDDEN_SINGLE_LINE).test(text.replace(/\r\n?/g, '\n'));
}

/** True for a person's name: letters (any script) with spaces, apostrophes, hyphens and periods. */
export function isPersonName(text: string): boolean {
  return NAME_CHARACTERS.test(text);
}

/** Length in user-perceived characters (code points), so "Zoë" counts 3 whether or not decomposed. */
export function textLength(text: string): number {
  return [...text].length;
}
