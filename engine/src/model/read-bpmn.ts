import type { XmlElement } from './xml-document';
import { parseXml } from './xml-document';
import { parseTimer } from './iso8601';
import {
  MODEL_FORMAT,
  type ElementModel,
  type ElementType,
  type EventDefinition,
  type FlowModel,
  type ProcessModel,
} from './process-model';
import { readZeebeExtensions, type ZeebeExtensions } from './zeebe-extensions';
import { validateProcess } from './validate-process';
import { linkProcess } from './link-process';
import { validateExpressions } from './validate-expressions';
import { validateEscalationAndCompensation } from './validate-escalation-compensation';
import { formatProblems, type ModelProblem } from './model-problem';
import { ELEMENT_TYPES, IGNORED_CHILDREN } from './bpmn-element-names';

export const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

export type ReadBpmnResult = { ok: true; processes: ProcessModel[] } | { ok: false; message: string };

interface RootRefs {
  messages: Map<string, XmlElement>;
  errors: Map<string, XmlElement>;
  signals: Map<string, XmlElement>;
  escalations: Map<string, XmlElement>;
}

const child = (e: XmlElement, name: string) => e.children.find((c) => c.ns === BPMN_NS && c.name === name);

/**
 * Reads a BPMN 2.0 file into executable process models, checking everything Zeebe checks on
 * deploy. Every problem names its element; one problem rejects the whole resource.
 */
export function readBpmn(xml: string, resourceName: string): ReadBpmnResult {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, message: `'${resourceName}': ${parsed.message}` };
  const root = parsed.root;
  if (root.ns !== BPMN_NS || root.name !== 'definitions') {
    return {
      ok: false,
      message: `'${resourceName}': the root element is not a BPMN 2.0 <definitions> element`,
    };
  }
  const refs: RootRefs = {
    messages: new Map(),
    errors: new Map(),
    signals: new Map(),
    escalations: new Map(),
  };
  for (const c of root.children) {
    if (c.ns !== BPMN_NS) continue;
    if (c.name === 'message') refs.messages.set(c.attrs.id, c);
    if (c.name === 'error') refs.errors.set(c.attrs.id, c);
    if (c.name === 'signal') refs.signals.set(c.attrs.id, c);
    if (c.name === 'escalation') refs.escalations.set(c.attrs.id, c);
  }
  const processes = root.children.filter(
    (c) => c.ns === BPMN_NS && c.name === 'process' && c.attrs.isExecutable === 'true',
  );
  if (processes.length === 0) {
    return {
      ok: false,
      message: `'${resourceName}': must contain at least one executable process (isExecutable="true")`,
    };
  }
  const problems: ModelProblem[] = [];
  const models = processes.map((p) => buildProcess(p, refs, problems));
  if (problems.length > 0) return { ok: false, message: formatProblems(resourceName, problems) };
  return { ok: true, processes: models };
}

function buildProcess(xml: XmlElement, refs: RootRefs, problems: ModelProblem[]): ProcessModel {
  const bpmnProcessId = xml.attrs.id ?? '';
  const ext = readZeebeExtensions(xml);
  const model: ProcessModel = {
    format: MODEL_FORMAT,
    bpmnProcessId,
    name: xml.attrs.name,
    versionTag: ext.versionTag,
    elements: {},
    flows: {},
  };
  if (!/^[A-Za-z_][\w.-]*$/.test(bpmnProcessId)) {
    problems.push({
      elementId: bpmnProcessId || '(process)',
      message: 'the process id must be an XML NCName such as order-process',
    });
  }
  model.elements[bpmnProcessId] = {
    id: bpmnProcessId,
    name: xml.attrs.name,
    type: 'PROCESS',
    flowScope: null,
    incoming: [],
    outgoing: [],
  };
  readContainer(xml, bpmnProcessId, model, refs, problems);
  linkProcess(model, problems);
  validateEscalationAndCompensation(model, problems);
  validateProcess(model, problems);
  validateExpressions(model, problems);
  return model;
}

function readContainer(
  container: XmlElement,
  scopeId: string,
  model: ProcessModel,
  refs: RootRefs,
  problems: ModelProblem[],
): void {
  for (const c of container.children) {
    if (c.ns === BPMN_NS && c.name === 'association') {
      readAssociation(c, model);
      continue;
    }
    if (c.ns !== BPMN_NS || IGNORED_CHILDREN.has(c.name)) continue;
    const id = c.attrs.id;
    if (c.name === 'sequenceFlow') {
      const flow: FlowModel = { id, scope: scopeId, source: c.attrs.sourceRef, target: c.attrs.targetRef };
      const condition = child(c, 'conditionExpression')?.text.trim();
      if (condition) flow.condition = condition;
      if (model.flows[id] || model.elements[id])
        problems.push({ elementId: id, message: 'the id is used twice' });
      model.flows[id] = flow;
      continue;
    }
    const type = ELEMENT_TYPES[c.name];
    if (!type) {
      problems.push({ elementId: id ?? c.name, message: `the element type '${c.name}' is not supported` });
      continue;
    }
    if (!id) {
      problems.push({ elementId: c.name, message: 'the element has no id' });
      continue;
    }
    if (model.elements[id] || model.flows[id])
      problems.push({ elementId: id, message: 'the id is used twice' });
    const element = readElement(c, type, scopeId, refs, problems);
    model.elements[id] = element;
    if (c.name === 'subProcess') readContainer(c, id, model, refs, problems);
  }
}

function readElement(
  xml: XmlElement,
  type: ElementType,
  scopeId: string,
  refs: RootRefs,
  problems: ModelProblem[],
): ElementModel {
  const id = xml.attrs.id;
  const ext = readZeebeExtensions(xml);
  for (const p of ext.problems) problems.push({ elementId: id, message: p });
  const element: ElementModel = {
    id,
    type: type === 'SUB_PROCESS' && xml.attrs.triggeredByEvent === 'true' ? 'EVENT_SUB_PROCESS' : type,
    flowScope: scopeId,
    incoming: [],
    outgoing: [],
  };
  if (xml.attrs.name) element.name = xml.attrs.name;
  if (xml.attrs.default) element.defaultFlow = xml.attrs.default;
  if (xml.attrs.isForCompensation === 'true') element.forCompensation = true;
  if (ext.inputs.length) element.inputs = ext.inputs;
  if (ext.outputs.length) element.outputs = ext.outputs;
  if (type === 'BOUNDARY_EVENT') {
    element.attachedTo = xml.attrs.attachedToRef;
    element.interrupting = xml.attrs.cancelActivity !== 'false';
  }
  if (type === 'START_EVENT') element.interrupting = xml.attrs.isInterrupting !== 'false';
  if (type.endsWith('_EVENT')) {
    const event = readEventDefinition(xml, refs, problems);
    if (event) element.event = event;
  }
  if (type === 'RECEIVE_TASK') {
    element.event = readMessage(id, xml.attrs.messageRef, refs, problems);
  }
  applyTaskExtensions(element, ext, problems);
  const loop = child(xml, 'multiInstanceLoopCharacteristics');
  if (loop) {
    const lx = readZeebeExtensions(loop);
    const condition = child(loop, 'completionCondition')?.text.trim();
    if (!lx.loop?.inputCollection) {
      problems.push({
        elementId: id,
        message: "a multi-instance activity must have a 'zeebe:loopCharacteristics' inputCollection",
      });
    } else {
      element.loop = {
        sequential: loop.attrs.isSequential === 'true',
        inputCollection: lx.loop.inputCollection,
        ...(lx.loop.inputElement ? { inputElement: lx.loop.inputElement } : {}),
        ...(lx.loop.outputCollection ? { outputCollection: lx.loop.outputCollection } : {}),
        ...(lx.loop.outputElement ? { outputElement: lx.loop.outputElement } : {}),
        ...(condition ? { completionCondition: condition } : {}),
      };
      if (!!lx.loop.outputCollection !== !!lx.loop.outputElement) {
        problems.push({
          elementId: id,
          message: 'outputCollection and outputElement must be defined together',
        });
      }
    }
  }
  if (child(xml, 'standardLoopCharacteristics')) {
    problems.push({
      elementId: id,
      message: 'standard loops are not supported; use a multi-instance marker',
    });
  }
  return element;
}

/** Task-like settings from zeebe:* extension elements, per element type. */
function applyTaskExtensions(element: ElementModel, ext: ZeebeExtensions, problems: ModelProblem[]): void {
  const id = element.id;
  const needsJob =
    element.type === 'SERVICE_TASK' ||
    element.type === 'SEND_TASK' ||
    (element.event?.kind === 'message' &&
      (element.type === 'INTERMEDIATE_THROW_EVENT' || element.type === 'END_EVENT'));
  if (element.type === 'USER_TASK') {
    const userTask = { ...ext.userTask, headers: ext.headers };
    element.userTask = userTask;
    if (!userTask.native) {
      // the older, job-based user task: Zeebe's headers are set when the job is created
      if (userTask.form && 'externalReference' in userTask.form) {
        problems.push({
          elementId: id,
          message: "an external form reference needs a Camunda user task ('zeebe:userTask')",
        });
      }
      element.job = { type: 'io.camunda.zeebe:userTask', retries: '1', headers: userTask.headers };
    }
    return;
  }
  if (element.type === 'SCRIPT_TASK' && ext.script) {
    element.script = ext.script;
    if (!ext.script.expression || !ext.script.resultVariable) {
      problems.push({
        elementId: id,
        message: "'zeebe:script' must have an expression and a resultVariable",
      });
    }
    return;
  }
  if (element.type === 'BUSINESS_RULE_TASK' && ext.calledDecision) {
    element.calledDecision = ext.calledDecision;
    if (!ext.calledDecision.decisionId || !ext.calledDecision.resultVariable) {
      problems.push({
        elementId: id,
        message: "'zeebe:calledDecision' must have a decisionId and a resultVariable",
      });
    }
    return;
  }
  if (element.type === 'CALL_ACTIVITY') {
    if (!ext.calledElement?.processId) {
      problems.push({ elementId: id, message: "must have a 'zeebe:calledElement' with a processId" });
    } else {
      element.calledElement = ext.calledElement;
    }
    return;
  }
  const jobCapable = needsJob || element.type === 'SCRIPT_TASK' || element.type === 'BUSINESS_RULE_TASK';
  if (jobCapable) {
    if (!ext.job?.type) {
      problems.push({
        elementId: id,
        message:
          element.type === 'SCRIPT_TASK'
            ? "must have either a 'zeebe:script' or a 'zeebe:taskDefinition' extension element"
            : element.type === 'BUSINESS_RULE_TASK'
              ? "must have either a 'zeebe:calledDecision' or a 'zeebe:taskDefinition' extension element"
              : "must have exactly one 'zeebe:taskDefinition' extension element with a type",
      });
    } else {
      element.job = ext.job;
    }
  }
}

function readMessage(
  elementId: string,
  messageRef: string | undefined,
  refs: RootRefs,
  problems: ModelProblem[],
): EventDefinition {
  const message = messageRef ? refs.messages.get(messageRef) : undefined;
  if (!message) {
    problems.push({
      elementId,
      message: messageRef ? `references unknown message '${messageRef}'` : 'must reference a message',
    });
    return { kind: 'message' };
  }
  const ext = readZeebeExtensions(message);
  const event: EventDefinition = { kind: 'message' };
  if (message.attrs.name) event.name = message.attrs.name;
  if (ext.correlationKey) event.correlationKey = ext.correlationKey;
  return event;
}

function readEventDefinition(
  xml: XmlElement,
  refs: RootRefs,
  problems: ModelProblem[],
): EventDefinition | undefined {
  const id = xml.attrs.id;
  const defs = xml.children.filter((c) => c.ns === BPMN_NS && c.name.endsWith('EventDefinition'));
  if (defs.length === 0) return { kind: 'none' };
  if (defs.length > 1) {
    problems.push({ elementId: id, message: 'events with more than one event definition are not supported' });
    return undefined;
  }
  const def = defs[0];
  switch (def.name) {
    case 'messageEventDefinition':
      return readMessage(id, def.attrs.messageRef, refs, problems);
    case 'timerEventDefinition': {
      const kinds = (['timeDate', 'timeDuration', 'timeCycle'] as const).filter((k) => child(def, k));
      if (kinds.length !== 1) {
        problems.push({
          elementId: id,
          message: 'a timer must have exactly one of timeDate, timeDuration or timeCycle',
        });
        return { kind: 'timer' };
      }
      const kind = kinds[0] === 'timeDate' ? 'date' : kinds[0] === 'timeDuration' ? 'duration' : 'cycle';
      const expression = child(def, kinds[0])!.text.trim();
      if (!expression.startsWith('=')) {
        const parsed = parseTimer(kind, expression);
        if (!parsed.ok) problems.push({ elementId: id, message: parsed.message });
      }
      return { kind: 'timer', timer: { kind, expression } };
    }
    case 'errorEventDefinition': {
      const ref = def.attrs.errorRef;
      if (!ref) return { kind: 'error' };
      const error = refs.errors.get(ref);
      if (!error) {
        problems.push({ elementId: id, message: `references unknown error '${ref}'` });
        return { kind: 'error' };
      }
      const event: EventDefinition = { kind: 'error', errorCode: error.attrs.errorCode ?? '' };
      if (error.attrs.name) event.errorMessage = error.attrs.name;
      return event;
    }
    case 'terminateEventDefinition':
      return { kind: 'terminate' };
    case 'signalEventDefinition': {
      const signal = def.attrs.signalRef ? refs.signals.get(def.attrs.signalRef) : undefined;
      if (!signal?.attrs.name) {
        problems.push({ elementId: id, message: 'must reference a signal with a name' });
        return { kind: 'signal' };
      }
      return { kind: 'signal', name: signal.attrs.name };
    }
    case 'escalationEventDefinition':
      return readEscalation(id, def.attrs.escalationRef, refs, problems);
    case 'compensateEventDefinition':
      return def.attrs.activityRef
        ? { kind: 'compensation', activityRef: def.attrs.activityRef }
        : { kind: 'compensation' };
    case 'linkEventDefinition':
      if (!def.attrs.name) problems.push({ elementId: id, message: 'a link event must have a name' });
      return { kind: 'link', link: def.attrs.name ?? '' };
    default:
      problems.push({ elementId: id, message: `the event definition '${def.name}' is not supported` });
      return undefined;
  }
}

/** An escalation reference: none catches every escalation; a throw needs a code (checked later). */
function readEscalation(
  elementId: string,
  ref: string | undefined,
  refs: RootRefs,
  problems: ModelProblem[],
): EventDefinition {
  if (!ref) return { kind: 'escalation' };
  const escalation = refs.escalations.get(ref);
  if (!escalation) {
    problems.push({ elementId, message: `references unknown escalation '${ref}'` });
    return { kind: 'escalation' };
  }
  return { kind: 'escalation', escalationCode: escalation.attrs.escalationCode ?? '' };
}

/** An association from a compensation boundary event to its handler (read again when linking). */
function readAssociation(xml: XmlElement, model: ProcessModel): void {
  const { sourceRef, targetRef } = xml.attrs;
  if (sourceRef && targetRef) (model.associations ??= []).push({ source: sourceRef, target: targetRef });
}
