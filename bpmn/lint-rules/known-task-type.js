const { is } = require('bpmnlint-utils');
const { TASK_TYPES, templateIdOf } = require('./task-types');
const { extensionElement, attribute, zeebeAttribute } = require('./zeebe-extension');

/**
 * Every service task names its job type, and an `iplus:` type is one the platform's workers know
 * (a typo would leave jobs that nobody works on). A task applying an iplus element template must
 * have that template's type.
 */
module.exports = function knownTaskType() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:ServiceTask')) return;
    const type = attribute(extensionElement(node, 'taskDefinition'), 'type');
    if (!type) {
      reporter.report(node.id, 'Service task has no job type (zeebe:taskDefinition type)');
      return;
    }
    if (type.startsWith('iplus:') && !TASK_TYPES.includes(type)) {
      reporter.report(node.id, `Unknown iplus job type <${type}>; known: ${TASK_TYPES.join(', ')}`);
      return;
    }
    const template = zeebeAttribute(node, 'modelerTemplate');
    if (
      template &&
      template.startsWith('iplus.') &&
      TASK_TYPES.includes(type) &&
      template !== templateIdOf(type)
    ) {
      reporter.report(node.id, `Element template <${template}> does not match job type <${type}>`);
    }
  }
  return { check };
};
