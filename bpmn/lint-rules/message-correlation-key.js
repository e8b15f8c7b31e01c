const { is, isAny } = require('bpmnlint-utils');
const { extensionElement, attribute } = require('./zeebe-extension');

/**
 * Every element that waits for a message (catch event, boundary event, receive task) refers to a
 * message with a name and a correlation key expression, so a published message reaches exactly the
 * instance it is meant for (iplus: the mandate id).
 */
module.exports = function messageCorrelationKey() {
  function messageOf(node) {
    if (is(node, 'bpmn:ReceiveTask')) return { ref: node.messageRef, waits: true };
    const definition = (node.eventDefinitions || []).find((d) => is(d, 'bpmn:MessageEventDefinition'));
    if (!definition) return { waits: false };
    // A message start event starts a new instance: it has no key to correlate with.
    const waits =
      isAny(node, ['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent']) ||
      (is(node, 'bpmn:StartEvent') &&
        node.$parent &&
        is(node.$parent, 'bpmn:SubProcess') &&
        node.$parent.triggeredByEvent);
    return { ref: definition.messageRef, waits };
  }

  function check(node, reporter) {
    const { ref, waits } = messageOf(node);
    if (!waits) return;
    if (!ref) {
      reporter.report(node.id, 'Message catch refers to no message');
      return;
    }
    if (!ref.name) reporter.report(node.id, `Message <${ref.id}> has no name`);
    const key = attribute(extensionElement(ref, 'subscription'), 'correlationKey');
    if (!key || !String(key).trim()) {
      reporter.report(
        node.id,
        `Message <${ref.name || ref.id}> has no correlation key (zeebe:subscription correlationKey)`,
      );
    } else if (!String(key).trim().startsWith('=')) {
      reporter.report(
        node.id,
        `Correlation key of message <${ref.name || ref.id}> must be an expression (=mandateId), not the constant <${key}>`,
      );
    }
  }
  return { check };
};
