import { compileExpression, isExpression } from '../feel';
import type { ElementModel, ProcessModel } from './process-model';
import type { ModelProblem } from './model-problem';

/** Every attribute of an element that may hold an expression, with a name for the message. */
function expressionsOf(e: ElementModel): Array<[string, string | undefined]> {
  return [
    ['the job type', e.job?.type],
    ['the job retries', e.job?.retries],
    ['the message name', e.event?.name],
    ['the correlation key', e.event?.correlationKey],
    ['the timer', e.event?.timer?.expression],
    ['the error code', e.event?.errorCode],
    ['the escalation code', e.event?.escalationCode],
    ['the script', e.script?.expression],
    ['the called process id', e.calledElement?.processId],
    ['the called decision id', e.calledDecision?.decisionId],
    ['the input collection', e.loop?.inputCollection],
    ['the output element', e.loop?.outputElement],
    ['the completion condition', e.loop?.completionCondition],
    ...(e.inputs ?? []).map((m): [string, string] => [`the input mapping '${m.target}'`, m.source]),
    ...(e.outputs ?? []).map((m): [string, string] => [`the output mapping '${m.target}'`, m.source]),
  ];
}

/** Zeebe parses every expression on deploy: a syntax error rejects the model, naming the element. */
export function validateExpressions(model: ProcessModel, problems: ModelProblem[]): void {
  for (const e of Object.values(model.elements)) {
    for (const [what, text] of expressionsOf(e)) {
      const alwaysExpression = what === 'the completion condition' || what === 'the script';
      if (!text || (!alwaysExpression && !isExpression(text))) continue;
      const r = compileExpression(text);
      if (!r.ok) problems.push({ elementId: e.id, message: `${what}: ${r.message}` });
    }
  }
  for (const f of Object.values(model.flows)) {
    if (!f.condition) continue;
    const r = compileExpression(f.condition);
    if (!r.ok) problems.push({ elementId: f.id, message: `the condition: ${r.message}` });
  }
}
