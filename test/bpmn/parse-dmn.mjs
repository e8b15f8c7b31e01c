// Parses DMN files with dmn-moddle (an ES module, which jest cannot load as CommonJS) and prints,
// per file, the parse warnings and a summary of the decisions and the diagram: run by models.test.ts.
import { readFileSync } from 'node:fs';
import { DmnModdle } from 'dmn-moddle';

const results = {};
for (const file of process.argv.slice(2)) {
  const { rootElement, warnings } = await new DmnModdle().fromXML(
    readFileSync(file, 'utf8'),
    'dmn:Definitions',
  );
  const diagram = rootElement.dmnDI?.diagrams?.[0]?.diagramElements ?? [];
  results[file] = {
    warnings: warnings.map((w) => w.message),
    id: rootElement.id,
    decisions: rootElement.drgElement.map((d) => ({
      id: d.id,
      kind: d.decisionLogic?.$type,
      hitPolicy: d.decisionLogic?.hitPolicy,
      rules: d.decisionLogic?.rule?.length ?? 0,
      requires: (d.informationRequirement ?? []).map((r) => r.requiredDecision?.href),
    })),
    shapes: diagram.filter((e) => e.$type === 'dmndi:DMNShape').map((e) => e.dmnElementRef?.id),
    edges: diagram.filter((e) => e.$type === 'dmndi:DMNEdge').map((e) => e.dmnElementRef?.id),
  };
}
process.stdout.write(JSON.stringify(results));
