import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestEngine, type TestEngine } from '../test-support/engine-harness';

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const bpmn = (body: string, id = 'p') =>
  `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="x"><bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const ok = (id = 'p', type = 'work') =>
  bpmn(
    `<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
     <bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:serviceTask>`,
    id,
  );

describe('deploying resources', () => {
  let t: TestEngine;
  beforeEach(async () => {
    t = await startTestEngine();
  });
  afterEach(() => t.close());

  const deploy = (name: string, xml: string) => t.zbc.deployResource({ name, process: Buffer.from(xml) });
  const definitions = () => t.query('SELECT * FROM process_definition');

  it('versions a process: identical content returns the existing version, changed content a new one', async () => {
    const first = await deploy('p.bpmn', ok());
    const again = await deploy('p.bpmn', ok());
    const changed = await deploy('p.bpmn', ok('p', 'other'));
    const meta = (r: typeof first) =>
      (r.deployments[0] as unknown as { process: { version: number; processDefinitionKey: string } }).process;
    expect(meta(first).version).toBe(1);
    expect(meta(again)).toEqual(meta(first));
    expect(meta(changed).version).toBe(2);
    expect(definitions()).toHaveLength(2);
  });

  it.each([
    [
      'a DOCTYPE (XML bombs, external entities)',
      `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${ok().slice(21)}`,
      /DOCTYPE/,
    ],
    [
      'a service task without a type',
      bpmn(
        '<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:serviceTask id="t"/>',
      ),
      /Element: t[\s\S]*taskDefinition/,
    ],
    [
      'a flow to nowhere',
      bpmn('<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="ghost"/>'),
      /Element: f[\s\S]*'ghost' does not exist/,
    ],
    [
      'a gateway flow without a condition',
      bpmn(`<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g"/>
        <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="e1"><bpmn:conditionExpression>= x</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e2"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>`),
      /Element: g[\s\S]*'f2' must have a condition/,
    ],
    [
      'a message catch event without a correlation key',
      `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="x"><bpmn:message id="m" name="hello"/>
       <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="c"/>
       <bpmn:intermediateCatchEvent id="c"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent></bpmn:process></bpmn:definitions>`,
      /Element: c[\s\S]*correlationKey/,
    ],
    [
      'an unsupported element',
      bpmn('<bpmn:startEvent id="s"/><bpmn:complexGateway id="cg"/>'),
      /Element: cg[\s\S]*'complexGateway' is not supported/,
    ],
    [
      'a timer that is not ISO 8601',
      bpmn(
        '<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="w"/><bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:timeDuration>ten minutes</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      ),
      /Element: w[\s\S]*ISO 8601 duration/,
    ],
    ['broken XML', '<bpmn:definitions', /not well-formed/],
    [
      'an expression that does not parse',
      bpmn(
        '<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="= foo(" /></bpmn:extensionElements></bpmn:serviceTask>',
      ),
      /Element: t[\s\S]*the job type: failed to parse expression/,
    ],
    [
      'no executable process',
      `<?xml version="1.0"?><bpmn:definitions ${NS} id="d"><bpmn:process id="p"/></bpmn:definitions>`,
      /executable process/,
    ],
  ])(
    'rejects %s with INVALID_ARGUMENT naming the problem, and stores nothing',
    async (_what, xml, message) => {
      const error = await deploy('bad.bpmn', xml).then(
        () => undefined,
        (e: Error & { code?: number }) => e,
      );
      expect(error).toBeDefined();
      expect(error!.code).toBe(3); // INVALID_ARGUMENT
      expect(error!.message).toMatch(message);
      expect(definitions()).toHaveLength(0);
    },
  );

  it('answers a redeploy of unchanged resources from what is stored, but a return to older content is a new version', async () => {
    const dmn = (output: string) =>
      fs
        .readFileSync(path.join(__dirname, '..', 'runtime', 'tasks', 'routing.dmn'), 'utf8')
        .replace(/<\/definitions>/, `<!-- ${output} --></definitions>`);
    const deployDmn = (xml: string) =>
      t.zbc.deployResource({ name: 'routing.dmn', decision: Buffer.from(xml) });
    const keys = (r: { deployments: unknown[] }) => JSON.stringify(r.deployments);
    const first = await deployDmn(dmn('a'));
    const again = await deployDmn(dmn('a'));
    expect(keys(again)).toBe(keys(first));
    expect(again.key).not.toBe(first.key); // a new deployment record, as Zeebe answers a duplicate
    await deployDmn(dmn('b'));
    const back = await deployDmn(dmn('a'));
    // entries in Zeebe's order: the decisions, then their decision requirements graph
    const version = (r: typeof first) =>
      (r.deployments.at(-1) as unknown as { decisionRequirements: { version: number } }).decisionRequirements
        .version;
    expect([version(first), version(back)]).toEqual([1, 3]);

    const p1 = await deploy('p.bpmn', ok());
    await deploy('p.bpmn', ok('p', 'other'));
    const p3 = await deploy('p.bpmn', ok());
    const meta = (r: typeof p1) => (r.deployments[0] as unknown as { process: { version: number } }).process;
    expect([meta(p1).version, meta(p3).version]).toEqual([1, 3]);
    // the same unchanged file twice in one deployment is still refused
    const grpc = (t.zbc as unknown as { grpc: { deployResourceSync(r: unknown): Promise<unknown> } }).grpc;
    await expect(
      grpc.deployResourceSync({
        resources: [1, 2].map(() => ({ name: 'p.bpmn', content: Buffer.from(ok()) })),
      }),
    ).rejects.toThrow(/deployed twice/);
  });

  it('is atomic: one invalid resource rejects the whole deployment', async () => {
    const request = {
      resources: [
        { name: 'good.bpmn', content: Buffer.from(ok('good')) },
        {
          name: 'bad.bpmn',
          content: Buffer.from(bpmn('<bpmn:startEvent id="s"/><bpmn:serviceTask id="t"/>', 'bad')),
        },
      ],
    };
    const grpc = (t.zbc as unknown as { grpc: { deployResourceSync(r: unknown): Promise<unknown> } }).grpc;
    await expect(grpc.deployResourceSync(request)).rejects.toThrow(/bad\.bpmn/);
    expect(definitions()).toHaveLength(0);
  });

  it('rejects resources that are neither BPMN, DMN nor a form', async () => {
    await expect(t.zbc.deployResource({ name: 'notes.txt', process: Buffer.from('hello') })).rejects.toThrow(
      /\.bpmn, \.dmn or \.form/,
    );
  });
});
