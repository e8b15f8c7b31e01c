import { readBpmn } from './read-bpmn';

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const definitions = (roots: string, body: string) =>
  `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="x">${roots}<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/>${body}</bpmn:process></bpmn:definitions>`;
const task = (id: string, attrs = '') =>
  `<bpmn:serviceTask id="${id}" ${attrs}><bpmn:extensionElements><zeebe:taskDefinition type="${id}"/></bpmn:extensionElements></bpmn:serviceTask>`;
const sub = (id: string, inner = '') =>
  `<bpmn:subProcess id="${id}"><bpmn:startEvent id="${id}-s"/>${inner}</bpmn:subProcess>`;
const LATE = '<bpmn:escalation id="late" escalationCode="LATE"/>';

describe('escalation and compensation events on deploy', () => {
  it('accepts the escalation and compensation events Zeebe runs', () => {
    const xml = definitions(
      LATE,
      `${sub('sub', '<bpmn:sequenceFlow id="f0" sourceRef="sub-s" targetRef="up"/><bpmn:endEvent id="up"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:endEvent>')}
       <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub"/>
       <bpmn:boundaryEvent id="b" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:boundaryEvent>
       <bpmn:boundaryEvent id="any" attachedToRef="sub"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>
       ${task('t')}<bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="t"/>
       <bpmn:boundaryEvent id="c" attachedToRef="t"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
       ${task('undo', 'isForCompensation="true"')}<bpmn:association id="a" sourceRef="c" targetRef="undo"/>
       <bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"><bpmn:compensateEventDefinition activityRef="t"/></bpmn:endEvent>`,
    );
    const r = readBpmn(xml, 'ok.bpmn');
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.processes[0].elements.c.compensationHandler).toBe('undo');
  });

  it.each([
    [
      'an escalation boundary event on a task',
      definitions(
        LATE,
        `${task('t')}<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:boundaryEvent>`,
      ),
      /Element: b[\s\S]*escalation boundary event should only be attached to a subprocess, or a call activity/,
    ],
    [
      'an escalation throw event without a code',
      definitions(
        '',
        '<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="x"/><bpmn:intermediateThrowEvent id="x"><bpmn:escalationEventDefinition/></bpmn:intermediateThrowEvent>',
      ),
      /Element: x[\s\S]*escalation throw event must reference an escalation with an escalationCode/,
    ],
    [
      'two boundary events for one escalation code',
      definitions(
        LATE,
        `${sub('sub')}<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="sub"/>
         <bpmn:boundaryEvent id="b1" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="b2" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:boundaryEvent>`,
      ),
      /Element: sub[\s\S]*same escalationCode 'LATE'/,
    ],
    [
      'an escalation catch code given as an expression',
      definitions(
        '<bpmn:escalation id="dyn" escalationCode="= code"/>',
        `${sub('sub')}<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="sub"/><bpmn:boundaryEvent id="b" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="dyn"/></bpmn:boundaryEvent>`,
      ),
      /Element: b[\s\S]*must be static/,
    ],
    [
      'an escalation start event of the process',
      definitions(LATE, '').replace(
        '<bpmn:startEvent id="s"/>',
        '<bpmn:startEvent id="s"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:startEvent>',
      ),
      /Element: s[\s\S]*escalation event is not supported here/,
    ],
    [
      'an intermediate escalation catch event',
      definitions(
        LATE,
        '<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="c"/><bpmn:intermediateCatchEvent id="c"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:intermediateCatchEvent>',
      ),
      /Element: c[\s\S]*escalation event is not supported here/,
    ],
    [
      'a compensation boundary event without a handler',
      definitions(
        '',
        `${task('t')}<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:boundaryEvent id="c" attachedToRef="t"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>`,
      ),
      /Element: c[\s\S]*must be associated with a compensation handler/,
    ],
    [
      'a compensation handler with a sequence flow',
      definitions(
        '',
        `${task('t')}<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:boundaryEvent id="c" attachedToRef="t"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
         ${task('undo', 'isForCompensation="true"')}<bpmn:association id="a" sourceRef="c" targetRef="undo"/><bpmn:sequenceFlow id="f2" sourceRef="undo" targetRef="e"/><bpmn:endEvent id="e"/>`,
      ),
      /Element: undo[\s\S]*must not have incoming or outgoing sequence flows/,
    ],
    [
      'a compensation event subprocess',
      definitions(
        '',
        '<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="cs"><bpmn:compensateEventDefinition/></bpmn:startEvent></bpmn:subProcess>',
      ),
      /Element: cs[\s\S]*compensation event is not supported here/,
    ],
    [
      'a compensation throw event naming an activity of another scope',
      definitions(
        '',
        `${sub('sub', task('inner'))}<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="sub"/><bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="x"/>
         <bpmn:intermediateThrowEvent id="x"><bpmn:compensateEventDefinition activityRef="inner"/></bpmn:intermediateThrowEvent>`,
      ),
      /Element: x[\s\S]*must be in the same scope/,
    ],
  ])('rejects %s, naming the element', (_what, xml, message) => {
    const r = readBpmn(xml, 'bad.bpmn');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
