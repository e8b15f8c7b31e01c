import * as sax from 'sax';

/** A flow element of a process model: its BPMN type (local name, such as `userTask`) and name. */
export interface ModelElement {
  id: string;
  type: string;
  name?: string;
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
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    const bpmn = tag.uri === BPMN_NS;
    const parentCounts = stack.length > 0 && stack[stack.length - 1];
    stack.push(bpmn && (tag.local === 'process' || parentCounts));
    if (!parentCounts || !bpmn || NOT_FLOW_NODES.has(tag.local) || tag.local.endsWith('EventDefinition'))
      return;
    const id = tag.attributes.id?.value;
    if (!id) return;
    const name = tag.attributes.name?.value;
    out.set(id, { id, type: tag.local, ...(name ? { name } : {}) });
  };
  parser.onclosetag = () => void stack.pop();
  parser.onerror = (e) => {
    throw new Error(`the BPMN XML is not well formed: ${e.message.split('\n')[0]}`);
  };
  parser.write(xml).close();
  if (stack.length > 0) throw new Error('the BPMN XML is not well formed: it ends inside an open element');
  return out;
}

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
