/**
 * Micro-benchmark of a provincial routing DRG with one route per municipality:
 * `npx tsc -b engine && node engine/dist/dmn/micro-bench.js [municipalities]`.
 * Not a test: numbers depend on the machine and its load. Results are recorded in README.md.
 */
import { evaluateDecision, parseDmn } from './index';

const municipalities = Number(process.argv[2] ?? 90);

function routingXml(count: number): string {
  const rules = Array.from({ length: count }, (_, i) => {
    const nis = String(50000 + i * 7);
    const cells = [
      `"${nis}"`,
      '-',
      `"PZ-${5300 + (i % 30)}"`,
      `"MJ-${i % 6}"`,
      `"PAR-${i % 3}"`,
      `"ARR-${i % 3}"`,
    ];
    const tags = ['inputEntry', 'inputEntry', 'outputEntry', 'outputEntry', 'outputEntry', 'outputEntry'];
    const entries = cells
      .map((text, c) => `<${tags[c]} id="r${i}-${c}"><text>${text}</text></${tags[c]}>`)
      .join('');
    return `<rule id="route-${nis}">${entries}</rule>`;
  }).join('\n');
  const outputs = ['policeZoneId', 'justiceHouseId', 'parquetId', 'judicialArrondissement']
    .map((name) => `<output id="out-${name}" name="${name}" />`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="routing" name="Routing" namespace="bench">
  <decision id="routes-BE-XXX" name="Routes">
    <decisionTable id="routes-table" hitPolicy="UNIQUE">
      <input id="in-nis" label="NIS"><inputExpression id="in-nis-e"><text>nis</text></inputExpression></input>
      <input id="in-measure" label="Measure"><inputExpression id="in-measure-e"><text>measure</text></inputExpression></input>
      ${outputs}
      ${rules}
    </decisionTable>
  </decision>
  <decision id="monitoring-BE-XXX" name="Monitoring">
    <decisionTable id="monitoring-table">
      <input id="in-m" label="Measure"><inputExpression id="in-m-e"><text>measure</text></inputExpression></input>
      <output id="out-centre" name="centre" />
      <rule id="m1"><inputEntry id="m1i"><text>"EM"</text></inputEntry><outputEntry id="m1o"><text>"EM-DSE-FWB"</text></outputEntry></rule>
      <rule id="m2"><inputEntry id="m2i"><text>not("EM")</text></inputEntry><outputEntry id="m2o"><text>null</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="rollout-BE-XXX" name="Rollout">
    <informationRequirement id="ir1"><requiredDecision href="#routes-BE-XXX" /></informationRequirement>
    <decisionTable id="rollout-table">
      <input id="in-a" label="Arrondissement"><inputExpression id="in-a-e"><text>routes-BE-XXX.judicialArrondissement</text></inputExpression></input>
      <output id="out-live" name="live" />
      <rule id="a0"><inputEntry id="a0i"><text>"ARR-0"</text></inputEntry><outputEntry id="a0o"><text>true</text></outputEntry></rule>
      <rule id="a1"><inputEntry id="a1i"><text>"ARR-1", "ARR-2"</text></inputEntry><outputEntry id="a1o"><text>false</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="routing-BE-XXX" name="Routing">
    <informationRequirement id="ir2"><requiredDecision href="#routes-BE-XXX" /></informationRequirement>
    <informationRequirement id="ir3"><requiredDecision href="#monitoring-BE-XXX" /></informationRequirement>
    <informationRequirement id="ir4"><requiredDecision href="#rollout-BE-XXX" /></informationRequirement>
    <literalExpression id="routing-e"><text>{ route: routes-BE-XXX, centre: monitoring-BE-XXX, live: rollout-BE-XXX }</text></literalExpression>
  </decision>
</definitions>`;
}

function measure(name: string, iterations: number, run: () => unknown): void {
  for (let i = 0; i < Math.min(iterations, 200); i++) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run();
  const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  process.stdout.write(`${name.padEnd(64)} ${micros.toFixed(1).padStart(9)} µs/op\n`);
}

const xml = routingXml(municipalities);
const parsed = parseDmn(xml);
if (!parsed.ok) throw new Error(parsed.message);
const definitions = parsed.definitions;
const last = { nis: String(50000 + (municipalities - 1) * 7), measure: 'EM' };
const check = evaluateDecision(definitions, 'routing-BE-XXX', last);
if (!check.ok) throw new Error(check.message);

measure(`parseDmn, ${municipalities} route rules (with the UNIQUE overlap check)`, 20, () => parseDmn(xml));
measure(`routes table, last of ${municipalities} municipalities`, 20000, () =>
  evaluateDecision(definitions, 'routes-BE-XXX', last),
);
measure('routing DRG: routes + monitoring + rollout + literal', 20000, () =>
  evaluateDecision(definitions, 'routing-BE-XXX', last),
);
measure('routing DRG, unknown municipality', 20000, () =>
  evaluateDecision(definitions, 'routing-BE-XXX', { nis: '99999', measure: 'EM' }),
);
