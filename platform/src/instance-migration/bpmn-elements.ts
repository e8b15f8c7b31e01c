import * as sax from 'sax';

/** A flow element of a process model: its BPMN type (local name, such as `userTask`) and name. */
export interface ModelElement {
  id: string;
  type: string;
  name?: string;
  /** Events: the kind of their event definition (`message`, `timer`, `signal`, `error`...). */
  event?: string;
}

/** BPMN elements that are not flow nodes an instance can wait in (or that have no token). */
const NOT_FLOW_NODES = new Set([
  'sequenceFlow',
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'textAnnotation',
  'association',
  'laneSet',
  'lane',
  'documentation',
  'extensionElements',
  'incoming',
  'outgoing',
  'conditionExpression',
  'multiInstanceLoopCharacteristics',
  'loopCardinality',
  'completionCondition',
  'flowNodeRef',
]);

/**
 * The flow nodes (tasks, events, gateways, subprocesses at any depth) of the processes of a BPMN
 * XML, by id. Diagram interchange and Zeebe extensions are skipped. Throws on XML that is not well formed.
 */
export function modelElements(xml: string): Map<string, ModelElement> {
  const out = new Map<string, ModelElement>();
  const parser = sax.parser(true, { xmlns: true });
  // for every open tag: whether it is inside a process and outside any extension element
  const stack: boolean[] = [];
  // for every open tag: the flow node it is (an event definition belongs to the one it sits in)
  const nodes: Array<ModelElement | undefined> = [];
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    const bpmn = tag.uri === BPMN_NS;
    const parentCounts = stack.length > 0 && stack[stack.length - 1];
    const parentNode = nodes.length > 0 ? nodes[nodes.length - 1] : undefined;
    stack.push(bpmn && (tag.local === 'process' || parentCounts));
    nodes.push(undefined);
    if (!parentCounts || !bpmn) return;
    if (tag.local.endsWith('EventDefinition')) {
      if (parentNode) parentNode.event = tag.local.slice(0, -'EventDefinition'.length);
      return;
    }
    if (NOT_FLOW_NODES.has(tag.local)) return;
    const id = tag.attributes.id?.value;
    if (!id) return;
    const name = tag.attributes.name?.value;
    const element: ModelElement = { id, type: tag.local, ...(name ? { name } : {}) };
    out.set(id, element);
    nodes[nodes.length - 1] = element;
  };
  parser.onclosetag = () => {
    stack.pop();
    nodes.pop();
  };
  parser.onerror = (e) => {
    throw new Error(`the BPMN XML is not well formed: ${e.message.split('\n')[0]}`);
  };
  parser.write(xml).close();
  if (stack.length > 0) throw new Error('the BPMN XML is not well formed: it ends inside an open element');
  return out;
}

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
