import { rolloutDecisionXml } from './routing-decisions';
import { switchRollout, type ProvinceRollout } from './rollout-state';
import { xmlUnescape } from './xml-text';

/** A routing file whose rollout decision cannot be read: the caller answers 422 with this message. */
export class RolloutTableError extends Error {
  override readonly name = 'RolloutTableError';
}

interface Located {
  province: string;
  prefix: string;
  start: number;
  end: number;
  body: string;
}

/** Finds the `rollout-<P>` decision element of a routing file (any namespace prefix). */
function locate(xml: string): Located {
  const open = /<([A-Za-z_][\w.-]*:)?decision\b[^>]*\bid="rollout-([^"]+)"[^>]*>/.exec(xml);
  if (!open)
    throw new RolloutTableError('the routing file has no decision with an id starting with "rollout-"');
  const prefix = open[1] ?? '';
  const close = xml.indexOf(`</${prefix}decision>`, open.index);
  if (close < 0) throw new RolloutTableError(`decision rollout-${open[2]} is not closed`);
  const end = close + `</${prefix}decision>`.length;
  return {
    province: open[2]!,
    prefix,
    start: open.index,
    end,
    body: xml.slice(open.index + open[0].length, close),
  };
}

function texts(element: string, prefix: string, name: string): string[] {
  const pattern = new RegExp(
    `<${prefix}${name}\\b[^>]*>[\\s\\S]*?<${prefix}text>([\\s\\S]*?)</${prefix}text>`,
    'g',
  );
  return [...element.matchAll(pattern)].map((m) => xmlUnescape(m[1]!).trim());
}

/**
 * Reads the rollout state out of a routing file's `rollout-<P>` decision: one row per
 * arrondissement (`"Hainaut"` → true/false) and the default row (`-`). Throws RolloutTableError when
 * the decision is missing or a row is not of that form.
 */
export function readRollout(xml: string): ProvinceRollout {
  const { province, prefix, body } = locate(xml);
  const rules = [
    ...body.matchAll(new RegExp(`<${prefix}rule\\b[^>]*>([\\s\\S]*?)</${prefix}rule>`, 'g')),
  ].map((m) => m[1]!);
  const rollout: ProvinceRollout = { province, live: false, arrondissements: [] };
  for (const [index, rule] of rules.entries()) {
    const [input] = texts(rule, prefix, 'inputEntry');
    const [output] = texts(rule, prefix, 'outputEntry');
    if (output !== 'true' && output !== 'false') {
      throw new RolloutTableError(
        `rule ${index + 1} of rollout-${province} must output true or false, not ${output}`,
      );
    }
    const live = output === 'true';
    if (input === undefined || input === '' || input === '-') {
      rollout.live = live;
      break; // hit policy FIRST: rows after the default row never match
    }
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(input);
    if (!literal) {
      throw new RolloutTableError(
        `rule ${index + 1} of rollout-${province} must test one arrondissement name in quotes, not ${input}`,
      );
    }
    rollout.arrondissements.push({ name: literal[1]!.replace(/\\(.)/g, '$1'), live });
  }
  return rollout;
}

/**
 * The routing file with its rollout decision rewritten so that `arrondissement` (or, with null, the
 * whole province) is live or not: what PUT /api/routing/rollout deploys as a new version. The rest of
 * the file (the coordinator's edits included) is kept byte for byte.
 */
export function withRollout(xml: string, arrondissement: string | null, live: boolean): string {
  const located = locate(xml);
  const next = switchRollout(readRollout(xml), arrondissement, live);
  let decision = rolloutDecisionXml(located.province, next).trimStart();
  const requirements = [
    ...located.body.matchAll(
      new RegExp(
        `<${located.prefix}informationRequirement\\b[\\s\\S]*?</${located.prefix}informationRequirement>`,
        'g',
      ),
    ),
  ].map((m) => m[0]);
  if (located.prefix) decision = decision.replace(/<(\/?)([A-Za-z])/g, `<$1${located.prefix}$2`);
  if (requirements.length > 0) {
    const generated = new RegExp(
      `<${located.prefix}informationRequirement\\b[\\s\\S]*?</${located.prefix}informationRequirement>\\s*`,
      'g',
    );
    const first = decision.search(generated);
    decision = decision.replace(generated, '');
    decision = `${decision.slice(0, first)}${requirements.join('\n    ')}\n    ${decision.slice(first)}`;
  }
  return `${xml.slice(0, located.start)}${decision}${xml.slice(located.end)}`;
}
