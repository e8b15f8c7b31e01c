import { xmlEscape, xmlText } from './xml-text';

/** One column of a decision table as the generator describes it. */
export interface TableInput {
  name: string;
  label: string;
  expression: string;
  typeRef: string;
}
export interface TableOutput {
  name: string;
  label: string;
  typeRef: string;
}
export interface TableRule {
  /** Suffix of the rule id, unique in the table. */
  key: string;
  inputs: string[];
  outputs: string[];
  /** Shown in the annotation column of the modeler (the rule's `description`). */
  annotation: string;
}

/**
 * Writes a DMN 1.3 decision with a decision table, in the layout Camunda Modeler writes (annotations
 * as the rules' `description`, which dmn-js shows in its annotation column).
 */
export function decisionTableXml(decision: {
  id: string;
  name: string;
  description?: string;
  requires?: string[];
  hitPolicy: 'UNIQUE' | 'FIRST';
  inputs: TableInput[];
  outputs: TableOutput[];
  rules: TableRule[];
}): string {
  const { id } = decision;
  const lines: string[] = [`  <decision id="${id}" name="${xmlEscape(decision.name)}">`];
  if (decision.description) lines.push(`    <description>${xmlText(decision.description)}</description>`);
  for (const required of decision.requires ?? []) lines.push(...informationRequirementXml(id, required));
  lines.push(`    <decisionTable id="${id}-table" hitPolicy="${decision.hitPolicy}">`);
  for (const input of decision.inputs) {
    lines.push(
      `      <input id="${id}-in-${input.name}" label="${xmlEscape(input.label)}">`,
      `        <inputExpression id="${id}-in-${input.name}-expr" typeRef="${input.typeRef}">`,
      `          <text>${xmlText(input.expression)}</text>`,
      `        </inputExpression>`,
      `      </input>`,
    );
  }
  for (const output of decision.outputs) {
    lines.push(
      `      <output id="${id}-out-${output.name}" label="${xmlEscape(output.label)}" name="${output.name}" typeRef="${output.typeRef}" />`,
    );
  }
  for (const rule of decision.rules) {
    const ruleId = `${id}-${rule.key}`;
    lines.push(
      `      <rule id="${ruleId}">`,
      `        <description>${xmlText(rule.annotation)}</description>`,
    );
    rule.inputs.forEach((text, i) =>
      lines.push(
        `        <inputEntry id="${ruleId}-i${i + 1}">`,
        `          <text>${xmlText(text)}</text>`,
        `        </inputEntry>`,
      ),
    );
    rule.outputs.forEach((text, i) =>
      lines.push(
        `        <outputEntry id="${ruleId}-o${i + 1}">`,
        `          <text>${xmlText(text)}</text>`,
        `        </outputEntry>`,
      ),
    );
    lines.push(`      </rule>`);
  }
  lines.push(`    </decisionTable>`, `  </decision>`);
  return lines.join('\n');
}

/** `<informationRequirement>` of decision `id` on decision `required` (id `ir-<id>-<required>`). */
export function informationRequirementXml(id: string, required: string): string[] {
  return [
    `    <informationRequirement id="ir-${id}-${required}">`,
    `      <requiredDecision href="#${required}" />`,
    `    </informationRequirement>`,
  ];
}
