import type { DecisionTableModel, TableRule } from './table-diff';

/** Children of an element with a given local name, whatever DMN namespace version the file uses. */
function children(parent: Element, localName: string): Element[] {
  return [...parent.children].filter((c) => c.localName === localName);
}

function text(parent: Element | undefined, localName: string): string {
  const el = parent ? children(parent, localName)[0] : undefined;
  return el?.textContent?.trim() ?? '';
}

/**
 * The decision tables of a DMN file, read with the browser's XML parser into the plain shape the
 * diff compares. A literal expression counts as a table of one cell; other decisions are left out.
 */
export function readDecisionTables(xml: string): DecisionTableModel[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) throw new Error('the DMN file is not well-formed XML');
  const definitions = doc.documentElement;
  const tables: DecisionTableModel[] = [];
  for (const decision of children(definitions, 'decision')) {
    const dt = children(decision, 'decisionTable')[0];
    const literal = children(decision, 'literalExpression')[0];
    if (!dt && literal) {
      // a literal expression diffs as a one-cell table
      tables.push({
        decisionId: decision.getAttribute('id') ?? '',
        name: decision.getAttribute('name') ?? '',
        hitPolicy: '',
        inputColumns: [],
        outputColumns: ['expression'],
        rules: [
          { id: 'expression', inputs: {}, outputs: { expression: text(literal, 'text') }, annotation: '' },
        ],
      });
      continue;
    }
    if (!dt) continue;
    const inputColumns = children(dt, 'input').map(
      (input, i) =>
        text(children(input, 'inputExpression')[0], 'text') ||
        input.getAttribute('label') ||
        `input ${i + 1}`,
    );
    const outputColumns = children(dt, 'output').map(
      (output, i) => output.getAttribute('name') || output.getAttribute('label') || `output ${i + 1}`,
    );
    const rules: TableRule[] = children(dt, 'rule').map((rule) => {
      const inputs: Record<string, string> = {};
      children(rule, 'inputEntry').forEach(
        (e, i) => (inputs[inputColumns[i] ?? `input ${i + 1}`] = text(e, 'text')),
      );
      const outputs: Record<string, string> = {};
      children(rule, 'outputEntry').forEach(
        (e, i) => (outputs[outputColumns[i] ?? `output ${i + 1}`] = text(e, 'text')),
      );
      return { id: rule.getAttribute('id') ?? '', inputs, outputs, annotation: text(rule, 'description') };
    });
    tables.push({
      decisionId: decision.getAttribute('id') ?? '',
      name: decision.getAttribute('name') ?? '',
      hitPolicy: dt.getAttribute('hitPolicy') ?? 'UNIQUE',
      inputColumns,
      outputColumns,
      rules,
    });
  }
  return tables;
}
