/**
 * Parses RFC 4180 CSV text (header row, quotes only where needed, LF or CRLF) into one record per
 * row keyed by the header. Throws on malformed input: the shipped files are ours, so a parse error
 * is a bug in them, caught by the tests.
 */
export function parseCsv(text: string): Record<string, string>[] {
  const rows = parseRows(text.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  if (!header) throw new Error('CSV text has no header row');
  return rows.map((cells, index) => {
    if (cells.length !== header.length) {
      throw new Error(`CSV row ${index + 2} has ${cells.length} cells, the header has ${header.length}`);
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => (record[name] = cells[i]!));
    return record;
  });
}

function parseRows(text: string): string[][] {
  const rows: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      cells.push(cell);
      rows.push(cells);
      cells = [];
      cell = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else cell += ch;
    i += 1;
  }
  if (quoted) throw new Error('CSV text ends inside a quoted cell');
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}
