import { routingDecisionIds } from './routing-decisions';

interface Box {
  x: number;
  y: number;
}
const WIDTH = 180;
const HEIGHT = 80;

/**
 * DMNDI of a routing file: routing on top, monitoring and rollout below it, routes at the bottom,
 * with an edge per information requirement, so the requirement graph reads top-down in dmn-js.
 */
export function routingDiagramXml(province: string): string {
  const ids = routingDecisionIds(province);
  const boxes: Record<string, Box> = {
    [ids.routing]: { x: 330, y: 80 },
    [ids.monitoring]: { x: 80, y: 260 },
    [ids.rollout]: { x: 580, y: 260 },
    [ids.routes]: { x: 330, y: 440 },
  };
  const edges: Array<[string, string]> = [
    [ids.routing, ids.routes],
    [ids.routing, ids.monitoring],
    [ids.routing, ids.rollout],
    [ids.rollout, ids.routes],
  ];
  const lines = [`  <dmndi:DMNDI>`, `    <dmndi:DMNDiagram id="${ids.routing}-diagram">`];
  for (const [id, box] of Object.entries(boxes)) {
    lines.push(
      `      <dmndi:DMNShape id="${id}-shape" dmnElementRef="${id}">`,
      `        <dc:Bounds height="${HEIGHT}" width="${WIDTH}" x="${box.x}" y="${box.y}" />`,
      `      </dmndi:DMNShape>`,
    );
  }
  for (const [target, source] of edges) {
    const from = boxes[source]!;
    const to = boxes[target]!;
    const start = { x: from.x + WIDTH / 2, y: from.y };
    const end = { x: to.x + WIDTH / 2, y: to.y + HEIGHT };
    lines.push(
      `      <dmndi:DMNEdge id="ir-${target}-${source}-edge" dmnElementRef="ir-${target}-${source}">`,
      `        <di:waypoint x="${start.x}" y="${start.y}" />`,
      `        <di:waypoint x="${end.x}" y="${end.y}" />`,
      `      </dmndi:DMNEdge>`,
    );
  }
  lines.push(`    </dmndi:DMNDiagram>`, `  </dmndi:DMNDI>`);
  return lines.join('\n');
}
