/**
 * Reads a value out of a JSON answer by a small path: `items[reference=X].input.court` picks the
 * item of `items` whose `reference` is X; `[label=Y].label` does the same on a top-level array;
 * `report.text` walks fields. Undefined when any step is missing. Used by the catalogue's
 * round-trip checks, where the values are hostile text and may hold dots and quotes.
 */
export function valueAt(json: unknown, pointer: string): unknown {
  const steps = pointer.match(/\[[^=\]]+=[^\]]*\]|[^.[\]]+/g) ?? [];
  let node: unknown = json;
  for (const step of steps) {
    if (node === null || node === undefined) return undefined;
    const pick = /^\[([^=\]]+)=([^\]]*)\]$/.exec(step);
    if (pick) {
      if (!Array.isArray(node)) return undefined;
      node = node.find((item) => String((item as Record<string, unknown>)?.[pick[1]!]) === pick[2]);
    } else {
      node = (node as Record<string, unknown>)[step];
    }
  }
  return node;
}
