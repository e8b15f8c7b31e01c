import { modelElements } from './bpmn-elements';
import { autoMapping, mappingProblems } from './element-mapping';

const model = (tasks: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="d">
  <bpmn:process id="review" isExecutable="true">
    <bpmn:startEvent id="Start" />
    ${tasks}
    <bpmn:subProcess id="Sub"><bpmn:endEvent id="SubEnd"><bpmn:terminateEventDefinition id="T1" /></bpmn:endEvent></bpmn:subProcess>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="D1"><bpmndi:BPMNPlane id="P1" bpmnElement="review" /></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe('process elements and their mapping', () => {
  const v1 = modelElements(
    model(`<bpmn:userTask id="Review" name="Review the case"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:serviceTask id="Notify" />`),
  );
  const v2 = modelElements(
    model(`<bpmn:userTask id="Review" name="Review again" />
    <bpmn:userTask id="Notify" /><bpmn:userTask id="Approve" />`),
  );

  it('lists the flow nodes at any depth, not flows, definitions, extensions or diagram', () => {
    expect([...v1.keys()].sort()).toEqual(['Notify', 'Review', 'Start', 'Sub', 'SubEnd']);
    expect(v1.get('Review')).toEqual({ id: 'Review', type: 'userTask', name: 'Review the case' });
  });

  it('maps elements of the same id and type, not a none start event nor changed types', () => {
    expect(autoMapping(v1, v2)).toEqual([
      { sourceElementId: 'Review', targetElementId: 'Review' },
      { sourceElementId: 'Sub', targetElementId: 'Sub' },
      { sourceElementId: 'SubEnd', targetElementId: 'SubEnd' },
    ]);
  });

  it('maps catch events of the same kind (boundary events, event subprocess starts), not a none start event', () => {
    const events = (timer: string, message: string) =>
      modelElements(
        model(`<bpmn:serviceTask id="Review" />
    <bpmn:boundaryEvent id="Late" attachedToRef="Review"><bpmn:${timer}EventDefinition /></bpmn:boundaryEvent>
    <bpmn:subProcess id="OnRevision" triggeredByEvent="true">
      <bpmn:startEvent id="Revised" isInterrupting="false"><bpmn:${message}EventDefinition messageRef="M" /></bpmn:startEvent>
    </bpmn:subProcess>`),
      );
    const v3 = events('timer', 'message');
    expect(v3.get('Late')).toEqual({ id: 'Late', type: 'boundaryEvent', event: 'timer' });
    expect(v3.get('Revised')).toEqual({ id: 'Revised', type: 'startEvent', event: 'message' });
    expect(v3.get('SubEnd')).toEqual({ id: 'SubEnd', type: 'endEvent', event: 'terminate' });
    expect(autoMapping(v3, v3).map((m) => m.sourceElementId)).toEqual([
      'Review',
      'Late',
      'OnRevision',
      'Revised',
      'Sub',
      'SubEnd',
    ]);
    // an event whose kind changed under the same id is left unmapped, and refused when mapped by hand
    const v4 = events('message', 'signal');
    expect(autoMapping(v3, v4).map((m) => m.sourceElementId)).toEqual([
      'Review',
      'OnRevision',
      'Sub',
      'SubEnd',
    ]);
    expect(
      mappingProblems([{ sourceElementId: 'Late', targetElementId: 'Late' }], v3, v4).map((p) => p.message),
    ).toEqual(['Late is a timer event and Late a message event: an event cannot change its kind']);
  });

  it('names each problem of an edited mapping', () => {
    const problems = mappingProblems(
      [
        { sourceElementId: 'Review', targetElementId: 'Approve' },
        { sourceElementId: 'Review', targetElementId: 'Review' },
        { sourceElementId: 'Notify', targetElementId: 'Notify' },
        { sourceElementId: 'Gone', targetElementId: 'Nowhere' },
      ],
      v1,
      v2,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Review is mapped more than once',
      'Notify is a serviceTask and Notify a userTask: an element cannot change its type',
      'the source version has no element Gone',
      'the target version has no element Nowhere',
    ]);
    expect(problems.map((p) => p.field)).toEqual(['mapping[1]', 'mapping[2]', 'mapping[3]', 'mapping[3]']);
  });

  it('throws on XML that is not well formed', () => {
    expect(() => modelElements('<a><b></a>')).toThrow(/not well formed/);
    expect(() => modelElements('<a><b>')).toThrow(/not well formed/);
  });
});
