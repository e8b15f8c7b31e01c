import { UserError } from '../errors';
import { CANDIDATE_SUFFIX } from './candidate-xml';
import { routingDecisionId } from './preview-routing';

const MAX_XML = 4 * 1024 * 1024;

/** Every `<decision …>` start tag of a DMN file (any namespace prefix), with its attributes. */
const DECISION_TAG = /<(?:[\w.-]+:)?decision(?=[\s/>])([^>]*)>/g;
const ID_ATTRIBUTE = /\sid\s*=\s*"([^"]*)"/;
const PLAIN_ID = /^[A-Za-z_][\w.-]*$/;

function invalid(detail: string): UserError {
  return new UserError(422, 'routing_table_invalid', 'Invalid routing table', detail, [
    { field: 'xml', code: 'routing_table_invalid', message: detail },
  ]);
}

/** Whether a decision id belongs to a province's table: `<name>-<P>` (routing-BE-WHT, routes-BE-WHT…). */
export function ownsDecision(province: string, id: string): boolean {
  return PLAIN_ID.test(id) && id.endsWith(`-${province}`) && id.length > province.length + 1;
}

/**
 * What a province's table may be, checked before the engine sees it: not too large, no DOCTYPE or
 * entities, the decision processes call (`routing-<P>`), and only decisions of its own province.
 * A table of BE-WHT that declares `routing-BE-VOV` would, once deployed, become the routing of
 * East Flanders; it is refused with 422 naming the id. Every decision needs a plain double-quoted
 * id, so no decision can slip past this check (or the candidate renaming) in a form the engine's
 * XML parser reads differently.
 */
export function checkTableShape(province: string, xml: string): void {
  if (xml.length > MAX_XML) throw invalid(`the table is larger than ${MAX_XML} bytes`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw invalid('DOCTYPE and entity declarations are not allowed in DMN files');
  const ids: string[] = [];
  for (const m of xml.matchAll(DECISION_TAG)) {
    const id = ID_ATTRIBUTE.exec(m[1]!)?.[1];
    if (id === undefined || !PLAIN_ID.test(id)) {
      throw invalid(
        `every decision needs an id="…" of letters, digits, "-", "_" or "." (found <decision${m[1]!.slice(0, 80)}>)`,
      );
    }
    ids.push(id);
  }
  const decision = routingDecisionId(province);
  if (!ids.includes(decision)) {
    throw invalid(
      `the file must contain decision "${decision}" (the decision processes call for ${province})`,
    );
  }
  const foreign = ids.filter((id) => !ownsDecision(province, id));
  if (foreign.length > 0) {
    const detail =
      `the table of ${province} may only hold decisions of ${province} (ids ending in "-${province}"); ` +
      `it declares ${foreign.map((id) => `"${id}"`).join(', ')}`;
    throw new UserError(
      422,
      'routing_table_foreign_decision',
      'Decision of another province',
      detail,
      foreign.map((id) => ({
        field: 'xml',
        code: 'routing_table_foreign_decision',
        message: `decision "${id}"`,
      })),
    );
  }
}

/** The decision ids of a deployment's answer. */
export const decisionIds = (deployed: Array<{ kind: string; decisionId?: string }>): string[] =>
  deployed.flatMap((d) => (d.kind === 'decision' && d.decisionId ? [d.decisionId] : []));

/**
 * The decisions the engine reports for a deployment, checked against the province after the fact:
 * the engine's parser is the one that counts, so a decision it found that this province does not
 * own (which `checkTableShape` would have refused) is an error, never ignored.
 */
export function checkDeployedIds(province: string, decisionIds: string[], candidate: boolean): void {
  const foreign = decisionIds.filter((id) =>
    candidate
      ? !id.endsWith(CANDIDATE_SUFFIX) || !ownsDecision(province, id.slice(0, -CANDIDATE_SUFFIX.length))
      : !ownsDecision(province, id),
  );
  if (foreign.length > 0) {
    throw new UserError(
      422,
      'routing_table_foreign_decision',
      'Decision of another province',
      `the engine found decision(s) ${foreign.map((id) => `"${id}"`).join(', ')} that the table of ${province} may not hold`,
    );
  }
}
