import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import plugin from 'bpmnlint-plugin-iplus';
import deadlineFromVariable from '@iplus/lint-rules/deadline-from-variable.js';
import knownTaskType from '@iplus/lint-rules/known-task-type.js';
import messageCorrelationKey from '@iplus/lint-rules/message-correlation-key.js';
import namedElements from '@iplus/lint-rules/named-elements.js';

const RULES: Record<string, unknown> = {
  'deadline-from-variable': deadlineFromVariable,
  'known-task-type': knownTaskType,
  'message-correlation-key': messageCorrelationKey,
  'named-elements': namedElements,
};

/**
 * The project's own bpmnlint rules (`bpmn/bpmnlint-plugin-iplus`, rules in `bpmn/lint-rules`) as a
 * plugin of `@camunda/linting`: they run inline beside Camunda's, with the plugin's recommended
 * levels — the same rules the platform runs before any deploy.
 */
export const IPLUS_LINT_PLUGIN = {
  config: {
    rules: Object.fromEntries(
      Object.entries(plugin.configs.recommended.rules).map(([rule, level]) => [`iplus/${rule}`, level]),
    ),
  },
  resolver: new StaticResolver(
    Object.fromEntries(
      Object.keys(plugin.configs.recommended.rules).map((rule) => {
        if (!RULES[rule])
          throw new Error(`iplus lint rule ${rule} is not bundled: import it in iplus-lint.ts`);
        return [`rule:bpmnlint-plugin-iplus/${rule}`, RULES[rule]];
      }),
    ),
  ),
};
