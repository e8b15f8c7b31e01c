import * as path from 'node:path';
import * as ts from 'typescript';
import * as contract from '@iplus/contract';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

// The OpenAPI document the platform serves and the contract (contract/) cannot drift: every component
// schema has the contract type of the same name, with the same properties, the same required ones
// (response shapes; a request shape may require more than the schema, whose rules the domain checks
// with better messages), the same enums and the same nullability, all the way down; and every
// vocabulary array of the contract is an enum of the document. The types are read with the
// TypeScript compiler from contract/*.ts, nothing is listed by hand.

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: string[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
};
type OpenApi = {
  paths: Record<
    string,
    Record<string, { responses?: unknown; parameters?: Array<{ name: string; schema: Schema }> }>
  >;
  components: { schemas: Record<string, Schema> };
};

const CONTRACT_INDEX = path.join(__dirname, '../../../contract/index.ts');

/** The contract's exported types, by name, read from its sources. */
function contractTypes(): { checker: ts.TypeChecker; types: Map<string, ts.Type> } {
  const program = ts.createProgram([CONTRACT_INDEX], { strict: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(CONTRACT_INDEX)!)!;
  const types = new Map<string, ts.Type>();
  for (const symbol of checker.getExportsOfModule(index)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      types.set(symbol.name, checker.getDeclaredTypeOfSymbol(target));
    }
  }
  return { checker, types };
}

/** A TypeScript type, seen the way a JSON schema sees a value. */
type Seen =
  | { kind: 'literals'; values: string[]; nullable: boolean }
  | { kind: 'array'; items: ts.Type; nullable: boolean }
  | { kind: 'object'; type: ts.Type; nullable: boolean }
  | { kind: 'scalar'; name: string; nullable: boolean };

function see(checker: ts.TypeChecker, type: ts.Type): Seen {
  const parts = type.isUnion() ? type.types : [type];
  const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null);
  const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  if (rest.length > 0 && rest.every((t) => t.isStringLiteral())) {
    return { kind: 'literals', values: rest.map((t) => (t as ts.StringLiteralType).value).sort(), nullable };
  }
  if (rest.every((t) => t.flags & ts.TypeFlags.BooleanLiteral))
    return { kind: 'scalar', name: 'boolean', nullable };
  if (rest.length !== 1) return { kind: 'scalar', name: checker.typeToString(type), nullable };
  const only = rest[0]!;
  if (checker.isArrayType(only)) {
    return { kind: 'array', items: checker.getTypeArguments(only as ts.TypeReference)[0]!, nullable };
  }
  if (only.flags & ts.TypeFlags.Object) return { kind: 'object', type: only, nullable };
  return { kind: 'scalar', name: checker.typeToString(only), nullable };
}

/** A schema with its $ref followed and its null alternative (type array or anyOf) taken out. */
function resolve(doc: OpenApi, schema: Schema): { schema: Schema; nullable: boolean } {
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!;
    return resolve(doc, target);
  }
  if (schema.anyOf) {
    const others = schema.anyOf.filter((s) => s.type !== 'null');
    const inner = others.length === 1 ? resolve(doc, others[0]!) : { schema, nullable: false };
    return { schema: inner.schema, nullable: others.length < schema.anyOf.length || inner.nullable };
  }
  if (Array.isArray(schema.type)) {
    const others = schema.type.filter((t) => t !== 'null');
    return {
      schema: { ...schema, type: others.length === 1 ? others[0] : others },
      nullable: others.length < schema.type.length,
    };
  }
  return { schema, nullable: false };
}

type Mode = 'response' | 'request';

/** Every disagreement between `schema` and `type` at `at`, recursively. */
function compare(
  doc: OpenApi,
  checker: ts.TypeChecker,
  given: Schema,
  type: ts.Type,
  at: string,
  mode: Mode,
  top = false,
): string[] {
  const { schema, nullable } = resolve(doc, given);
  const seen = see(checker, type);
  const problems: string[] = [];
  if (!top && nullable !== seen.nullable) {
    problems.push(
      `${at}: the schema is ${nullable ? '' : 'not '}nullable, the contract ${seen.nullable ? 'is' : 'is not'}`,
    );
  }
  if (schema.enum) {
    const values = [...schema.enum].sort();
    if (seen.kind !== 'literals')
      problems.push(`${at}: the schema's enum ${values.join('|')}, the contract has ${seen.kind}`);
    else if (JSON.stringify(values) !== JSON.stringify(seen.values)) {
      problems.push(`${at}: the schema's enum ${values.join('|')} ≠ the contract's ${seen.values.join('|')}`);
    }
    return problems;
  }
  if (seen.kind === 'literals') {
    problems.push(`${at}: the contract has the closed set ${seen.values.join('|')}, the schema no enum`);
    return problems;
  }
  if (schema.type === 'array' && schema.items) {
    if (seen.kind !== 'array')
      return [...problems, `${at}: an array in the schema, ${seen.kind} in the contract`];
    return [...problems, ...compare(doc, checker, schema.items, seen.items, `${at}[]`, mode)];
  }
  if (schema.properties) {
    if (seen.kind !== 'object')
      return [...problems, `${at}: an object in the schema, ${seen.kind} in the contract`];
    const properties = checker.getPropertiesOfType(seen.type);
    const names = properties.map((p) => p.name).sort();
    const schemaNames = Object.keys(schema.properties).sort();
    for (const name of schemaNames.filter((n) => !names.includes(n)))
      problems.push(`${at}.${name}: in the schema, not in the contract`);
    for (const name of names.filter((n) => !schemaNames.includes(n)))
      problems.push(`${at}.${name}: in the contract, not in the schema`);
    const required = properties.filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name);
    for (const name of schema.required ?? []) {
      if (!required.includes(name))
        problems.push(`${at}.${name}: required by the schema, optional in the contract`);
    }
    if (mode === 'response') {
      for (const name of required.filter(
        (n) => schemaNames.includes(n) && !(schema.required ?? []).includes(n),
      )) {
        problems.push(`${at}.${name}: required in the contract, optional in the schema`);
      }
    }
    for (const property of properties) {
      const sub = schema.properties[property.name];
      if (sub)
        problems.push(
          ...compare(doc, checker, sub, checker.getTypeOfSymbol(property), `${at}.${property.name}`, mode),
        );
    }
  }
  return problems;
}

/** Every component reachable from a response: those are response shapes, the others request shapes. */
function responseComponents(doc: OpenApi): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === '$ref' && typeof v === 'string') {
          const name = v.replace('#/components/schemas/', '');
          if (!found.has(name)) {
            found.add(name);
            walk(doc.components.schemas[name]);
          }
        } else walk(v);
      }
    }
  };
  for (const methods of Object.values(doc.paths)) for (const op of Object.values(methods)) walk(op.responses);
  return found;
}

/** Every enum of the document, wherever it is. */
function enumsOf(value: unknown, into: string[][] = []): string[][] {
  if (Array.isArray(value)) value.forEach((v) => enumsOf(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'enum' && Array.isArray(v)) into.push([...(v as string[])].sort());
      else enumsOf(v, into);
    }
  }
  return into;
}

/** The contract's exported arrays of strings: its closed vocabularies. */
function vocabulariesOf(module: object): Array<[string, readonly string[]]> {
  return Object.entries(module as Record<string, unknown>).filter(
    (entry): entry is [string, readonly string[]] =>
      Array.isArray(entry[1]) && entry[1].every((v: unknown) => typeof v === 'string'),
  );
}

describe('the OpenAPI document and the contract', () => {
  jest.setTimeout(120_000);
  let t: TestPlatform;
  let doc: OpenApi;
  beforeAll(async () => {
    t = await startTestPlatform();
    doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as OpenApi;
  });
  afterAll(async () => t.close());

  it('has a contract type for every component schema, with the same shape all the way down', () => {
    const { checker, types } = contractTypes();
    const responses = responseComponents(doc);
    const names = Object.keys(doc.components.schemas);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !types.has(name))).toEqual([]);
    const problems = names.flatMap((name) =>
      compare(
        doc,
        checker,
        doc.components.schemas[name]!,
        types.get(name)!,
        name,
        responses.has(name) ? 'response' : 'request',
        true,
      ),
    );
    expect(problems).toEqual([]);
    expect(responses.has('Mandate') && !responses.has('DecisionInput')).toBe(true);
  });

  it('serves every vocabulary array of the contract as an enum (or a refinement of one)', () => {
    const enums = enumsOf(doc).map((e) => JSON.stringify(e));
    const vocabularies = vocabulariesOf(contract);
    expect(vocabularies.map(([name]) => name)).toEqual(
      expect.arrayContaining(['MEASURES', 'MANDATE_KINDS', 'ROLES']),
    );
    const missing = vocabularies.filter(([, values]) => {
      if (enums.includes(JSON.stringify([...values].sort()))) return false;
      // A strict subset of another vocabulary (the breach outcomes among the report outcomes).
      const refines = vocabularies.some(
        ([, other]) => other.length > values.length && values.every((v) => other.includes(v)),
      );
      return !refines;
    });
    expect(missing.map(([name]) => name)).toEqual([]);
  });

  it('uses only contract vocabularies for the enums of its query and path parameters', () => {
    const vocabularies = vocabulariesOf(contract).map(([, v]) => JSON.stringify([...v].sort()));
    const parameterEnums = Object.entries(doc.paths).flatMap(([url, methods]) =>
      Object.entries(methods).flatMap(([method, op]) =>
        (op.parameters ?? [])
          .filter((p) => p.schema?.enum)
          .map((p) => ({
            at: `${method} ${url} ${p.name}`,
            values: JSON.stringify([...p.schema.enum!].sort()),
          })),
      ),
    );
    expect(parameterEnums.length).toBeGreaterThan(0);
    expect(parameterEnums.filter((p) => !vocabularies.includes(p.values))).toEqual([]);
  });
});
