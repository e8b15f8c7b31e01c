const { is, isAny } = require('bpmnlint-utils');

/**
 * Everything a reader of the diagram sees has a name: tasks, subprocesses, events, splitting
 * gateways and the flows leaving them (the answer to the gateway's question). Operators read
 * these names in the operations view and incidents.
 */
module.exports = function namedElements() {
  /** Outgoing flows, from `outgoing` or, when a file leaves it out, from the sibling flows. */
  function outgoingCount(node) {
    const siblings = (node.$parent && node.$parent.flowElements) || [];
    const fromSiblings = siblings.filter((e) => is(e, 'bpmn:SequenceFlow') && e.sourceRef === node).length;
    return Math.max((node.outgoing || []).length, fromSiblings);
  }

  function isSplit(node) {
    return isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']) && outgoingCount(node) > 1;
  }

  function hasName(node) {
    return typeof node.name === 'string' && node.name.trim() !== '';
  }

  function check(node, reporter) {
    if (isAny(node, ['bpmn:Task', 'bpmn:SubProcess', 'bpmn:CallActivity', 'bpmn:Event']) && !hasName(node)) {
      reporter.report(node.id, 'Element has no name');
      return;
    }
    if (isSplit(node) && !hasName(node))
      reporter.report(node.id, 'Splitting gateway has no name (the question it asks)');
    if (is(node, 'bpmn:SequenceFlow') && !hasName(node)) {
      const source = node.sourceRef;
      if (source && isSplit(source)) {
        reporter.report(node.id, 'Flow leaving a splitting gateway has no name (the answer it stands for)');
      }
    }
  }
  return { check };
};
