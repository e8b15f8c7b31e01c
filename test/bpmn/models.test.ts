import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ModdleElement } from 'bpmn-moddle';
import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { BPMN_DIR, lint, parseBpmn, projectLintConfig } from './bpmn-lint';

const bpmnFiles = readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn'));
const dmnFiles = readdirSync(join(BPMN_DIR, 'routing')).filter((f) => f.endsWith('.dmn'));
const TEMPLATES_DIR = join(BPMN_DIR, 'element-templates');

interface Template {
  id: string;
  name: string;
  version: number;
  appliesTo: string[];
  properties: Array<{
    type: string;
    value?: string;
    binding: { type: string; property?: string; name?: string; source?: string };
  }>;
}
const templates: Template[] = readdirSync(TEMPLATES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(TEMPLATES_DIR, f), 'utf8')) as Template);

/** Every element of a parsed diagram, depth first. */
function allElements(root: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object' || !('$type' in value)) return;
    const element = value as ModdleElement;
    out.push(element);
    for (const [key, child] of Object.entries(element))
      if (!key.startsWith('$') && key !== 'sourceRef' && key !== 'targetRef' && !key.endsWith('Ref'))
        visit(child);
  };
  visit(root);
  return out;
}

function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  const values = ((element.extensionElements as { values?: ModdleElement[] } | undefined)?.values ??
    []) as ModdleElement[];
  return values.find((v) => v.$type === type);
}

async function parsed(file: string) {
  return parseBpmn(readFileSync(join(BPMN_DIR, file), 'utf8'));
}

describe('process models (bpmn/*.bpmn)', () => {
  // bpmnlint-plugin-camunda-compat loads ES modules, which jest cannot: lint in a child node process.
  const camundaCompat = JSON.parse(
    execFileSync(
      process.execPath,
      [join(__dirname, 'lint-camunda-compat.cjs'), ...bpmnFiles.map((f) => join(BPMN_DIR, f))],
      {
        encoding: 'utf8',
      },
    ),
  ) as Record<string, unknown>;

  it('are the two models of the brief and the planned rollout switch', () => {
    expect(bpmnFiles.sort()).toEqual([
      'conditional-release.bpmn',
      'mandate-follow-up.bpmn',
      'rollout-switch.bpmn',
    ]);
  });

  for (const file of bpmnFiles) {
    describe(file, () => {
      it('parses with bpmn-moddle and the Zeebe extension without warnings', async () => {
        const { warnings } = await parsed(file);
        expect(warnings).toEqual([]);
      });

      it('passes bpmn/.bpmnlintrc (bpmnlint:recommended and the iplus rules)', async () => {
        const { root } = await parsed(file);
        expect(await lint(root, projectLintConfig())).toEqual({});
      });

      it('passes the Camunda 8.4 compatibility rules (what Camunda Modeler checks before deploying)', () => {
        expect(camundaCompat[join(BPMN_DIR, file)]).toEqual({});
      });

      it('is drawn: every flow element has a shape or an edge', async () => {
        const { root } = await parsed(file);
        const elements = allElements(root);
        const drawn = new Set(
          elements
            .filter((e) => e.$type === 'bpmndi:BPMNShape' || e.$type === 'bpmndi:BPMNEdge')
            .map((e) => (e.bpmnElement as ModdleElement).id),
        );
        const flowElements = elements.filter((e) =>
          /^bpmn:(.*Task|.*Event|.*Gateway|SubProcess|SequenceFlow)$/.test(e.$type),
        );
        expect(flowElements.length).toBeGreaterThan(5);
        expect(flowElements.filter((e) => !drawn.has(e.id!)).map((e) => e.id)).toEqual([]);
      });

      it('uses the element templates: each iplus task carries its template and the template’s fixed values', async () => {
        const { root } = await parsed(file);
        const tasks = allElements(root).filter((e) => e.$type === 'bpmn:ServiceTask');
        expect(tasks.length).toBeGreaterThan(0);
        for (const task of tasks) {
          const type = extension(task, 'zeebe:TaskDefinition')?.type as string;
          const template = templates.find((t) => t.id === task.modelerTemplate);
          expect({ task: task.id, template: template?.id }).toEqual({
            task: task.id,
            template: type.replace('iplus:', 'iplus.'),
          });
          expect(task.modelerTemplateVersion).toBe(template!.version);
          for (const property of template!.properties.filter(
            (p) => p.binding.type === 'zeebe:taskDefinition',
          )) {
            expect(String(extension(task, 'zeebe:TaskDefinition')?.[property.binding.property!])).toBe(
              property.value,
            );
          }
          const inputs = ((extension(task, 'zeebe:IoMapping')?.inputParameters ?? []) as ModdleElement[]).map(
            (i) => i.target,
          );
          for (const property of template!.properties.filter((p) => p.binding.type === 'zeebe:input')) {
            expect({ task: task.id, input: inputs.includes(property.binding.name) }).toEqual({
              task: task.id,
              input: true,
            });
          }
        }
      });
    });
  }

  it('conditional-release: routes with the province’s DMN, branches on live, fans out per recipient', async () => {
    const { root } = await parsed('conditional-release.bpmn');
    const elements = allElements(root);
    const byId = (id: string) => elements.find((e) => e.id === id)!;
    expect(root.rootElements).toContainEqual(
      expect.objectContaining({ $type: 'bpmn:Process', id: 'conditional-release' }),
    );
    expect(extension(byId('Route'), 'zeebe:CalledDecision')).toMatchObject({
      decisionId: '="routing-" + province',
      resultVariable: 'routing',
    });
    const notLive = byId('Flow_Live_No');
    expect((notLive.conditionExpression as ModdleElement).body).toBe('=routing.live != true');
    expect((byId('LiveGateway').default as ModdleElement).id).toBe('Flow_Live_Yes');
    expect(extension(byId('BuildRecipients'), 'zeebe:Script')).toMatchObject({
      resultVariable: 'recipients',
    });
    const loop = byId('Mandates').loopCharacteristics as ModdleElement;
    expect(loop.isSequential).toBe(false);
    expect(extension(loop, 'zeebe:LoopCharacteristics')).toMatchObject({
      inputCollection: '=recipients',
      inputElement: 'recipient',
    });
    const locals = (
      (extension(byId('Mandates'), 'zeebe:IoMapping')?.inputParameters ?? []) as ModdleElement[]
    ).map((i) => i.target);
    expect(locals).toEqual(expect.arrayContaining(['mandateId', 'followUp']));
    const outputs = (extension(byId('IssueMandate'), 'zeebe:IoMapping')?.outputParameters ??
      []) as ModdleElement[];
    expect(outputs.map((o) => [o.source, o.target])).toEqual([
      ['=mandateId', 'mandateId'],
      ['=followUp', 'followUp'],
    ]);
    // each mandate is followed up by process mandate-follow-up (one model of the chasing, issue 20)
    expect(extension(byId('FollowUp'), 'zeebe:CalledElement')).toMatchObject({
      processId: 'mandate-follow-up',
      propagateAllChildVariables: false,
      propagateAllParentVariables: false,
    });
  });

  it('conditional-release: waits for the release, ends on the measure end timer, revises, re-routes a move, revokes', async () => {
    const { root } = await parsed('conditional-release.bpmn');
    const elements = allElements(root);
    const byId = (id: string) => elements.find((e) => e.id === id)!;
    const messages = (root.rootElements as ModdleElement[]).filter((e) => e.$type === 'bpmn:Message');
    expect(messages.map((m) => [m.name, extension(m, 'zeebe:Subscription')?.correlationKey])).toEqual([
      ['PersonReleased', '=decisionId'],
      ['MeasureEndChanged', '=decisionId'],
      ['DomicileMoved', '=decisionId'],
      ['MeasureRevised', '=decisionId'],
      ['MeasureRevoked', '=decisionId'],
    ]);
    const release = (byId('ReleaseTime').eventDefinitions as ModdleElement[])[0]!;
    expect((release.timeDate as ModdleElement).body).toBe('=releasedAt');
    const end = (byId('MeasureEndReached').eventDefinitions as ModdleElement[])[0]!;
    expect((end.timeDate as ModdleElement).body).toBe('=measureEnd');
    expect((byId('MeasureOver').eventDefinitions as ModdleElement[])[0]!.$type).toBe(
      'bpmn:TerminateEventDefinition',
    );
    expect(byId('RevokedSubprocess').triggeredByEvent).toBe(true);
    expect(byId('MeasureRevoked').isInterrupting).toBe(true);
    expect(byId('MeasureRevised').isInterrupting).toBe(false);
    expect(byId('DomicileMoved').isInterrupting).toBe(false);
    expect(extension(byId('RouteNewDomicile'), 'zeebe:CalledDecision')).toMatchObject({
      decisionId: '="routing-" + move.province',
      resultVariable: 'newRouting',
    });
  });

  it('rollout-switch.bpmn: waits for the planned date (=switchAt), then applies the switch', async () => {
    const { root } = await parsed('rollout-switch.bpmn');
    const due = allElements(root).find((e) => e.id === 'SwitchDue')!;
    const timer = (due.eventDefinitions as ModdleElement[])[0]!;
    expect((timer.timeDate as ModdleElement).body).toBe('=switchAt');
    const apply = allElements(root).find((e) => e.id === 'ApplySwitch')!;
    expect(extension(apply, 'zeebe:TaskDefinition')?.type).toBe('iplus:apply-rollout-switch');
  });

  it('mandate-follow-up.bpmn: escalates at the deadline, reminds on a cycle, report deadline, periodic reports, closes on MandateClosed', async () => {
    const { root } = await parsed('mandate-follow-up.bpmn');
    const elements = allElements(root);
    const byId = (id: string) => elements.find((e) => e.id === id)!;
    const messages = (root.rootElements as ModdleElement[]).filter((e) => e.$type === 'bpmn:Message');
    expect(messages.map((m) => [m.name, extension(m, 'zeebe:Subscription')?.correlationKey])).toEqual([
      ['MandateAcknowledged', '=mandateId'],
      ['MandateReported', '=mandateId'],
      ['MandateClosed', '=mandateId'],
    ]);
    const timerOf = (id: string) => (byId(id).eventDefinitions as ModdleElement[])[0]!;
    const deadline = byId('AcknowledgementDeadline');
    expect(deadline.cancelActivity).toBe(false);
    expect((deadline.attachedToRef as ModdleElement).id).toBe('AwaitAcknowledgement');
    expect((timerOf('AcknowledgementDeadline').timeDuration as ModdleElement).body).toBe('=ackDeadline');
    expect(byId('ReminderDue').cancelActivity).toBe(false);
    expect((timerOf('ReminderDue').timeCycle as ModdleElement).body).toBe('=reminderCycle');
    expect((timerOf('ReportDeadline').timeDuration as ModdleElement).body).toBe('=reportDeadline');
    expect((timerOf('NextReportDue').timeDuration as ModdleElement).body).toBe('=reportPeriod');
    const breach = byId('Flow_Breach_Yes');
    expect((breach.conditionExpression as ModdleElement).body).toBe('=report.breach = true');
    expect(byId('MandateClosed').isInterrupting).toBe(true);
  });
});

describe('element templates (bpmn/element-templates/*.json)', () => {
  it('are valid Camunda 8 element templates without warnings', () => {
    for (const template of templates) {
      const result = validateZeebe(template);
      expect({ id: template.id, errors: result.errors, warnings: result.warnings ?? [] }).toEqual({
        id: template.id,
        errors: null,
        warnings: [],
      });
      expect(template.appliesTo).toEqual(['bpmn:ServiceTask']);
      const type = template.properties.find(
        (p) => p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type',
      );
      expect(type).toMatchObject({ type: 'Hidden', value: template.id.replace('iplus.', 'iplus:') });
    }
  });

  it('cover exactly the iplus job types the models and the lint rule know', async () => {
    const { TASK_TYPES } = require('../../bpmn/lint-rules/task-types.js') as { TASK_TYPES: string[] }; // eslint-disable-line @typescript-eslint/no-require-imports
    const used = new Set<string>();
    for (const file of bpmnFiles) {
      const { root } = await parsed(file);
      for (const task of allElements(root).filter((e) => e.$type === 'bpmn:ServiceTask')) {
        used.add(extension(task, 'zeebe:TaskDefinition')?.type as string);
      }
    }
    const templated = templates
      .map((t) => t.properties.find((p) => p.binding.property === 'type')!.value)
      .sort();
    expect(templated).toEqual([...TASK_TYPES].sort());
    expect([...used].sort()).toEqual([...TASK_TYPES].sort());
  });

  it('offer the mandate kinds in the Issue mandate dropdown', () => {
    const issue = templates.find((t) => t.id === 'iplus.issue-mandate')!;
    const kind = issue.properties.find((p) => p.binding.name === 'kind') as unknown as {
      type: string;
      choices: Array<{ value: string }>;
    };
    expect(kind.type).toBe('Dropdown');
    expect(kind.choices.map((c) => c.value)).toEqual([
      '=recipient.kind',
      'police_check',
      'guidance',
      'monitoring',
    ]);
  });
});

describe('routing tables (bpmn/routing/*.dmn)', () => {
  interface ParsedDmn {
    warnings: string[];
    id: string;
    decisions: Array<{ id: string; kind: string; hitPolicy?: string; rules: number; requires: string[] }>;
    shapes: string[];
    edges: string[];
  }
  // dmn-moddle is an ES module jest cannot load as CommonJS: parse in a child node process.
  const files = dmnFiles.map((f) => join(BPMN_DIR, 'routing', f));
  const parsedDmn = JSON.parse(
    execFileSync(process.execPath, [join(__dirname, 'parse-dmn.mjs'), ...files], { encoding: 'utf8' }),
  ) as Record<string, ParsedDmn>;

  it('are the 11 province files', () => {
    expect(dmnFiles).toHaveLength(11);
  });

  for (const file of dmnFiles) {
    it(`${file} parses with dmn-moddle without warnings, with the four decisions and their diagram`, () => {
      const province = file.replace('.dmn', '');
      const dmn = parsedDmn[join(BPMN_DIR, 'routing', file)]!;
      expect(dmn.warnings).toEqual([]);
      expect(dmn.id).toBe(`routing-${province}-drg`);
      expect(dmn.decisions.map((d) => [d.id, d.kind, d.hitPolicy ?? null])).toEqual([
        [`routing-${province}`, 'dmn:LiteralExpression', null],
        [`routes-${province}`, 'dmn:DecisionTable', 'UNIQUE'],
        [`monitoring-${province}`, 'dmn:DecisionTable', 'FIRST'],
        [`rollout-${province}`, 'dmn:DecisionTable', 'FIRST'],
      ]);
      expect(dmn.decisions[0]!.requires).toEqual([
        `#routes-${province}`,
        `#monitoring-${province}`,
        `#rollout-${province}`,
      ]);
      expect(dmn.decisions[1]!.rules).toBeGreaterThan(0);
      expect(dmn.shapes.sort()).toEqual(dmn.decisions.map((d) => d.id).sort());
      expect(dmn.edges).toHaveLength(4);
    });
  }
});
