import { cominesDecision, jsonUpload, samplePdf } from '../../platform/src/__fixtures__/sample-decision';
import { nrnCheckDigits } from '../../contract/index';
import { multipart, type RawRequest } from './support/adversarial-platform';

/**
 * The bad-input catalogue of issue 8: each case is one request through the real HTTP API and the
 * answer it must get. Paths and JSON bodies may name the seeded objects as `{decisionId}`,
 * `{policeMandateId}`, `{guidanceMandateId}` and `{signalementId}`.
 *
 * A refused case (4xx) must answer `application/problem+json` with the code (and field error code)
 * given, a detail that says what is wrong, store nothing and crash nothing. An `accepted` case is an
 * injection or a Unicode text that is legitimate data: it must be stored and read back verbatim.
 */
export interface BadInputCase {
  name: string;
  /** Demo user sending it (bearer token); `anonymous` sends no credential. Default clerk.mons. */
  as?: string;
  request: RawRequest | (() => RawRequest);
  expect: {
    status: number;
    /** The problem's `code`. */
    code?: string;
    /** A code that some entry of the problem's `errors[]` must carry. */
    errorCode?: string;
    /** Text the problem's `detail` (or an `errors[].message`) must contain, case-insensitive. */
    detailIncludes?: string;
    /** For answers that are not problems: text the body must (not) contain. */
    textIncludes?: string;
    textExcludes?: string;
  };
  /**
   * For accepted cases: read `path` back through the API (as `readAs`, default admin) and find `value`
   * at `pointer` (`items[reference=X].input.court`), or read the column `sql` selects as `v`.
   */
  roundTrip?:
    | { path: string; pointer: string; value: string; readAs?: string }
    | { sql: string; params: string[]; value: string };
}

/** The limit the catalogue's platform runs with (IPLUS_MAX_DOCUMENT_BYTES), small to keep the run fast. */
export const MAX_DOCUMENT_BYTES = 64 * 1024;

let serial = 0;
/** A fresh reference per case, so no case collides with another's idempotency key. */
const ref = () => `ADV-2026-${String(++serial).padStart(5, '0')}`;

type Json = Record<string, unknown>;

/** The Comines decision with one field (dotted path, `[i]` for array items) replaced or removed. */
function decisionWith(field: string, value: unknown): Json {
  const d = cominesDecision(ref()) as Json;
  const keys = field.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = d as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  if (value === undefined) delete node[keys[keys.length - 1]!];
  else node[keys[keys.length - 1]!] = value;
  return d;
}

const postDecision = (body: unknown): RawRequest => ({
  method: 'POST',
  path: '/api/decisions',
  body: body as object,
});

/** A refused decision upload: 400 validation_failed naming the field's error code. */
function refusedField(
  name: string,
  field: string,
  value: unknown,
  errorCode: string,
  detail: string,
): BadInputCase {
  return {
    name,
    request: postDecision(jsonUpload(decisionWith(field, value))),
    expect: { status: 400, code: 'validation_failed', errorCode, detailIncludes: detail },
  };
}

/** An accepted decision whose text field must be read back exactly (`expected` when normalised). */
function acceptedField(name: string, field: string, value: string, expected = value): BadInputCase {
  const reference = ref();
  const d = decisionWith(field, value);
  d.reference = reference;
  return {
    name,
    request: postDecision(jsonUpload(d)),
    expect: { status: 201 },
    roundTrip: {
      path: `/api/decisions?limit=500`,
      pointer: `items[reference=${reference}].input.${field}`,
      value: expected,
    },
  };
}

/** An NRN with correct check digits for the first nine digits (1900s rule). */
function nrnWith(firstNine: string): string {
  return `${firstNine}${String(nrnCheckDigits(firstNine, 1900)).padStart(2, '0')}`;
}

const pdf = samplePdf();
const withDocument = (bytes: Buffer) => jsonUpload(cominesDecision(ref()), bytes);
const multipartUpload = (parts: Parameters<typeof multipart>[0]): RawRequest => ({
  method: 'POST',
  path: '/api/decisions',
  ...multipart(parts),
});

// ---- hostile XML ---------------------------------------------------------------------------

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>`;
const XXE = `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>`;
const XXE_PARAMETER = `<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote; ]>`;
const DOCTYPE_ONLY = `<?xml version="1.0"?>
<!DOCTYPE definitions SYSTEM "http://127.0.0.1:1/dmn.dtd">`;

const DMN_NS = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

const dmn = (body: string, ns = DMN_NS) =>
  `<definitions xmlns="${ns}" id="adv" name="adv" namespace="http://iplus.example/adv">${body}</definitions>`;
const bpmn = (body: string, ns = BPMN_NS) =>
  `<definitions xmlns="${ns}" id="adv" targetNamespace="http://iplus.example/adv">${body}</definitions>`;
const ADV_TABLE = `<decision id="d" name="d"><decisionTable id="t"><input id="i"><inputExpression typeRef="string"><text>nis</text></inputExpression></input><output id="o" name="x" typeRef="string"/><rule id="r"><inputEntry id="ie"><text>&lol9;</text></inputEntry><outputEntry id="oe"><text>"a"</text></outputEntry></rule></decisionTable></decision>`;
const ADV_PROCESS = `<process id="adv-proc" isExecutable="true"><startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/></process>`;
const DMN_CYCLE = dmn(
  `<decision id="a" name="a"><informationRequirement id="ra"><requiredDecision href="#b"/></informationRequirement><literalExpression><text>1</text></literalExpression></decision>` +
    `<decision id="b" name="b"><informationRequirement id="rb"><requiredDecision href="#a"/></informationRequirement><literalExpression><text>2</text></literalExpression></decision>`,
);
const BPMN_CYCLE_NO_START = bpmn(
  `<process id="adv-cycle" isExecutable="true"><task id="a" name="A"/><task id="b" name="B"/><sequenceFlow id="f1" sourceRef="a" targetRef="b"/><sequenceFlow id="f2" sourceRef="b" targetRef="a"/></process>`,
);
const deepXml = (depth: number) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
const HUGE = 'x'.repeat(6 * 1024 * 1024);

const putTable = (xml: unknown, province = 'BE-WHT'): RawRequest => ({
  method: 'PUT',
  path: `/api/routing/tables/${province}`,
  body: { xml } as object,
});
const postModel = (xml: unknown, fileName: unknown = 'adversarial.bpmn'): RawRequest => ({
  method: 'POST',
  path: '/api/models',
  body: { fileName, xml } as object,
});

function hostileXmlCases(): BadInputCase[] {
  const table = (
    name: string,
    xml: unknown,
    detail: string,
    status = 422,
    code = 'routing_table_invalid',
  ) => ({
    name: `routing table: ${name}`,
    as: 'coord.hainaut',
    request: putTable(xml),
    expect: { status, code, detailIncludes: detail },
  });
  const model = (name: string, xml: unknown, detail: string, status = 422, code = 'model_invalid') => ({
    name: `process model: ${name}`,
    as: 'analyst',
    request: postModel(xml),
    expect: { status, code, detailIncludes: detail },
  });
  return [
    table('billion laughs', `${BILLION_LAUGHS}${dmn(ADV_TABLE)}`, 'DOCTYPE'),
    table(
      'external entity (XXE)',
      `${XXE}${dmn('<decision id="d"><literalExpression><text>&xxe;</text></literalExpression></decision>')}`,
      'DOCTYPE',
    ),
    table('parameter entity fetching a remote DTD', `${XXE_PARAMETER}${dmn('')}`, 'DOCTYPE'),
    table('DOCTYPE with an external DTD', `${DOCTYPE_ONLY}${dmn('')}`, 'DOCTYPE'),
    table('not XML at all', 'this is not a decision table', 'XML'),
    table('JSON instead of XML', '{"rules":[]}', 'XML'),
    table('truncated XML', dmn(ADV_TABLE).slice(0, 120), 'XML'),
    table('binary garbage', '\u0001\u0002\u0003PK\u0003\u0004', 'XML'),
    table(
      'wrong namespace',
      dmn('<decision id="d"/>', 'http://example.com/not-dmn'),
      'must contain decision',
    ),
    table('BPMN sent as a routing table', bpmn(ADV_PROCESS), 'must contain decision'),
    table('decisions requiring each other (cycle)', DMN_CYCLE, 'routing-BE-WHT'),
    table('deeply nested elements (50,000 levels)', deepXml(50_000), 'must contain decision'),
    table('empty xml', '', 'xml', 400, 'validation_failed'),
    table('xml is an object', { definitions: {} }, 'xml', 400, 'validation_failed'),
    table('bigger than the 5 MiB body limit', HUGE, 'smaller', 413, 'body_too_large'),
    {
      name: 'routing table: unknown province',
      as: 'admin',
      request: putTable(dmn(''), 'BE-XXX'),
      expect: { status: 422, detailIncludes: 'BE-XXX' },
    },
    model('billion laughs', `${BILLION_LAUGHS}${bpmn(ADV_PROCESS)}`, 'DOCTYPE'),
    model(
      'external entity (XXE)',
      `${XXE}${bpmn('<process id="p" name="&xxe;" isExecutable="true"/>')}`,
      'DOCTYPE',
    ),
    model('parameter entity fetching a remote DTD', `${XXE_PARAMETER}${bpmn(ADV_PROCESS)}`, 'DOCTYPE'),
    model('DOCTYPE with an external DTD', `${DOCTYPE_ONLY}${bpmn(ADV_PROCESS)}`, 'DOCTYPE'),
    model('not XML at all', 'definitely not BPMN', 'XML'),
    model('truncated XML', bpmn(ADV_PROCESS).slice(0, 100), 'XML'),
    model('wrong namespace', bpmn(ADV_PROCESS, 'http://example.com/not-bpmn'), 'BPMN'),
    model('DMN sent as a process model', dmn(ADV_TABLE.replace('&lol9;', '"57097"')), 'BPMN'),
    model('a cycle of tasks with no start event', BPMN_CYCLE_NO_START, 'start event'),
    model(
      'an unknown iplus job type (the project’s lint rules, before the engine)',
      bpmn(
        `<process id="adv-typo" isExecutable="true"><serviceTask id="t" name="T"><extensionElements><zeebe:taskDefinition xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" type="iplus:issue-mandat"/></extensionElements></serviceTask></process>`,
      ),
      't: Unknown iplus job type <iplus:issue-mandat>',
      422,
      'model_lint_failed',
    ),
    model('deeply nested elements (50,000 levels)', deepXml(50_000), 'BPMN'),
    model('empty xml', '', 'xml', 400, 'validation_failed'),
    model('bigger than the 5 MiB body limit', HUGE, 'smaller', 413, 'body_too_large'),
    {
      name: 'process model: file name with path traversal',
      as: 'analyst',
      request: postModel(bpmn(ADV_PROCESS), '../../etc/passwd.bpmn'),
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'invalid_file_name',
        detailIncludes: 'fileName',
      },
    },
    {
      name: 'process model: file name that is not .bpmn',
      as: 'analyst',
      request: postModel(bpmn(ADV_PROCESS), 'adversarial.sh'),
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'invalid_file_name',
        detailIncludes: '.bpmn',
      },
    },
    ...formCases(),
  ];
}

/** The forms sent with a model (issue 18): checked before anything is deployed, in drafts too. */
function formCases(): BadInputCase[] {
  const linking = bpmn(
    `<process id="adv-form" isExecutable="true"><startEvent id="s" name="S"/><sequenceFlow id="f1" sourceRef="s" targetRef="u"/>` +
      `<userTask id="u" name="U"><extensionElements><zeebe:userTask xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"/>` +
      `<zeebe:formDefinition xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" formId="adv-missing-form"/></extensionElements></userTask>` +
      `<sequenceFlow id="f2" sourceRef="u" targetRef="e"/><endEvent id="e" name="E"/></process>`,
  );
  const withForms = (forms: unknown, xml = linking): RawRequest => ({
    method: 'POST',
    path: '/api/models',
    body: { fileName: 'adv-form.bpmn', xml, forms } as object,
  });
  return [
    {
      name: 'process model: a linked form neither sent nor deployed',
      as: 'analyst',
      request: withForms([]),
      expect: { status: 422, code: 'form_missing', detailIncludes: 'adv-missing-form' },
    },
    {
      name: 'process model: a form whose id is not its file name',
      as: 'analyst',
      request: withForms([{ fileName: 'adv-missing-form.form', schema: { id: 'other', components: [] } }]),
      expect: { status: 400, code: 'validation_failed', errorCode: 'form_id_mismatch' },
    },
    {
      name: 'process model: a form file name with path traversal',
      as: 'analyst',
      request: withForms([{ fileName: '../adv-missing-form.form', schema: { id: 'x', components: [] } }]),
      expect: { status: 400, code: 'validation_failed', errorCode: 'invalid_file_name' },
    },
    {
      name: 'model draft: a form without an id',
      as: 'analyst',
      request: {
        method: 'POST',
        path: '/api/models/drafts',
        body: { fileName: 'adv-form.bpmn', xml: linking, forms: [{ fileName: 'a.form', schema: {} }] },
      },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'id' },
    },
  ];
}

// ---- non-object variables and JSON shape ------------------------------------------------------

function shapeCases(): BadInputCase[] {
  const decisionIs = (what: string, decision: unknown): BadInputCase => ({
    name: `decision is ${what}`,
    request: postDecision({
      decision,
      document: { fileName: 'd.pdf', contentBase64: pdf.toString('base64') },
    }),
    expect: { status: 400, code: 'validation_failed', detailIncludes: 'decision' },
  });
  return [
    decisionIs('an array', [cominesDecision(ref())]),
    decisionIs('a string', JSON.stringify(cominesDecision(ref()))),
    decisionIs('a number', 42),
    decisionIs('null', null),
    decisionIs('an empty object', {}),
    {
      name: 'upload body is a JSON array',
      request: postDecision([jsonUpload(cominesDecision(ref()))]),
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'object' },
    },
    {
      name: 'upload body is a bare JSON string',
      request: {
        method: 'POST',
        path: '/api/decisions',
        headers: { 'content-type': 'application/json' },
        body: '"decision"',
      },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'object' },
    },
    {
      name: 'person is a string',
      request: postDecision(jsonUpload(decisionWith('person', 'Jean Dupont'))),
      expect: { status: 400, code: 'validation_failed', errorCode: 'invalid_type', detailIncludes: 'person' },
    },
    {
      name: 'conditions.particular is an object, not a list',
      request: postDecision(jsonUpload(decisionWith('conditions.particular', { type: 'obligation' }))),
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'invalid_type',
        detailIncludes: 'particular',
      },
    },
    {
      name: 'unknown field in the decision',
      request: postDecision(jsonUpload(decisionWith('isAdmin', true))),
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'unknown_field',
        detailIncludes: 'isAdmin',
      },
    },
    {
      name: 'prototype pollution key __proto__',
      request: {
        method: 'POST',
        path: '/api/mandates',
        headers: { 'content-type': 'application/json' },
        body: '{"decisionId":"{decisionId}","kind":"guidance","__proto__":{"role":"admin"}}',
      },
      expect: { status: 400, detailIncludes: 'proto' },
    },
    {
      name: 'mandate body is an array',
      request: {
        method: 'POST',
        path: '/api/mandates',
        body: [{ decisionId: '{decisionId}', kind: 'guidance' }],
      },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'object' },
    },
    {
      name: 'routing tests body is an object, not a list',
      as: 'coord.hainaut',
      request: { method: 'PUT', path: '/api/routing/tables/BE-WHT/tests', body: { name: 'x' } },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'array' },
    },
    {
      name: 'operations search body is a JSON array (passed to the engine)',
      as: 'analyst',
      request: { method: 'POST', path: '/api/operations/v2/process-instances/search', body: [1, 2, 3] },
      expect: { status: 400, detailIncludes: 'object' },
    },
    {
      name: 'operations search body is a bare string',
      as: 'analyst',
      request: {
        method: 'POST',
        path: '/api/operations/v2/variables/search',
        headers: { 'content-type': 'application/json' },
        body: '"everything"',
      },
      expect: { status: 400, detailIncludes: 'object' },
    },
    {
      name: 'malformed JSON',
      request: {
        method: 'POST',
        path: '/api/mandates',
        headers: { 'content-type': 'application/json' },
        body: '{"decisionId": ',
      },
      expect: { status: 400, detailIncludes: 'JSON' },
    },
    {
      name: 'empty body declared as JSON',
      request: {
        method: 'POST',
        path: '/api/mandates',
        headers: { 'content-type': 'application/json' },
        body: '',
      },
      expect: { status: 400, detailIncludes: 'empty' },
    },
    {
      name: 'JSON nested 10,000 levels deep',
      request: {
        method: 'POST',
        path: '/api/mandates',
        headers: { 'content-type': 'application/json' },
        body: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      },
      expect: { status: 400, code: 'json_too_deep', detailIncludes: 'flatten' },
    },
    {
      name: 'decision nested 40 levels deep inside a condition',
      request: () => {
        let deep: unknown = 'x';
        for (let i = 0; i < 40; i++) deep = { deep };
        return postDecision(jsonUpload(decisionWith('conditions.particular[0].text', deep)));
      },
      expect: { status: 400, code: 'json_too_deep', detailIncludes: 'levels' },
    },
    {
      name: 'oversized JSON: a 2 MiB mandate note',
      request: () => ({
        method: 'POST',
        path: '/api/mandates/{policeMandateId}/acknowledge',
        body: { note: 'n'.repeat(2 * 1024 * 1024) },
      }),
      as: 'agent.comines',
      expect: { status: 413, code: 'body_too_large', detailIncludes: 'smaller' },
    },
    {
      name: 'oversized JSON: an upload beyond its body limit',
      request: () => postDecision(jsonUpload(cominesDecision(ref()), Buffer.alloc(12 * 1024 * 1024, 0x41))),
      expect: { status: 413, code: 'body_too_large', detailIncludes: 'smaller' },
    },
    {
      name: 'a 5,000-item condition list',
      request: () =>
        postDecision(
          jsonUpload(
            decisionWith(
              'conditions.particular',
              Array.from({ length: 5000 }, () => ({ type: 'obligation', category: 'other', text: 'x' })),
            ),
          ),
        ),
      expect: { status: 400, code: 'validation_failed', errorCode: 'too_many', detailIncludes: 'particular' },
    },
    {
      name: 'a 100,000-character court name',
      request: () => postDecision(jsonUpload(decisionWith('court', 'T'.repeat(100_000)))),
      expect: { status: 400, code: 'validation_failed', errorCode: 'too_long', detailIncludes: 'court' },
    },
  ];
}

// ---- national register numbers -------------------------------------------------------------

function nrnCases(): BadInputCase[] {
  const nrn = (name: string, value: unknown, errorCode: string, detail: string) =>
    refusedField(`NRN ${name}`, 'person.nrn', value, errorCode, detail);
  return [
    nrn('with wrong check digits', '85073003362', 'nrn_checksum', 'check digits'),
    nrn('with transposed digits', '58073003328', 'nrn_checksum', 'check digits'),
    nrn(
      'with the 1900s check digits for someone born in 2003',
      nrnWith('030214124').replace(/..$/, (c) => String((Number(c) + 1) % 100).padStart(2, '0')),
      'nrn_checksum',
      'check digits',
    ),
    nrn('of 10 digits', '8507300332', 'nrn_format', '11 digits'),
    nrn('of 12 digits', '850730033288', 'nrn_format', '11 digits'),
    nrn('with a letter O for a zero', '85O73003328', 'nrn_format', 'other characters'),
    nrn('with slashes', '85/07/30-033.28', 'nrn_format', '11 digits'),
    nrn('that is empty', '', 'required', 'nrn'),
    nrn('given as a number', 85073003328, 'invalid_type', 'nrn'),
    nrn('for 30 February', nrnWith('850230033'), 'nrn_date', 'does not exist'),
    nrn('for 29 February 1900', nrnWith('000229001'), 'nrn_date', 'does not exist'),
    nrn('with month 13', nrnWith('851330033'), 'nrn_date', 'out of range'),
    nrn('with day 32', nrnWith('850732033'), 'nrn_date', 'out of range'),
    nrn('BIS with month 33 (20 + 13)', nrnWith('853330033'), 'nrn_date', 'out of range'),
    nrn('BIS with month 53 (40 + 13)', nrnWith('855330033'), 'nrn_date', 'out of range'),
    nrn('with month 15 (between ordinary and BIS)', nrnWith('851530033'), 'nrn_date', 'out of range'),
    nrn('with a SQL injection', "85073003328' OR '1'='1", 'nrn_format', '11 digits'),
    refusedField(
      'NRN whose birth date differs from birthDate',
      'person.birthDate',
      '1985-07-31',
      'birth_date_mismatch',
      'birth',
    ),
  ];
}

// ---- municipalities ------------------------------------------------------------------------

function municipalityCases(): BadInputCase[] {
  const domicile = (name: string, field: string, value: unknown, errorCode: string, detail: string) =>
    refusedField(`domicile ${name}`, `person.domicile.${field}`, value, errorCode, detail);
  const preview = (name: string, query: string, detail: string): BadInputCase => ({
    name: `routing preview: ${name}`,
    as: 'coord.hainaut',
    request: { method: 'GET', path: `/api/routing/preview?${query}` },
    expect: { status: 400, detailIncludes: detail },
  });
  return [
    domicile(
      'with an unknown NIS code',
      'municipalityNis',
      '99999',
      'nis_unknown',
      'not a Belgian municipality',
    ),
    domicile('with a 4-digit NIS code', 'municipalityNis', '5709', 'nis_format', '5-digit'),
    domicile('with letters as NIS code', 'municipalityNis', 'ABCDE', 'nis_format', '5-digit'),
    domicile(
      'with a pre-2025 merged NIS code',
      'municipalityNis',
      '44011',
      'nis_unknown',
      '565 municipalities',
    ),
    {
      name: 'domicile with an unknown postcode and no NIS code',
      request: () => {
        const d = decisionWith('person.domicile.postalCode', '9999');
        delete ((d.person as Json).domicile as Json).municipalityNis;
        return postDecision(jsonUpload(d));
      },
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'postal_code_unknown',
        detailIncludes: 'not in the reference data',
      },
    },
    domicile('with a 5-digit postcode', 'postalCode', '77800', 'too_long', 'postalCode'),
    domicile(
      'with a postcode of another municipality',
      'postalCode',
      '1000',
      'postal_code_mismatch',
      'does not have postal code',
    ),
    {
      name: 'domicile with neither NIS code nor postcode',
      request: () => {
        const d = decisionWith('person.domicile.municipalityNis', undefined);
        delete ((d.person as Json).domicile as Json).postalCode;
        return postDecision(jsonUpload(d));
      },
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'required',
        detailIncludes: 'municipalityNis',
      },
    },
    preview('unknown NIS code', 'nis=99999&measure=conditional_release', '99999'),
    preview('NIS code with letters', 'nis=5709A&measure=conditional_release', 'nis'),
    preview('unknown postcode', 'postalCode=9999&measure=conditional_release', '9999'),
    preview('unknown measure', 'nis=57097&measure=house_arrest', 'measure'),
    preview('neither NIS code nor postcode', 'measure=conditional_release', 'nis'),
    {
      name: 'municipality search with an empty query',
      request: { method: 'GET', path: '/api/municipalities?q=' },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'q' },
    },
  ];
}

// ---- documents -----------------------------------------------------------------------------

function documentCases(): BadInputCase[] {
  const doc = (
    name: string,
    bytes: Buffer,
    errorCode: string,
    detail: string,
    status = 400,
  ): BadInputCase => ({
    name: `document ${name}`,
    request: postDecision(withDocument(bytes)),
    expect: { status, errorCode, detailIncludes: detail },
  });
  const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(200, 1)]);
  return [
    doc('that is empty', Buffer.alloc(0), 'document_missing', 'empty'),
    doc(
      'that is HTML',
      Buffer.from('<html><body><script>alert(1)</script></body></html>'),
      'document_not_pdf',
      '%PDF-',
    ),
    doc('that is a zip archive', zip, 'document_not_pdf', 'not a PDF'),
    doc('that is only a PDF header', Buffer.from('%PDF-1.7\n'), 'document_truncated', '%%EOF'),
    doc(
      'that is a PNG renamed .pdf',
      Buffer.from('\u0089PNG\r\n\u001a\n....%%EOF', 'latin1'),
      'document_not_pdf',
      'not a PDF',
    ),
    doc(
      'larger than IPLUS_MAX_DOCUMENT_BYTES',
      Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20),
        Buffer.from('\n%%EOF\n'),
      ]),
      'document_too_large',
      'IPLUS_MAX_DOCUMENT_BYTES',
      413,
    ),
    {
      name: 'document that is not base64',
      request: postDecision({
        decision: cominesDecision(ref()),
        document: { contentBase64: '%%%not base64!!' },
      }),
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'contentBase64' },
    },
    {
      name: 'JSON upload without a document',
      request: postDecision({ decision: cominesDecision(ref()) }),
      expect: { status: 400, code: 'validation_failed', errorCode: 'required', detailIncludes: 'document' },
    },
    {
      name: 'multipart upload without the document part',
      request: multipartUpload([{ name: 'decision', value: JSON.stringify(cominesDecision(ref())) }]),
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'document_missing',
        detailIncludes: 'PDF',
      },
    },
    {
      name: 'multipart upload without the decision part',
      request: multipartUpload([
        { name: 'document', value: pdf, fileName: 'd.pdf', type: 'application/pdf' },
      ]),
      expect: { status: 400, code: 'validation_failed', errorCode: 'required', detailIncludes: 'decision' },
    },
    {
      name: 'multipart decision part that is not JSON',
      request: multipartUpload([
        { name: 'decision', value: 'reference=X&measure=probation' },
        { name: 'document', value: pdf, fileName: 'd.pdf', type: 'application/pdf' },
      ]),
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'invalid_type',
        detailIncludes: 'not valid JSON',
      },
    },
    {
      name: 'multipart document that is an HTML file',
      request: multipartUpload([
        { name: 'decision', value: JSON.stringify(cominesDecision(ref())) },
        { name: 'document', value: Buffer.from('<html>hi</html>'), fileName: 'd.html', type: 'text/html' },
      ]),
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'document_not_pdf',
        detailIncludes: 'PDF',
      },
    },
    {
      name: 'multipart document larger than the limit',
      request: () =>
        multipartUpload([
          { name: 'decision', value: JSON.stringify(cominesDecision(ref())) },
          {
            name: 'document',
            value: Buffer.concat([
              Buffer.from('%PDF-1.4\n'),
              Buffer.alloc(MAX_DOCUMENT_BYTES * 2, 0x20),
              Buffer.from('%%EOF'),
            ]),
            fileName: 'd.pdf',
            type: 'application/pdf',
          },
        ]),
      expect: { status: 413, code: 'document_too_large', detailIncludes: 'IPLUS_MAX_DOCUMENT_BYTES' },
    },
    {
      name: 'multipart with two documents',
      request: multipartUpload([
        { name: 'decision', value: JSON.stringify(cominesDecision(ref())) },
        { name: 'document', value: pdf, fileName: 'a.pdf', type: 'application/pdf' },
        { name: 'document', value: pdf, fileName: 'b.pdf', type: 'application/pdf' },
      ]),
      expect: { status: 413, detailIncludes: 'file' },
    },
  ];
}

// ---- Unicode in names, control characters ----------------------------------------------------

function unicodeCases(): BadInputCase[] {
  return [
    acceptedField('a name with accents and a hyphen (accepted)', 'person.lastName', 'Müller-Lüdenscheid'),
    acceptedField('a name with an apostrophe (accepted)', 'person.lastName', 'N’Diaye'),
    acceptedField('a name in Arabic script, right to left (accepted)', 'person.lastName', 'بن علي'),
    acceptedField('a name in Cyrillic (accepted)', 'person.firstNames', 'Ольга Ивановна'),
    acceptedField('a name in Greek (accepted)', 'person.firstNames', 'Νίκος'),
    acceptedField(
      'a name with a decomposed diaeresis (accepted, stored NFC)',
      'person.firstNames',
      'Zoe\u0308',
      'Zoë',
    ),
    acceptedField('a name with Nordic letters (accepted)', 'person.lastName', 'Ødegård Æbelø'),
    refusedField('a name with an emoji', 'person.lastName', 'Dupont 😀', 'invalid_name', 'letters'),
    refusedField(
      'a name with a NUL character',
      'person.lastName',
      'Dup\u0000ont',
      'control_characters',
      'lastName',
    ),
    refusedField(
      'a name with a right-to-left override',
      'person.lastName',
      'Dupont\u202Etxt.exe',
      'control_characters',
      'lastName',
    ),
    refusedField(
      'a name with a zero-width space',
      'person.firstNames',
      'Jean\u200BMarie',
      'invalid_name',
      'letters',
    ),
    refusedField('a name made of digits', 'person.lastName', '12345', 'invalid_name', 'letters'),
    refusedField(
      'a court with a NUL character',
      'court',
      'Tribunal\u0000de Mons',
      'control_characters',
      'court',
    ),
    refusedField(
      'a court with an escape sequence',
      'court',
      'Tribunal \u001b[31mde Mons',
      'control_characters',
      'court',
    ),
    refusedField(
      'a street with a line separator',
      'person.domicile.street',
      'Rue\u2028de la Gare',
      'control_characters',
      'street',
    ),
  ];
}

// ---- SQL and HTML injection in every text field ------------------------------------------------

const SQL = "Robert'); DROP TABLE decisions;--";
const SQL_OR = "x' OR '1'='1' --";
const HTML = '<script>alert(document.cookie)</script>';
const HTML_IMG = '"><img src=x onerror=alert(1)>';

function injectionCases(): BadInputCase[] {
  const justified = (text: string) => ({ 'x-justification': text });
  return [
    acceptedField('SQL injection in court (stored verbatim)', 'court', SQL),
    acceptedField('HTML injection in court (stored verbatim)', 'court', HTML),
    acceptedField('SQL injection in the street (stored verbatim)', 'person.domicile.street', SQL_OR),
    acceptedField('HTML injection in the street (stored verbatim)', 'person.domicile.street', HTML_IMG),
    acceptedField(
      'HTML injection in the house number (stored verbatim)',
      'person.domicile.number',
      '<b>1</b>',
    ),
    acceptedField(
      'SQL injection in a condition text (stored verbatim)',
      'conditions.particular[0].text',
      SQL,
    ),
    acceptedField(
      'HTML injection in a condition text (stored verbatim)',
      'conditions.particular[0].text',
      HTML,
    ),
    refusedField(
      'SQL injection in the reference',
      'reference',
      "TAP-1'; DELETE FROM decisions;--",
      'invalid_reference',
      'reference',
    ),
    refusedField('HTML injection in the reference', 'reference', HTML, 'invalid_reference', 'reference'),
    refusedField('SQL injection in the last name', 'person.lastName', SQL, 'invalid_name', 'letters'),
    refusedField('HTML injection in the first names', 'person.firstNames', HTML, 'invalid_name', 'letters'),
    refusedField('SQL injection in the measure', 'measure', "probation' --", 'invalid_value', 'measure'),
    refusedField(
      'SQL injection in the prison id',
      'prisonId',
      "PRISON-X' OR 1=1",
      'prison_unknown',
      'prison',
    ),
    {
      name: 'SQL injection in the acknowledgement note (stored verbatim)',
      as: 'assistant.tournai',
      request: { method: 'POST', path: '/api/mandates/{guidanceMandateId}/acknowledge', body: { note: SQL } },
      expect: { status: 200 },
      roundTrip: {
        sql: 'SELECT ack_note AS v FROM mandates WHERE id = ?',
        params: ['{guidanceMandateId}'],
        value: SQL,
      },
    },
    {
      name: 'HTML injection in a report text (stored verbatim)',
      as: 'assistant.tournai',
      request: {
        method: 'POST',
        path: '/api/mandates/{guidanceMandateId}/report',
        body: { outcome: 'guidance_started', text: HTML },
      },
      expect: { status: 200 },
      roundTrip: { path: '/api/mandates/{guidanceMandateId}', pointer: 'report.text', value: HTML },
    },
    {
      name: 'SQL injection in an API token label (stored verbatim)',
      as: 'analyst',
      request: { method: 'POST', path: '/api/tokens', body: { label: SQL } },
      expect: { status: 201 },
      roundTrip: { path: '/api/tokens', pointer: `[label=${SQL}].label`, value: SQL, readAs: 'analyst' },
    },
    {
      name: 'HTML injection in the X-Justification header (audited verbatim)',
      as: 'clerk.mons',
      request: { method: 'GET', path: '/api/decisions/{decisionId}', headers: justified(HTML_IMG) },
      expect: { status: 200 },
      roundTrip: {
        path: '/api/audit?limit=500',
        pointer: `items[justification=${HTML_IMG}].justification`,
        value: HTML_IMG,
      },
    },
    {
      name: 'SQL injection as login user name (refused, audited verbatim)',
      as: 'anonymous',
      request: { method: 'POST', path: '/api/auth/login', body: { user: SQL_OR, password: SQL_OR } },
      expect: { status: 401, code: 'login_failed', detailIncludes: 'user name or password' },
      roundTrip: {
        sql: "SELECT user_name AS v FROM audit_log WHERE action = 'auth.login' AND user_name = ?",
        params: [SQL_OR],
        value: SQL_OR,
      },
    },
    {
      name: 'SQL injection in the municipality search (answers nothing)',
      request: { method: 'GET', path: `/api/municipalities?q=${encodeURIComponent("' OR 1=1 --")}` },
      expect: { status: 200 },
    },
    {
      name: 'SQL injection in the agency search (answers nothing)',
      request: {
        method: 'GET',
        path: `/api/agencies?q=${encodeURIComponent("%' UNION SELECT * FROM users --")}`,
      },
      expect: { status: 200 },
    },
    {
      name: 'SQL injection in the audit filter',
      as: 'admin',
      request: { method: 'GET', path: `/api/audit?user=${encodeURIComponent("admin' OR '1'='1")}` },
      expect: { status: 200 },
    },
    {
      name: 'SQL injection in the paging cursor',
      as: 'clerk.mons',
      request: {
        method: 'GET',
        path: `/api/decisions?cursor=${encodeURIComponent('1; DROP TABLE decisions')}`,
      },
      expect: { status: 400, detailIncludes: 'cursor' },
    },
    {
      name: 'SQL injection in a mandate recipient',
      as: 'clerk.mons',
      request: {
        method: 'POST',
        path: '/api/mandates',
        body: { decisionId: '{decisionId}', kind: 'guidance', recipientId: "MJ-TOURNAI' OR '1'='1" },
      },
      expect: { status: 400, detailIncludes: 'recipient' },
    },
    {
      name: 'HTML injection in a callback URL',
      as: 'agent.comines',
      request: {
        method: 'POST',
        path: '/api/mandates/{policeMandateId}/callbacks',
        body: { url: 'javascript:alert(1)//<script>' },
      },
      expect: { status: 400, detailIncludes: 'http' },
    },
    {
      name: 'callback URL carrying credentials',
      as: 'agent.comines',
      request: {
        method: 'POST',
        path: '/api/mandates/{policeMandateId}/callbacks',
        body: { url: 'https://user:secret@n8n.example/webhook' },
      },
      expect: { status: 400, detailIncludes: 'credentials' },
    },
  ];
}

// ---- path traversal --------------------------------------------------------------------------

function traversalCases(): BadInputCase[] {
  const get = (name: string, path: string, status: number, detail: string, as = 'admin'): BadInputCase => ({
    name: `path traversal: ${name}`,
    as,
    request: { method: 'GET', path },
    expect: { status, detailIncludes: detail },
  });
  return [
    {
      name: 'path traversal: multipart file name ../../etc/passwd (accepted, name neutralised)',
      request: multipartUpload([
        { name: 'decision', value: JSON.stringify(cominesDecision('ADV-TRAVERSAL-1')) },
        { name: 'document', value: pdf, fileName: '../../etc/passwd', type: 'application/pdf' },
      ]),
      expect: { status: 201 },
      roundTrip: {
        path: '/api/decisions?limit=500',
        pointer: 'items[reference=ADV-TRAVERSAL-1].reference',
        value: 'ADV-TRAVERSAL-1',
      },
    },
    {
      name: 'path traversal: JSON document file name with backslashes (accepted, name neutralised)',
      request: postDecision({
        decision: cominesDecision('ADV-TRAVERSAL-2'),
        document: { fileName: '..\\..\\windows\\win.ini', contentBase64: pdf.toString('base64') },
      }),
      expect: { status: 201 },
      roundTrip: {
        path: '/api/decisions?limit=500',
        pointer: 'items[reference=ADV-TRAVERSAL-2].reference',
        value: 'ADV-TRAVERSAL-2',
      },
    },
    get('decision id ..%2F..%2Fetc%2Fpasswd', '/api/decisions/..%2F..%2Fetc%2Fpasswd', 400, 'id'),
    get(
      'decision document id with encoded dots',
      '/api/decisions/%2e%2e%2f%2e%2e%2fplatform.sqlite/document',
      400,
      'id',
    ),
    get('mandate id ..%2F..', '/api/mandates/..%2F..%2Fplatform.sqlite', 400, 'id'),
    get('signalement id ..%2F..', '/api/signalements/..%2F..%2Fetc%2Fpasswd', 400, 'id'),
    get('routing table province ..%2F', '/api/routing/tables/..%2F..%2FBE-WHT', 400, 'province'),
    get('model id with traversal', '/api/models/..%2F..%2Fetc%2Fpasswd/xml', 404, 'passwd', 'analyst'),
    get('raw ../ in the API path', '/api/../../../etc/passwd', 404, 'not part of the API'),
    {
      name: 'path traversal: encoded ../ outside the web root (the UI page, never the file)',
      as: 'anonymous',
      request: { method: 'GET', path: '/%2e%2e/%2e%2e/%2e%2e/etc/passwd' },
      expect: { status: 200, textIncludes: '<title>iplus</title>', textExcludes: 'root:' },
    },
    {
      name: 'path traversal: raw ../ to a static file outside the web root',
      as: 'anonymous',
      request: { method: 'GET', path: '/../../../../etc/passwd' },
      expect: { status: 200, textIncludes: '<title>iplus</title>', textExcludes: 'root:' },
    },
    get(
      'operations path escaping v2',
      '/api/operations/v2/..%2F..%2Factuator',
      403,
      'not available',
      'analyst',
    ),
  ];
}

// ---- wrong content types -----------------------------------------------------------------------

function contentTypeCases(): BadInputCase[] {
  const unsupported = (
    name: string,
    path: string,
    contentType: string,
    body: string,
    as = 'clerk.mons',
    method = 'POST',
  ): BadInputCase => ({
    name: `content type: ${name}`,
    as,
    request: { method, path, headers: { 'content-type': contentType }, body },
    expect: { status: 415, code: 'unsupported_media_type', detailIncludes: contentType.split(';')[0]! },
  });
  return [
    unsupported(
      'text/plain decision upload',
      '/api/decisions',
      'text/plain',
      JSON.stringify(jsonUpload(cominesDecision(ref()))),
    ),
    unsupported('application/xml mandate', '/api/mandates', 'application/xml', '<mandate kind="guidance"/>'),
    unsupported(
      'form-urlencoded login',
      '/api/auth/login',
      'application/x-www-form-urlencoded',
      'user=admin&password=x',
      'anonymous',
    ),
    unsupported(
      'raw XML routing table',
      '/api/routing/tables/BE-WHT',
      'application/xml',
      dmn(''),
      'coord.hainaut',
      'PUT',
    ),
    unsupported('application/pdf upload', '/api/decisions', 'application/pdf', pdf.toString('latin1')),
    {
      name: 'content type: multipart without a boundary',
      request: {
        method: 'POST',
        path: '/api/decisions',
        headers: { 'content-type': 'multipart/form-data' },
        body: 'x',
      },
      expect: { status: 400, detailIncludes: 'boundary' },
    },
    {
      name: 'content type: multipart sent to a JSON-only route',
      request: {
        method: 'POST',
        path: '/api/mandates',
        ...multipart([
          { name: 'decisionId', value: '{decisionId}' },
          { name: 'kind', value: 'guidance' },
        ]),
      },
      expect: { status: 415, code: 'unsupported_media_type', detailIncludes: 'multipart' },
    },
    {
      name: 'content type: JSON body without a content type',
      request: {
        method: 'POST',
        path: '/api/mandates',
        headers: { 'content-type': '' },
        body: '{"decisionId":"{decisionId}","kind":"guidance"}',
      },
      expect: { status: 415, code: 'unsupported_media_type', detailIncludes: 'content' },
    },
  ];
}

// ---- other field rules at the edges of the domain ----------------------------------------------

function domainCases(): BadInputCase[] {
  return [
    refusedField('decision date in the future', 'decisionDate', '2999-01-01', 'date_in_future', 'future'),
    refusedField(
      'decision date that does not exist',
      'decisionDate',
      '2026-02-30',
      'invalid_date',
      'decisionDate',
    ),
    refusedField('birth date in 1850', 'person.birthDate', '1850-07-30', 'date_too_old', 'birthDate'),
    refusedField('an unknown measure', 'measure', 'house_arrest', 'invalid_value', 'measure'),
    refusedField('an unknown authority', 'authority', 'king', 'invalid_value', 'authority'),
    refusedField(
      'an unknown general condition',
      'conditions.general',
      ['no_new_offences', 'be_nice'],
      'invalid_value',
      'general',
    ),
    refusedField(
      'a repeated general condition',
      'conditions.general',
      ['fixed_address', 'fixed_address'],
      'duplicate_value',
      'general',
    ),
    refusedField('an unknown prison', 'prisonId', 'PRISON-ATLANTIS', 'prison_unknown', 'prison'),
    refusedField(
      'electronic monitoring flag contradicting the measure',
      'measure',
      'electronic_monitoring',
      'electronic_monitoring_inconsistent',
      'electronicMonitoring',
    ),
    {
      name: 'mandate with an unknown kind',
      request: {
        method: 'POST',
        path: '/api/mandates',
        body: { decisionId: '{decisionId}', kind: 'surveillance' },
      },
      expect: { status: 400, code: 'validation_failed', errorCode: 'invalid_value', detailIncludes: 'kind' },
    },
    {
      name: 'mandate with a deadline that is not a duration',
      request: {
        method: 'POST',
        path: '/api/mandates',
        body: { decisionId: '{decisionId}', kind: 'guidance', deadline: 'tomorrow' },
      },
      expect: { status: 400, detailIncludes: 'deadline' },
    },
    {
      name: 'report with an unknown outcome',
      as: 'agent.comines',
      request: {
        method: 'POST',
        path: '/api/mandates/{policeMandateId}/report',
        body: { outcome: 'all_good' },
      },
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'invalid_value',
        detailIncludes: 'outcome',
      },
    },
    {
      name: 'paging limit above the maximum',
      request: { method: 'GET', path: '/api/decisions?limit=100000' },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'limit' },
    },
    {
      name: 'unknown query parameter',
      request: { method: 'GET', path: '/api/decisions?status=routed&where=1%3D1' },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'where' },
    },
    {
      name: 'token with an expiry that is not a date',
      as: 'analyst',
      request: { method: 'POST', path: '/api/tokens', body: { label: 'x', expiresAt: 'never' } },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'expiresAt' },
    },
    {
      name: 'user with a short password',
      as: 'admin',
      request: {
        method: 'POST',
        path: '/api/users',
        body: { name: 'new.user', password: 'short', role: 'analyst', agencyId: 'IPLUS' },
      },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'password' },
    },
    {
      name: 'user with an unknown agency',
      as: 'admin',
      request: {
        method: 'POST',
        path: '/api/users',
        body: {
          name: 'new.user',
          password: 'long-enough-password',
          role: 'police_agent',
          agencyId: "PZ-0000' --",
        },
      },
      expect: {
        status: 400,
        code: 'validation_failed',
        errorCode: 'unknown_agency',
        detailIncludes: 'not known',
      },
    },
    {
      name: 'user with a role that does not exist',
      as: 'admin',
      request: {
        method: 'POST',
        path: '/api/users',
        body: { name: 'root', password: 'long-enough-password', role: 'superuser', agencyId: 'IPLUS' },
      },
      expect: { status: 400, code: 'validation_failed', errorCode: 'invalid_value', detailIncludes: 'role' },
    },
    {
      name: 'rollout for a province that does not exist',
      as: 'admin',
      request: { method: 'PUT', path: '/api/routing/rollout', body: { province: 'BE-XXX', live: true } },
      expect: { status: 400, detailIncludes: 'BE-XXX' },
    },
    {
      name: 'rollout with live as text',
      as: 'coord.hainaut',
      request: {
        method: 'PUT',
        path: '/api/routing/rollout',
        body: { province: 'BE-WHT', live: 'yes please' },
      },
      expect: { status: 400, code: 'validation_failed', detailIncludes: 'live' },
    },
    {
      name: 'same reference, different content',
      request: postDecision(jsonUpload(cominesDecision('TAP-MONS-2026-000123', { court: 'Another court' }))),
      expect: { status: 409, code: 'reference_conflict', detailIncludes: 'new reference' },
    },
  ];
}

/** The whole catalogue, in the order it runs. */
export const BAD_INPUTS: BadInputCase[] = [
  ...hostileXmlCases(),
  ...shapeCases(),
  ...nrnCases(),
  ...municipalityCases(),
  ...documentCases(),
  ...unicodeCases(),
  ...injectionCases(),
  ...traversalCases(),
  ...contentTypeCases(),
  ...domainCases(),
];
