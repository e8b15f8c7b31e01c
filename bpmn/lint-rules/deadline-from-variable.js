const { is } = require('bpmnlint-utils');

/**
 * Timer durations, dates and cycles are expressions (`=ackDeadline`), never constants, so deadlines
 * follow the platform's configuration (IPLUS_ACK_DEADLINE) instead of being frozen in a diagram.
 */
module.exports = function deadlineFromVariable() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:TimerEventDefinition')) return;
    const owner = node.$parent;
    for (const key of ['timeDuration', 'timeDate', 'timeCycle']) {
      const expression = node[key];
      if (!expression) continue;
      const body = String(expression.body || '').trim();
      if (!body.startsWith('=')) {
        reporter.report(
          owner ? owner.id : node.id,
          `Timer ${key} <${body}> is a constant; use an expression such as =ackDeadline`,
        );
      }
    }
  }
  return { check };
};
