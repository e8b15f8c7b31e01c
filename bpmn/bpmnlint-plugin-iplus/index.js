/**
 * bpmnlint plugin with iplus's modelling conventions. The rules live in bpmn/lint-rules/ next to
 * their fixtures; `.bpmnlintrc` extends `plugin:iplus/recommended`.
 */
const RULES = ['known-task-type', 'message-correlation-key', 'named-elements', 'deadline-from-variable'];

module.exports = {
  rules: Object.fromEntries(RULES.map((rule) => [rule, `../lint-rules/${rule}.js`])),
  configs: {
    recommended: {
      rules: Object.fromEntries(RULES.map((rule) => [rule, 'error'])),
    },
  },
};
