import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './platform';

/** The form of the coordinator's review: the decision's reference (read-only), approve, comment. */
export const CASE_REVIEW_FORM = {
  id: 'case-review',
  type: 'default',
  schemaVersion: 16,
  components: [
    { type: 'textfield', id: 'Reference', key: 'reference', label: 'Reference', readonly: true },
    { type: 'checkbox', id: 'Approved', key: 'approved', label: 'Approve' },
    { type: 'textarea', id: 'Comment', key: 'comment', label: 'Comment' },
  ],
};

/**
 * `bpmn/conditional-release.bpmn` with a first step added, as an analyst would: the coordination of
 * the decision's province reviews the case in form `case-review` (due in the past, so overdue) before
 * it is routed (between the release join and Route). `taskName` tells versions apart.
 */
export function reviewFirstModel(taskName = 'Review the case'): string {
  let xml = fs.readFileSync(path.join(REPO, 'bpmn', 'conditional-release.bpmn'), 'utf8');
  const edits: Array<[RegExp, string]> = [
    [/(<bpmn:sequenceFlow id="Flow_Join_Route" sourceRef="ReleaseJoin" targetRef=")Route(")/, '$1Review$2'],
    [/(<bpmn:businessRuleTask id="Route"[\s\S]*?<bpmn:incoming>)Flow_Join_Route(<)/, '$1Flow_Review_Route$2'],
    [
      /(\s*<\/bpmn:process>)/,
      `
    <bpmn:userTask id="Review" name="${taskName}">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="case-review" />
        <zeebe:assignmentDefinition candidateGroups="=[&quot;agency:COORD-&quot; + province]" />
        <zeebe:taskSchedule dueDate="2020-01-01T00:00:00Z" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_Join_Route</bpmn:incoming>
      <bpmn:outgoing>Flow_Review_Route</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_Review_Route" sourceRef="Review" targetRef="Route" />$1`,
    ],
    // the diagram: the review above the start event (the modeler draws only what has a shape)
    [
      /(\s*<\/bpmndi:BPMNPlane>)/,
      `
      <bpmndi:BPMNShape id="Review_di" bpmnElement="Review">
        <dc:Bounds x="120" y="200" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_Review_Route_di" bpmnElement="Flow_Review_Route">
        <di:waypoint x="220" y="240" />
        <di:waypoint x="290" y="330" />
      </bpmndi:BPMNEdge>$1`,
    ],
  ];
  for (const [pattern, replacement] of edits) {
    if (!pattern.test(xml))
      throw new Error(`bpmn/conditional-release.bpmn changed: ${pattern} no longer matches`);
    xml = xml.replace(pattern, replacement);
  }
  return xml;
}
