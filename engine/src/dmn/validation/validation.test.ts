import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDmn } from '../index';
import { MAX_RESOURCE_BYTES } from '../../model/xml-document';
import { loadFixture, refusal } from '../__fixtures__/load-fixture';

/** Given an invalid DMN file, when it is parsed, then it is refused with a message naming the decision and the problem. */
const refused: Array<[file: string, message: string]> = [
  [
    'unparsable-input-expression.dmn',
    "decision 'dish': input 1 ('Season'): failed to parse expression 'season +': unexpected end at position 9",
  ],
  ['empty-input-expression.dmn', "decision 'dish': input 1 ('Season') has an empty input expression"],
  [
    'unparsable-unary-test.dmn',
    "decision 'dish': rule 'r2' (#2), input 1: failed to parse unary tests '[1..': unexpected end at position 5",
  ],
  [
    'unparsable-output-entry.dmn',
    `decision 'dish': rule 'r1' (#1), output 1: failed to parse expression '"Stew" +': unexpected end at position 9`,
  ],
  [
    'unique-overlap-values.dmn',
    `decision 'dish': hit policy UNIQUE allows one matching rule, but rules 'r1' (#1) and 'r2' (#2) both match Season = "Winter", Guests = 5`,
  ],
  [
    'unique-overlap-wildcard.dmn',
    `decision 'dish': hit policy UNIQUE allows one matching rule, but rules 'r1' (#1) and 'r2' (#2) both match Season = "Winter"`,
  ],
  [
    'unique-overlap-negation.dmn',
    `decision 'dish': hit policy UNIQUE allows one matching rule, but rules 'r1' (#1) and 'r2' (#2) both match Season = "another value"`,
  ],
  ['missing-required-decision.dmn', "decision 'total': requires decision 'price', which is not in the file"],
  ['requirement-cycle.dmn', "decision 'a': its requirements form a cycle: a → c → b → a"],
  [
    'duplicate-ids.dmn',
    "decision 'total': the id 'total' of decision 'Total again' is already the id of decision 'Total'",
  ],
  [
    'unknown-hit-policy.dmn',
    "decision 'dish': unknown hit policy 'SOMETIMES'; use one of UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER, OUTPUT ORDER",
  ],
  [
    'unknown-aggregation.dmn',
    "decision 'dish': unknown aggregation 'AVERAGE'; use one of SUM, MIN, MAX, COUNT",
  ],
  [
    'aggregation-several-outputs.dmn',
    "decision 'dish': aggregation SUM needs a single output, but the table has 2",
  ],
  [
    'aggregation-without-collect.dmn',
    "decision 'dish': aggregation SUM is only allowed with hit policy COLLECT, not FIRST",
  ],
  [
    'priority-without-output-values.dmn',
    `decision 'dish': hit policy PRIORITY orders results by the output values of the outputs, but no output lists its values (e.g. "high","medium","low")`,
  ],
  [
    'outputs-without-names.dmn',
    "decision 'dish': output 1 has no name, which a table with several outputs needs",
  ],
  ['wrong-entry-count.dmn', "decision 'dish': rule 'r1' (#1) has 2 input entries for 1 inputs"],
  ['empty-literal-expression.dmn', "decision 'total': its literal expression is empty"],
  ['no-decisions.dmn', 'the file has no decision'],
  [
    'juel-expression-language.dmn',
    "decision 'dish': input 1 uses expression language 'juel'; only FEEL is supported",
  ],
  [
    'unsupported-logic.dmn',
    "decision 'boxed': its logic is a <context>, which is not supported; use a decision table or a literal expression",
  ],
  [
    'entity-expansion.dmn',
    'the resource declares a DOCTYPE or entities, which are refused (XML entity expansion and external entities)',
  ],
  [
    'external-entity.dmn',
    'the resource declares a DOCTYPE or entities, which are refused (XML entity expansion and external entities)',
  ],
  ['not-well-formed.dmn', 'not well-formed XML: Unexpected close tag (line 5)'],
];

describe.each(refused)('%s', (file, message) => {
  it('is refused with a message naming the problem', () => {
    expect(refusal(__dirname, file)).toBe(message);
  });
});

describe('files that are not DMN', () => {
  it('refuses a BPMN file, naming the namespaces it accepts', () => {
    expect(refusal(__dirname, 'not-dmn.dmn')).toMatch(
      /^not a DMN file: the root element is 'definitions' in namespace 'http:\/\/www\.omg\.org\/spec\/BPMN\/20100524\/MODEL', expected 'definitions' in one of .*https:\/\/www\.omg\.org\/spec\/DMN\/20191111\/MODEL\//,
    );
  });

  it('refuses an oversized file before reading it', () => {
    const valid = readFileSync(join(__dirname, 'unique-no-overlap.dmn'), 'utf8');
    const padded = valid.replace('<decision', `<!--${'x'.repeat(MAX_RESOURCE_BYTES)}-->\n  <decision`);
    const r = parseDmn(padded);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^the resource is larger than 4194304 bytes$/);
  });

  it('refuses text that is not XML', () => {
    expect(parseDmn('hello')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^not well-formed XML/),
    });
  });
});

describe('several problems', () => {
  it('are all reported, each with its decision', () => {
    const xml = readFileSync(join(__dirname, 'unparsable-unary-test.dmn'), 'utf8').replace(
      '<text>"Stew"</text>',
      '<text>"Stew" +</text>',
    );
    const r = parseDmn(xml);
    expect(!r.ok && r.message.split('; ')).toEqual([
      `decision 'dish': rule 'r1' (#1), output 1: failed to parse expression '"Stew" +': unexpected end at position 9`,
      "decision 'dish': rule 'r2' (#2), input 1: failed to parse unary tests '[1..': unexpected end at position 5",
    ]);
  });
});

describe('UNIQUE tables whose rules cannot overlap', () => {
  it.each(['unique-no-overlap.dmn', 'unique-no-overlap-input-values.dmn'])('accepts %s', (file) => {
    expect(loadFixture(__dirname, file).decisions.map((d) => d.id)).toEqual(['dish']);
  });
});
