/**
 * DMN decisions as Zeebe runs them: parse (and check) a DMN file once, evaluate a decision and the
 * decisions it requires against variables. Pure: no I/O. See README.md.
 */
import { parseXml } from '../model/xml-document';
import { compileDefinitions } from './compile-definitions';
import { rememberCompiled } from './evaluate-decision';
import { describeProblems } from './problems';
import { readDefinitions } from './read-definitions';
import type { DmnDefinitions } from './types';

export { evaluateDecision } from './evaluate-decision';
export type * from './types';

/**
 * Parses a DMN file (1.3; 1.1 and 1.2 are read as 1.3) and checks it completely, so that a bad
 * table is refused at deployment: the message names each decision and its problem. The result is
 * plain data; its compiled form is kept for `evaluateDecision`.
 */
export function parseDmn(
  xml: string,
): { ok: true; definitions: DmnDefinitions } | { ok: false; message: string } {
  const read = parseXml(xml);
  if (!read.ok) return { ok: false, message: read.message };
  const { definitions, problems } = readDefinitions(read.root);
  if (definitions && definitions.decisions.length === 0 && problems.length === 0) {
    problems.push({ message: 'the file has no decision' });
  }
  if (!definitions || problems.length > 0) return { ok: false, message: describeProblems(problems) };
  const compiled = compileDefinitions(definitions);
  if (!compiled.ok) return { ok: false, message: describeProblems(compiled.problems) };
  rememberCompiled(definitions, compiled);
  return { ok: true, definitions };
}
