/** Flat message catalogue: dotted keys to texts with `{name}` placeholders. */
export type Messages = Record<string, string>;

/**
 * The text of a key with its placeholders filled. A key the catalogue lacks comes back as the key
 * itself, so that a missing translation is visible (and caught by the language-switch test).
 */
export function translate(messages: Messages, key: string, params?: Record<string, string | number>): string {
  const text = messages[key];
  if (text === undefined) return key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** The `{name}` placeholders a text uses, sorted, to compare languages. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
