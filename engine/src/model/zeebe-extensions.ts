import type { XmlElement } from './xml-document';
import type {
  BindingType,
  CalledDecision,
  CalledElement,
  JobDefinition,
  Mapping,
  UserTaskDefinition,
} from './process-model';

export const ZEEBE_NS = 'http://camunda.org/schema/zeebe/1.0';

/** What Zeebe's `zeebe:*` extension elements say about one BPMN element. */
export interface ZeebeExtensions {
  job?: JobDefinition;
  inputs: Mapping[];
  outputs: Mapping[];
  correlationKey?: string;
  script?: { expression: string; resultVariable: string };
  calledElement?: CalledElement;
  calledDecision?: CalledDecision;
  loop?: {
    inputCollection?: string;
    inputElement?: string;
    outputCollection?: string;
    outputElement?: string;
  };
  /** User task settings (assignment, form, schedule, priority) and whether `zeebe:userTask` is there. */
  userTask: Omit<UserTaskDefinition, 'headers'>;
  /** `zeebe:taskHeaders`, with or without a task definition. */
  headers: Record<string, string>;
  versionTag?: string;
  problems: string[];
}

function bindingOf(e: XmlElement, problems: string[]): { bindingType: BindingType; versionTag?: string } {
  const bindingType = (e.attrs.bindingType ?? 'latest') as BindingType;
  if (!['latest', 'deployment', 'versionTag'].includes(bindingType)) {
    problems.push(`the bindingType '${bindingType}' is not one of latest, deployment, versionTag`);
    return { bindingType: 'latest' };
  }
  if (bindingType === 'versionTag' && !e.attrs.versionTag) {
    problems.push("bindingType 'versionTag' needs a versionTag attribute");
  }
  return e.attrs.versionTag ? { bindingType, versionTag: e.attrs.versionTag } : { bindingType };
}

/** Reads the zeebe:* children of an element's bpmn:extensionElements. */
export function readZeebeExtensions(element: XmlElement): ZeebeExtensions {
  const headers: Record<string, string> = {};
  const result: ZeebeExtensions = {
    inputs: [],
    outputs: [],
    userTask: { native: false },
    headers,
    problems: [],
  };
  const container = element.children.find((c) => c.name === 'extensionElements');
  if (!container) return result;
  for (const e of container.children) {
    if (e.ns !== ZEEBE_NS) continue;
    switch (e.name) {
      case 'taskDefinition':
        result.job = {
          type: (e.attrs.type ?? '').trim(),
          retries: (e.attrs.retries ?? '3').trim() || '3',
          headers,
        };
        break;
      case 'taskHeaders':
        for (const h of e.children)
          if (h.name === 'header' && h.attrs.key) headers[h.attrs.key] = h.attrs.value ?? '';
        break;
      case 'ioMapping':
        for (const m of e.children) {
          const mapping = { source: m.attrs.source ?? '', target: (m.attrs.target ?? '').trim() };
          if (!mapping.target) result.problems.push(`a ${m.name} mapping has no target`);
          if (m.name === 'input') result.inputs.push(mapping);
          if (m.name === 'output') result.outputs.push(mapping);
        }
        break;
      case 'subscription':
        if (e.attrs.correlationKey) result.correlationKey = e.attrs.correlationKey;
        break;
      case 'script':
        result.script = {
          expression: e.attrs.expression ?? '',
          resultVariable: e.attrs.resultVariable ?? '',
        };
        break;
      case 'calledElement':
        result.calledElement = {
          processId: e.attrs.processId ?? e.attrs.processIdExpression ?? '',
          propagateAllChildVariables: e.attrs.propagateAllChildVariables !== 'false',
          propagateAllParentVariables: e.attrs.propagateAllParentVariables !== 'false',
          ...bindingOf(e, result.problems),
        };
        break;
      case 'calledDecision':
        result.calledDecision = {
          decisionId: e.attrs.decisionId ?? '',
          resultVariable: e.attrs.resultVariable ?? '',
          ...bindingOf(e, result.problems),
        };
        break;
      case 'loopCharacteristics':
        result.loop = {
          inputCollection: e.attrs.inputCollection,
          inputElement: e.attrs.inputElement,
          outputCollection: e.attrs.outputCollection,
          outputElement: e.attrs.outputElement,
        };
        break;
      case 'assignmentDefinition':
        if (e.attrs.assignee) result.userTask.assignee = e.attrs.assignee;
        if (e.attrs.candidateGroups) result.userTask.candidateGroups = e.attrs.candidateGroups;
        if (e.attrs.candidateUsers) result.userTask.candidateUsers = e.attrs.candidateUsers;
        break;
      case 'formDefinition':
        if (e.attrs.formId)
          result.userTask.form = { formId: e.attrs.formId, ...bindingOf(e, result.problems) };
        else if (e.attrs.formKey) result.userTask.form = { formKey: e.attrs.formKey };
        else if (e.attrs.externalReference)
          result.userTask.form = { externalReference: e.attrs.externalReference };
        else
          result.problems.push(
            "'zeebe:formDefinition' must have a formId, a formKey or an externalReference",
          );
        break;
      case 'taskSchedule':
        if (e.attrs.dueDate) result.userTask.dueDate = e.attrs.dueDate;
        if (e.attrs.followUpDate) result.userTask.followUpDate = e.attrs.followUpDate;
        break;
      case 'priorityDefinition':
        if (e.attrs.priority) result.userTask.priority = e.attrs.priority;
        break;
      case 'userTask':
        result.userTask.native = true;
        break;
      case 'versionTag':
        if (e.attrs.value) result.versionTag = e.attrs.value;
        break;
      case 'executionListeners':
        if (e.children.length > 0) result.problems.push('execution listeners are not supported');
        break;
      default:
        // properties, taskListeners...: no effect on execution here.
        break;
    }
  }
  return result;
}
