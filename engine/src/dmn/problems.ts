import type { Problem } from './read-definitions';

/** Problems as one message, each prefixed by the decision it is about. */
export function describeProblems(problems: Problem[]): string {
  return problems
    .map((p) => (p.decisionId ? `decision '${p.decisionId}': ${p.message}` : p.message))
    .join('; ');
}
