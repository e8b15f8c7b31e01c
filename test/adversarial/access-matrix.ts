import { cominesDecision, jsonUpload } from '../../platform/src/__fixtures__/sample-decision';
import type { RawRequest } from './support/adversarial-platform';

/**
 * The access matrix of issue 8: every role against every endpoint, for an object of its own agency
 * (the Comines-Warneton case of Hainaut) and of a foreign one (a Gent case of East Flanders), with
 * the status each must get. Read with docs/API-CONTRACT.md, "Roles and agencies".
 */
export const ROLES = [
  'parquet_clerk',
  'police_agent',
  'justice_assistant',
  'monitoring_operator',
  'prison_officer',
  'coordinator',
  'analyst',
  'admin',
  'auditor',
  'anonymous',
] as const;
export type MatrixRole = (typeof ROLES)[number];

/** The demo user acting in each role (Hainaut; the foreign agencies are in East Flanders). */
export const ROLE_USERS: Record<MatrixRole, string> = {
  parquet_clerk: 'clerk.mons',
  police_agent: 'agent.comines',
  justice_assistant: 'assistant.tournai',
  monitoring_operator: 'operator.cse',
  prison_officer: 'officer.tournai',
  coordinator: 'coord.hainaut',
  analyst: 'analyst',
  admin: 'admin',
  auditor: 'auditor',
  anonymous: 'anonymous',
};

export type Scope = 'own' | 'foreign';

/** The objects of one side (own: Hainaut; foreign: East Flanders), made by the test's setup. */
export interface Side {
  decisionId: string;
  signalementId: string;
  mandates: { police_check: string; guidance: string; monitoring: string };
  notificationId: string;
  province: string;
  tableXml: string;
  tests: unknown[];
}

/** What a request builder may use. */
export interface World {
  own: Side;
  foreign: Side;
  /** A bpmnProcessId deployed on the engine. */
  processId: string;
  /** Issues a fresh API token for a user (through the API) and returns its id. */
  freshTokenOf(user: string): Promise<string>;
  /** A demo user's password. */
  passwordOf(user: string): string;
  /** Creates a throw-away analyst account (through the API, as admin) and returns its name. */
  freshUser(): Promise<string>;
  /** A value unique within the run. */
  unique(): string;
}

/** A status for every role: one number, or [own, foreign] when the object's agency matters. */
type Expect = Record<MatrixRole, number | [number, number]>;

export interface Endpoint {
  method: string;
  /** The path as OpenAPI writes it (`/api/decisions/{id}`). */
  path: string;
  /** Whether it reads personal data: every such read, allowed or denied, must leave an audit entry. */
  personalRead?: boolean;
  /** The object the audit entry must name (any of them, when a list). */
  auditObject?: (side: Side, role: MatrixRole) => string | string[];
  request(world: World, side: Side, role: MatrixRole): RawRequest | Promise<RawRequest>;
  expect: Expect;
}

/**
 * Every authenticated role gets `status`; anonymous 401; `overrides` per role. The auditor gets 403
 * unless an override says otherwise: it reaches the audit log, the access reports and its own
 * session and tokens only (platform/src/http/auditor-fence.ts).
 */
function roles(status: number | [number, number], overrides: Partial<Expect> = {}): Expect {
  const e = Object.fromEntries(ROLES.map((r) => [r, status])) as Expect;
  e.anonymous = 401;
  e.auditor = 403;
  return { ...e, ...overrides };
}
/** Only the roles listed get their status; every other authenticated role 403, anonymous 401. */
function only(allowed: Partial<Expect>): Expect {
  return roles(403, allowed);
}

/** The mandate a role acts on: the one addressed to its agency kind (police check otherwise). */
export function mandateOf(side: Side, role: MatrixRole): string {
  if (role === 'justice_assistant') return side.mandates.guidance;
  if (role === 'monitoring_operator') return side.mandates.monitoring;
  return side.mandates.police_check;
}

/** The same report each time, so repeating it is idempotent (a different one would be 409). */
export function reportFor(mandateId: string): { outcome: string; text: string } {
  if (mandateId.endsWith('-POL')) return { outcome: 'address_not_verified', text: 'nobody at the address' };
  if (mandateId.endsWith('-JH')) return { outcome: 'guidance_started', text: 'first meeting held' };
  return { outcome: 'interview_held', text: 'ankle monitor fitted' };
}

const get = (path: string): RawRequest => ({ method: 'GET', path });
const VALID_BPMN = (id: string) =>
  `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://iplus.example/m">` +
  `<process id="${id}" isExecutable="true"><startEvent id="s" name="Start"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e" name="End"/></process></definitions>`;

/** A key no task, process definition or instance of the engine has. */
const UNKNOWN_KEY = '2251799813999999';

const recipientsOwn: Partial<Expect> = {
  police_agent: [200, 403],
  justice_assistant: [200, 403],
  monitoring_operator: [200, 403],
};

export const ENDPOINTS: Endpoint[] = [
  // service (public)
  {
    method: 'GET',
    path: '/health',
    request: () => get('/health'),
    expect: { ...roles(200), anonymous: 200, auditor: 200 },
  },
  {
    method: 'GET',
    path: '/ready',
    request: () => get('/ready'),
    expect: { ...roles(200), anonymous: 200, auditor: 200 },
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    request: () => get('/api/openapi.json'),
    expect: { ...roles(200), anonymous: 200, auditor: 200 },
  },
  // access
  {
    method: 'POST',
    path: '/api/auth/login',
    // Public: the bearer token sent along changes nothing; each logs in as its own user.
    request: (w, _s, r) => {
      const user = r === 'anonymous' ? 'clerk.mons' : ROLE_USERS[r];
      return { method: 'POST', path: '/api/auth/login', body: { user, password: w.passwordOf(user) } };
    },
    expect: { ...roles(200), anonymous: 200, auditor: 200 },
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    request: () => ({ method: 'POST', path: '/api/auth/logout' }),
    expect: roles(204, { auditor: 204 }),
  },
  {
    method: 'GET',
    path: '/api/whoami',
    request: () => get('/api/whoami'),
    expect: roles(200, { auditor: 200 }),
  },
  {
    method: 'GET',
    path: '/api/tokens',
    request: () => get('/api/tokens'),
    expect: roles(200, { auditor: 200 }),
  },
  {
    method: 'POST',
    path: '/api/tokens',
    request: (w) => ({ method: 'POST', path: '/api/tokens', body: { label: `matrix ${w.unique()}` } }),
    expect: roles(201, { auditor: 201 }),
  },
  {
    method: 'DELETE',
    path: '/api/tokens/{id}',
    // own: a token of the caller; foreign: a token of a Gent clerk.
    request: async (w, side, role) => ({
      method: 'DELETE',
      path: `/api/tokens/${await w.freshTokenOf(side === w.own ? (role === 'anonymous' ? 'clerk.mons' : ROLE_USERS[role]) : 'clerk.gent')}`,
    }),
    expect: roles([204, 404], { admin: 204, auditor: [204, 404] }),
  },
  { method: 'GET', path: '/api/users', request: () => get('/api/users'), expect: only({ admin: 200 }) },
  {
    method: 'POST',
    path: '/api/users',
    request: (w) => ({
      method: 'POST',
      path: '/api/users',
      body: {
        name: `matrix.${w.unique()}`,
        password: 'a-long-enough-password',
        role: 'analyst',
        agencyId: 'IPLUS',
      },
    }),
    expect: only({ admin: 201 }),
  },
  // account management (issue 12): admins act on a throw-away account, everyone else is refused first
  {
    method: 'PATCH',
    path: '/api/users/{name}',
    request: async (w, _side, role) => ({
      method: 'PATCH',
      path: `/api/users/${role === 'admin' ? await w.freshUser() : 'clerk.gent'}`,
      body: { disabled: true },
    }),
    expect: only({ admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/users/{name}/password',
    request: async (w, _side, role) => ({
      method: 'POST',
      path: `/api/users/${role === 'admin' ? await w.freshUser() : 'clerk.gent'}/password`,
      body: { password: 'a-new-long-enough-password' },
    }),
    expect: only({ admin: 204 }),
  },
  {
    method: 'DELETE',
    path: '/api/users/{name}/sessions',
    request: () => ({ method: 'DELETE', path: '/api/users/clerk.gent/sessions' }),
    expect: only({ admin: 200 }),
  },
  // decisions
  {
    method: 'POST',
    path: '/api/decisions',
    request: (w) => ({
      method: 'POST',
      path: '/api/decisions',
      body: jsonUpload(cominesDecision(`MATRIX-${w.unique()}`)),
    }),
    expect: only({ parquet_clerk: 201, admin: 201 }),
  },
  {
    // issue 15: a prison uploads the leave its director grants, for its own prison only
    method: 'POST',
    path: '/api/decisions',
    request: (w, s) => ({
      method: 'POST',
      path: '/api/decisions',
      body: jsonUpload(
        cominesDecision(`MATRIX-LEAVE-${w.unique()}`, {
          authority: 'prison_director',
          court: 'Directeur de la prison',
          measure: 'prison_leave',
          prisonId: s.province === 'BE-WHT' ? 'PRISON-TOURNAI' : 'PRISON-GENT',
        }),
      ),
    }),
    expect: only({ parquet_clerk: 201, prison_officer: [201, 403], admin: 201 }),
  },
  {
    method: 'GET',
    path: '/api/decisions',
    personalRead: true,
    request: () => get('/api/decisions'),
    expect: only({ parquet_clerk: 200, prison_officer: 200, coordinator: 200, admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/decisions/{id}',
    personalRead: true,
    auditObject: (s) => s.decisionId,
    request: (_w, s) => get(`/api/decisions/${s.decisionId}`),
    expect: only({
      parquet_clerk: [200, 403],
      prison_officer: [200, 403],
      coordinator: [200, 403],
      admin: 200,
    }),
  },
  {
    method: 'GET',
    path: '/api/decisions/{id}/document',
    personalRead: true,
    auditObject: (s) => s.decisionId,
    request: (_w, s) => get(`/api/decisions/${s.decisionId}/document`),
    expect: only({
      parquet_clerk: [200, 403],
      prison_officer: [200, 403],
      coordinator: [200, 403],
      admin: 200,
    }),
  },
  // signalements
  {
    method: 'POST',
    path: '/api/signalements',
    request: (_w, s) => ({ method: 'POST', path: '/api/signalements', body: { decisionId: s.decisionId } }),
    expect: only({ parquet_clerk: [200, 403], coordinator: [200, 403], admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/signalements/{id}',
    personalRead: true,
    // An allowed read names the signalement, a denied one the decision (signalements/, reported).
    auditObject: (s) => [s.signalementId, s.decisionId],
    request: (_w, s) => get(`/api/signalements/${s.signalementId}`),
    expect: only({
      parquet_clerk: [200, 403],
      prison_officer: [200, 403],
      coordinator: [200, 403],
      admin: 200,
    }),
  },
  // mandates
  {
    method: 'POST',
    path: '/api/mandates',
    request: (_w, s) => ({
      method: 'POST',
      path: '/api/mandates',
      body: { decisionId: s.decisionId, kind: 'guidance' },
    }),
    expect: only({ parquet_clerk: [201, 403], coordinator: [201, 403], admin: 201 }),
  },
  {
    method: 'GET',
    path: '/api/mandates',
    personalRead: true,
    request: () => get('/api/mandates'),
    expect: only({
      parquet_clerk: 200,
      police_agent: 200,
      justice_assistant: 200,
      monitoring_operator: 200,
      coordinator: 200,
      admin: 200,
    }),
  },
  {
    method: 'GET',
    path: '/api/mandates/changes',
    // no personal data (a position and whether it moved); a denial is audited all the same
    request: () => get('/api/mandates/changes'),
    expect: only({
      parquet_clerk: 200,
      police_agent: 200,
      justice_assistant: 200,
      monitoring_operator: 200,
      coordinator: 200,
      admin: 200,
    }),
  },
  {
    method: 'GET',
    path: '/api/mandates/{id}',
    personalRead: true,
    auditObject: mandateOf,
    request: (_w, s, r) => get(`/api/mandates/${mandateOf(s, r)}`),
    expect: only({ ...recipientsOwn, parquet_clerk: [200, 403], coordinator: [200, 403], admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/mandates/{id}/document',
    personalRead: true,
    auditObject: mandateOf,
    request: (_w, s, r) => get(`/api/mandates/${mandateOf(s, r)}/document`),
    expect: only({ ...recipientsOwn, parquet_clerk: [200, 403], coordinator: [200, 403], admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/mandates/{id}/acknowledge',
    request: (_w, s, r) => ({
      method: 'POST',
      path: `/api/mandates/${mandateOf(s, r)}/acknowledge`,
      body: {},
    }),
    expect: only({ ...recipientsOwn, admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/mandates/{id}/report',
    request: (_w, s, r) => ({
      method: 'POST',
      path: `/api/mandates/${mandateOf(s, r)}/report`,
      body: reportFor(mandateOf(s, r)),
    }),
    expect: only({ ...recipientsOwn, admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/mandates/{id}/callbacks',
    request: (_w, s, r) => ({
      method: 'POST',
      path: `/api/mandates/${mandateOf(s, r)}/callbacks`,
      body: { url: 'http://127.0.0.1:9/matrix-hook' },
    }),
    expect: only({
      police_agent: [201, 403],
      justice_assistant: [201, 403],
      monitoring_operator: [201, 403],
      parquet_clerk: [201, 403],
      coordinator: [201, 403],
      admin: 201,
    }),
  },
  // notifications
  {
    method: 'GET',
    path: '/api/notifications',
    personalRead: true,
    request: () => get('/api/notifications'),
    // recipients read the notifications addressed to their agency (issue 15: a revocation, a closed mandate…)
    expect: only({
      parquet_clerk: 200,
      police_agent: 200,
      justice_assistant: 200,
      monitoring_operator: 200,
      coordinator: 200,
      admin: 200,
    }),
  },
  {
    method: 'POST',
    path: '/api/notifications/{id}/handle',
    request: (_w, s) => ({
      method: 'POST',
      path: `/api/notifications/${s.notificationId}/handle`,
      body: { note: 'seen' },
    }),
    expect: only({ parquet_clerk: [200, 403], coordinator: [200, 403], admin: 200 }),
  },
  // routing
  {
    method: 'GET',
    path: '/api/routing/preview',
    request: () => get('/api/routing/preview?nis=57097&measure=conditional_release'),
    expect: roles(200),
  },
  {
    method: 'GET',
    path: '/api/routing/rollout',
    request: () => get('/api/routing/rollout'),
    expect: roles(200),
  },
  {
    method: 'PUT',
    path: '/api/routing/rollout',
    request: (_w, s) => ({
      method: 'PUT',
      path: '/api/routing/rollout',
      body: { province: s.province, live: true },
    }),
    expect: only({ coordinator: [200, 403], admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/routing/rollout/{province}',
    request: (_w, s) => get(`/api/routing/rollout/${s.province}`),
    expect: roles(200),
  },
  {
    method: 'GET',
    path: '/api/routing/rollout/{province}/readiness',
    request: (_w, s) => get(`/api/routing/rollout/${s.province}/readiness`),
    expect: only({ coordinator: [200, 403], admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/routing/rollout/{province}/old-channel',
    request: (_w, s) => get(`/api/routing/rollout/${s.province}/old-channel`),
    expect: only({ coordinator: [200, 403], admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/routing/rollout/{province}/history',
    request: (_w, s) => get(`/api/routing/rollout/${s.province}/history`),
    expect: roles(200),
  },
  {
    method: 'POST',
    path: '/api/routing/rollout/schedule',
    request: (_w, s) => ({
      method: 'POST',
      path: '/api/routing/rollout/schedule',
      body: { province: s.province, live: true, at: '2099-01-01T06:00:00Z', reason: 'matrix' },
    }),
    expect: only({ coordinator: [201, 403], admin: 201 }),
  },
  {
    method: 'DELETE',
    path: '/api/routing/rollout/schedule/{id}',
    request: () => ({
      method: 'DELETE',
      path: '/api/routing/rollout/schedule/RS-00000000-0000-0000-0000-000000000000',
    }),
    expect: only({ coordinator: 404, admin: 404 }),
  },
  {
    method: 'POST',
    path: '/api/routing/rollout/rollback',
    // a blank reason: refused after the province check, so the matrix switches nothing off
    request: (_w, s) => ({
      method: 'POST',
      path: '/api/routing/rollout/rollback',
      body: { province: s.province, reason: ' ' },
    }),
    expect: only({ coordinator: [400, 403], admin: 400 }),
  },
  {
    method: 'GET',
    path: '/api/routing/tables',
    request: () => get('/api/routing/tables'),
    expect: roles(200),
  },
  {
    method: 'GET',
    path: '/api/routing/tables/{province}',
    request: (_w, s) => get(`/api/routing/tables/${s.province}`),
    expect: roles(200),
  },
  {
    method: 'PUT',
    path: '/api/routing/tables/{province}',
    request: (_w, s) => ({
      method: 'PUT',
      path: `/api/routing/tables/${s.province}`,
      body: { xml: s.tableXml },
    }),
    expect: only({ coordinator: [201, 403], admin: 201 }),
  },
  {
    method: 'GET',
    path: '/api/routing/tables/{province}/versions',
    request: (_w, s) => get(`/api/routing/tables/${s.province}/versions`),
    expect: roles(200),
  },
  {
    method: 'GET',
    path: '/api/routing/tables/{province}/versions/{version}',
    request: (_w, s) => get(`/api/routing/tables/${s.province}/versions/1`),
    expect: roles(200),
  },
  {
    method: 'GET',
    path: '/api/routing/tables/{province}/tests',
    request: (_w, s) => get(`/api/routing/tables/${s.province}/tests`),
    expect: roles(200),
  },
  {
    method: 'PUT',
    path: '/api/routing/tables/{province}/tests',
    request: (_w, s) => ({ method: 'PUT', path: `/api/routing/tables/${s.province}/tests`, body: s.tests }),
    expect: only({ coordinator: [200, 403], admin: 200 }),
  },
  // reference data (no personal data)
  {
    method: 'GET',
    path: '/api/agencies',
    request: () => get('/api/agencies?kind=police_zone'),
    expect: roles(200),
  },
  // where an agency's messages go (admin)
  {
    method: 'GET',
    path: '/api/agencies/{id}/delivery',
    request: (_w, s) => get(`/api/agencies/COORD-${s.province}/delivery`),
    expect: only({ admin: 200 }),
  },
  {
    method: 'PUT',
    path: '/api/agencies/{id}/delivery',
    request: (_w, s) => ({
      method: 'PUT',
      path: `/api/agencies/COORD-${s.province}/delivery`,
      body: { emails: [], language: 'fr' },
    }),
    expect: only({ admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/agencies/{id}/messages',
    request: (_w, s) => get(`/api/agencies/COORD-${s.province}/messages`),
    expect: only({ admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/municipalities',
    request: () => get('/api/municipalities?q=Comines'),
    expect: roles(200),
  },
  {
    method: 'GET',
    path: '/api/reference/coverage',
    request: () => get('/api/reference/coverage'),
    expect: roles(200),
  },
  // human tasks (issue 18): every role has a task list; a task the engine does not know is 404
  { method: 'GET', path: '/api/tasks', request: () => get('/api/tasks'), expect: roles(200) },
  ...(
    [
      ['GET', '/api/tasks/{key}', ''],
      ['POST', '/api/tasks/{key}/claim', '/claim'],
      ['DELETE', '/api/tasks/{key}/assignee', '/assignee'],
      ['POST', '/api/tasks/{key}/completion', '/completion'],
    ] as const
  ).map(
    ([method, path, tail]): Endpoint => ({
      method,
      path,
      request: () => ({
        method,
        path: `/api/tasks/${UNKNOWN_KEY}${tail}`,
        ...(method === 'POST' ? { body: tail === '/completion' ? { variables: {} } : {} } : {}),
      }),
      expect: roles(404),
    }),
  ),
  // the forms of user tasks and the migration of running instances (analyst, admin)
  {
    method: 'GET',
    path: '/api/forms/{formId}',
    request: () => get('/api/forms/matrix-unknown-form'),
    expect: only({ analyst: 404, admin: 404 }),
  },
  {
    method: 'GET',
    path: '/api/migrations/plan',
    request: () => get(`/api/migrations/plan?source=${UNKNOWN_KEY}&target=${UNKNOWN_KEY}1`),
    expect: only({ analyst: 404, admin: 404 }),
  },
  ...(['/api/migrations/preview', '/api/migrations'] as const).map(
    (path): Endpoint => ({
      method: 'POST',
      path,
      request: () => ({
        method: 'POST',
        path,
        body: {
          sourceProcessDefinitionKey: UNKNOWN_KEY,
          targetProcessDefinitionKey: `${UNKNOWN_KEY}1`,
          mapping: [{ sourceElementId: 'a', targetElementId: 'b' }],
        },
      }),
      expect: only({ analyst: 404, admin: 404 }),
    }),
  ),
  // models, operations, statistics
  {
    method: 'GET',
    path: '/api/models',
    request: () => get('/api/models'),
    expect: only({ analyst: 200, coordinator: 200, admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/models/{bpmnProcessId}/xml',
    request: (w) => get(`/api/models/${w.processId}/xml`),
    expect: only({ analyst: 200, coordinator: 200, admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/models',
    request: (w) => ({
      method: 'POST',
      path: '/api/models',
      body: { fileName: 'matrix.bpmn', xml: VALID_BPMN(`matrix-${w.unique()}`) },
    }),
    expect: only({ analyst: 201, admin: 201 }),
  },
  {
    method: 'POST',
    path: '/api/models/lint',
    request: (w) => ({
      method: 'POST',
      path: '/api/models/lint',
      body: { xml: VALID_BPMN(`lint-${w.unique()}`) },
    }),
    expect: only({ analyst: 200, admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/models/drafts',
    request: () => get('/api/models/drafts'),
    expect: only({ analyst: 200, admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/models/drafts',
    request: (w) => ({
      method: 'POST',
      path: '/api/models/drafts',
      body: { fileName: 'matrix-draft.bpmn', xml: VALID_BPMN(`draft-${w.unique()}`) },
    }),
    expect: only({ analyst: 201, admin: 201 }),
  },
  // a draft that does not exist: the role is checked first, then the draft
  {
    method: 'GET',
    path: '/api/models/drafts/{id}',
    request: () => get('/api/models/drafts/MD-999999'),
    expect: only({ analyst: 404, admin: 404 }),
  },
  {
    method: 'PUT',
    path: '/api/models/drafts/{id}',
    request: (w) => ({
      method: 'PUT',
      path: '/api/models/drafts/MD-999999',
      body: { xml: VALID_BPMN(`draft-${w.unique()}`) },
    }),
    expect: only({ analyst: 404, admin: 404 }),
  },
  ...(['submit', 'approve', 'reject'] as const).map(
    (step): Endpoint => ({
      method: 'POST',
      path: `/api/models/drafts/{id}/${step}`,
      request: () => ({ method: 'POST', path: `/api/models/drafts/MD-999999/${step}`, body: {} }),
      expect: only({ analyst: 404, admin: 404 }),
    }),
  ),
  {
    method: 'GET',
    path: '/api/models/conflicts',
    request: () => get('/api/models/conflicts'),
    expect: only({ analyst: 200, admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/models/conflicts/{resourceName}/xml',
    request: () => get('/api/models/conflicts/conditional-release.bpmn/xml'),
    expect: only({ analyst: 200, admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/models/conflicts/{resourceName}/resolution',
    request: () => ({
      method: 'POST',
      path: '/api/models/conflicts/conditional-release.bpmn/resolution',
      body: { choice: 'keep' },
    }),
    expect: only({ analyst: 409, admin: 409 }),
  },
  {
    method: 'POST',
    path: '/api/operations/v2/process-instances/search',
    request: () => ({
      method: 'POST',
      path: '/api/operations/v2/process-instances/search',
      body: { filter: {} },
    }),
    expect: only({ analyst: 200, admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/operations/v2/variables/search',
    request: () => ({ method: 'POST', path: '/api/operations/v2/variables/search', body: { filter: {} } }),
    expect: only({ analyst: 200, admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/stats/timeliness',
    request: () => get('/api/stats/timeliness'),
    expect: only({ analyst: 200, coordinator: 200, admin: 200 }),
  },
  // audit
  {
    method: 'GET',
    path: '/api/audit',
    request: () => get('/api/audit?limit=5'),
    expect: only({ admin: 200, auditor: 200 }),
  },
  {
    method: 'GET',
    path: '/api/audit/verify',
    request: () => get('/api/audit/verify'),
    expect: only({ admin: 200, auditor: 200 }),
  },
  // data protection (issue 16): nothing in the matrix has ended, so the purge erases nothing
  {
    method: 'POST',
    path: '/api/admin/purge',
    request: () => ({ method: 'POST', path: '/api/admin/purge', body: {} }),
    expect: only({ admin: 200 }),
  },
  // the case's life (issue 15); the revocation last, since it ends the own case
  {
    method: 'POST',
    path: '/api/decisions/{id}/revision',
    request: (_w, s) => ({
      method: 'POST',
      path: `/api/decisions/${s.decisionId}/revision`,
      body: { measureEnd: '2099-12-31', reason: 'access matrix' },
    }),
    expect: only({ parquet_clerk: [200, 403], admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/decisions/{id}/moves',
    // the same domicile again: re-routed to the same recipients, nothing closed
    request: (_w, s) => ({
      method: 'POST',
      path: `/api/decisions/${s.decisionId}/moves`,
      body: {
        domicile:
          s.province === 'BE-WHT'
            ? { street: 'Rue de la Gare', number: '12', postalCode: '7780', municipalityNis: '57097' }
            : { street: 'Veldstraat', number: '1', postalCode: '9000', municipalityNis: '44021' },
      },
    }),
    expect: only({ parquet_clerk: [200, 403], police_agent: [202, 403], admin: 200 }),
  },
  {
    method: 'POST',
    path: '/api/decisions/{id}/release',
    // neither case awaits a release: the prison it names gets 409, everyone else 403
    request: (_w, s) => ({
      method: 'POST',
      path: `/api/decisions/${s.decisionId}/release`,
      body: { releasedAt: '2026-12-01T10:00:00Z' },
    }),
    expect: only({ prison_officer: [409, 403], admin: 409 }),
  },
  {
    method: 'POST',
    path: '/api/decisions/{id}/revocation',
    request: (_w, s) => ({
      method: 'POST',
      path: `/api/decisions/${s.decisionId}/revocation`,
      body: { reason: 'access matrix' },
    }),
    // the clerk revokes its own case first: the admin then finds it revoked (409)
    expect: only({ parquet_clerk: [200, 403], admin: [409, 200] }),
  },
  {
    method: 'POST',
    path: '/api/admin/erasures',
    request: () => ({
      method: 'POST',
      path: '/api/admin/erasures',
      body: { decisionId: 'D-999999', justification: 'matrix: a case that does not exist' },
    }),
    expect: only({ admin: 404 }),
  },
  {
    method: 'POST',
    path: '/api/admin/access-reports',
    request: () => ({
      method: 'POST',
      path: '/api/admin/access-reports',
      body: { nrn: '85073003328', justification: 'matrix: access report' },
    }),
    expect: only({ admin: 200, auditor: 200 }),
  },
];

/** The expected status of one cell. */
export function expected(e: Endpoint, role: MatrixRole, scope: Scope): number {
  const s = e.expect[role];
  return Array.isArray(s) ? s[scope === 'own' ? 0 : 1] : s;
}

/** The endpoints whose status may differ between own and foreign objects (run for both). */
export function isScoped(e: Endpoint): boolean {
  return Object.values(e.expect).some((s) => Array.isArray(s));
}
