import {
  address,
  addressList,
  databaseUrl,
  duration,
  host,
  integer,
  matching,
  oneOf,
  port,
  secret,
  text,
  url,
  type Variable,
} from './variable';

/**
 * Every environment variable iplus reads, in one place. `iplus config` prints this table and the
 * README lists it. Defaults run the whole platform on one machine with no setup.
 */
export const schema = {
  dataDir: text(
    'IPLUS_DATA_DIR',
    './data',
    'Folder for the databases, decision documents and demo credentials.',
  ),
  databaseUrl: databaseUrl(
    'IPLUS_DATABASE_URL',
    "PostgreSQL for the platform's state (postgres://user:password@host:port/db, C collation); empty keeps SQLite in IPLUS_DATA_DIR.",
  ),
  engine: oneOf(
    'IPLUS_ENGINE',
    ['embedded', 'external'] as const,
    'embedded',
    'embedded runs our Zeebe-compatible engine in-process; external uses the cluster at ZEEBE_ADDRESS.',
  ),
  gatewayHost: host(
    'IPLUS_GATEWAY_HOST',
    '127.0.0.1',
    'Interface the embedded engine serves the Zeebe gateway gRPC API on.',
  ),
  gatewayPort: port('IPLUS_GATEWAY_PORT', '26500', "Port of the embedded engine's Zeebe gateway gRPC API."),
  engineRestPort: port(
    'IPLUS_ENGINE_REST_PORT',
    '8089',
    "Port of the embedded engine's Camunda v2 REST read API.",
  ),
  zeebeAddress: address(
    'ZEEBE_ADDRESS',
    '',
    "Zeebe gateway the platform connects to; empty means the embedded engine's gateway.",
  ),
  camundaRestAddress: url(
    'CAMUNDA_REST_ADDRESS',
    '',
    "Camunda v2 REST API the operations view reads; empty means the embedded engine's.",
  ),
  engineClientId: text(
    'IPLUS_ENGINE_CLIENT_ID',
    'iplus-platform',
    'Client id the embedded engine accepts with Basic credentials (with IPLUS_ENGINE_CLIENT_SECRET).',
  ),
  engineClientSecret: secret(
    'IPLUS_ENGINE_CLIENT_SECRET',
    'Basic secret the engine accepts; empty: iplus start generates one (engine-client-secret in the data folder, 0600), iplus engine needs it or OAuth.',
  ),
  engineOauthIssuer: url(
    'IPLUS_ENGINE_OAUTH_ISSUER',
    '',
    'OAuth issuer whose client-credentials tokens (JWT) the engine accepts (with IPLUS_ENGINE_OAUTH_AUDIENCE).',
  ),
  engineOauthAudience: text(
    'IPLUS_ENGINE_OAUTH_AUDIENCE',
    '',
    'Audience (aud) a bearer token must name for the engine to accept it.',
  ),
  engineOauthJwksUrl: url(
    'IPLUS_ENGINE_OAUTH_JWKS_URL',
    '',
    "The issuer's signing keys (JWKS); empty means the jwks_uri of its OpenID discovery document.",
  ),
  zeebeClientId: text(
    'ZEEBE_CLIENT_ID',
    '',
    'OAuth client id the platform requests engine tokens with (with ZEEBE_AUTHORIZATION_SERVER_URL).',
  ),
  zeebeClientSecret: secret('ZEEBE_CLIENT_SECRET', 'OAuth client secret of ZEEBE_CLIENT_ID.'),
  zeebeAuthorizationServerUrl: url(
    'ZEEBE_AUTHORIZATION_SERVER_URL',
    '',
    "OAuth token endpoint; set: the platform's Zeebe and REST clients send client-credentials tokens.",
  ),
  zeebeTokenAudience: text(
    'ZEEBE_TOKEN_AUDIENCE',
    '',
    'Audience of the tokens the platform requests (one for the gateway and the REST API, as in Camunda 8.8).',
  ),
  zeebeTokenScope: text('ZEEBE_TOKEN_SCOPE', '', 'Scope of the tokens the platform requests; empty: none.'),
  camundaBasicAuthUsername: text(
    'CAMUNDA_BASIC_AUTH_USERNAME',
    '',
    'Basic credentials of the platform for an external engine (Camunda 8.8 Basic, or iplus engine).',
  ),
  camundaBasicAuthPassword: secret('CAMUNDA_BASIC_AUTH_PASSWORD', 'Password of CAMUNDA_BASIC_AUTH_USERNAME.'),
  zeebeSecureConnection: oneOf(
    'ZEEBE_SECURE_CONNECTION',
    ['false', 'true'] as const,
    'false',
    'true: the platform reaches the Zeebe gateway over TLS.',
  ),
  zeebeCaCertificatePath: text(
    'ZEEBE_CA_CERTIFICATE_PATH',
    '',
    "PEM file the gateway's TLS certificate must chain to; empty: the system's CAs.",
  ),
  httpHost: host('IPLUS_HTTP_HOST', '127.0.0.1', 'Interface the HTTP API and web UI listen on.'),
  httpPort: port('IPLUS_HTTP_PORT', '8080', 'Port of the HTTP API and web UI.'),
  logLevel: oneOf(
    'IPLUS_LOG_LEVEL',
    ['error', 'warn', 'info', 'debug'] as const,
    'info',
    'Least severe log level printed.',
  ),
  logFormat: oneOf(
    'IPLUS_LOG_FORMAT',
    ['text', 'json'] as const,
    'text',
    'text: one readable line per event; json: one JSON object per line (time, level, source, msg, requestId).',
  ),
  metricsToken: secret(
    'IPLUS_METRICS_TOKEN',
    'Bearer token Prometheus sends to read /metrics; empty turns /metrics off.',
  ),
  demo: oneOf(
    'IPLUS_DEMO',
    ['auto', 'on', 'off'] as const,
    'auto',
    'Seed demo users and tokens: auto does so only on an empty data folder.',
  ),
  env: oneOf(
    'IPLUS_ENV',
    ['development', 'production'] as const,
    'development',
    'production refuses to start while demo accounts exist or IPLUS_DEMO would seed them.',
  ),
  trustProxy: addressList(
    'IPLUS_TRUST_PROXY',
    '',
    'Reverse proxies whose X-Forwarded-For/-Proto are believed (login throttling by client address).',
  ),
  demoRollout: oneOf(
    'IPLUS_DEMO_ROLLOUT',
    ['article', 'initial'] as const,
    'article',
    'Rollout the demo starts at: article (7 provinces live, Antwerp and Limburg planned) or initial (Hainaut only).',
  ),
  ackDeadline: duration(
    'IPLUS_ACK_DEADLINE',
    'PT24H',
    'Time a recipient has to acknowledge a mandate before it escalates.',
  ),
  reminderCycle: matching(
    'IPLUS_REMINDER_CYCLE',
    'R/PT24H',
    'an ISO 8601 repeating interval R/<duration> or R<n>/<duration> in weeks, days, hours, minutes, such as R/PT24H',
    /^R\d*\/P(?=\d|T\d)(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/,
    'After a mandate escalates, how often its recipient is reminded until someone acknowledges it.',
  ),
  reportDeadlines: matching(
    'IPLUS_REPORT_DEADLINES',
    'police_check=P14D,guidance=P30D,monitoring=P7D',
    'kind=duration pairs, comma-separated, such as police_check=P14D,guidance=P30D',
    /^\s*(?:police_check|guidance|monitoring)=P[0-9WDTHMS]+(?:\s*,\s*(?:police_check|guidance|monitoring)=P[0-9WDTHMS]+)*\s*$/,
    'Time a recipient has to report after acknowledging a mandate, per mandate kind.',
  ),
  guidanceReportPeriods: matching(
    'IPLUS_GUIDANCE_REPORT_PERIODS',
    'P90D',
    'a duration, then measure=duration overrides, such as P90D,probation=P30D',
    /^\s*P[0-9WDTHMS]+(?:\s*,\s*[a-z_]+=P[0-9WDTHMS]+)*\s*$/,
    'Period of the periodic reports a guidance mandate asks for until the measure ends (per measure).',
  ),
  maxDocumentBytes: integer(
    'IPLUS_MAX_DOCUMENT_BYTES',
    '10485760',
    1024,
    1073741824,
    'Largest decision PDF accepted, in bytes.',
  ),
  bngAdapter: oneOf(
    'IPLUS_BNG_ADAPTER',
    ['register', 'http'] as const,
    'register',
    "register keeps signalements in the platform's own register; http sends them to IPLUS_BNG_URL.",
  ),
  bngUrl: url('IPLUS_BNG_URL', '', 'Base URL of the external BNG endpoint (IPLUS_BNG_ADAPTER=http).'),
  bngTimeoutMs: integer(
    'IPLUS_BNG_TIMEOUT_MS',
    '5000',
    100,
    120000,
    'Timeout of one call to the external BNG endpoint.',
  ),
  callbackAllow: text(
    'IPLUS_CALLBACK_ALLOW',
    '',
    'Comma-separated hosts, addresses or CIDR ranges mandate callbacks may reach although loopback, link-local or private.',
  ),
  auditKeyFile: text(
    'IPLUS_AUDIT_KEY_FILE',
    '',
    "File with the audit chain's HMAC key (base64, 32 bytes); empty means <data>/platform/audit.key, created on first start.",
  ),
  auditAnchorFile: text(
    'IPLUS_AUDIT_ANCHOR_FILE',
    '',
    "Signed checkpoint of the audit chain's head, best on other storage; empty means <data>/platform/audit-anchor.json.",
  ),
  auditCheckInterval: duration(
    'IPLUS_AUDIT_CHECK_INTERVAL',
    'PT1H',
    'How often the whole audit chain is verified and its head anchored (also at start and on GET /api/audit/verify).',
  ),
  smtpHost: text(
    'IPLUS_SMTP_HOST',
    '',
    'SMTP relay that e-mails escalations, breaches, revocations and measure ends to agencies; empty turns e-mail off.',
  ),
  smtpPort: port('IPLUS_SMTP_PORT', '587', 'Port of the SMTP relay (587 with STARTTLS, 465 with TLS).'),
  smtpTls: oneOf(
    'IPLUS_SMTP_TLS',
    ['starttls', 'tls', 'none'] as const,
    'starttls',
    'starttls requires the upgrade, tls speaks TLS from the first byte, none sends in clear (a relay on this machine only).',
  ),
  smtpUser: text('IPLUS_SMTP_USER', '', 'User the platform logs in to the SMTP relay with; empty: no login.'),
  smtpPassword: secret('IPLUS_SMTP_PASSWORD', 'Password of IPLUS_SMTP_USER.'),
  smtpFrom: text(
    'IPLUS_SMTP_FROM',
    'I+ <noreply@iplus.invalid>',
    'From: address of the e-mails the platform sends.',
  ),
  publicUrl: url(
    'IPLUS_PUBLIC_URL',
    '',
    "The web UI's address as recipients reach it, for the links in e-mails and webhooks; empty: this platform's own URL.",
  ),
  messageRetryFirst: duration(
    'IPLUS_MESSAGE_RETRY_FIRST',
    'PT30S',
    'Wait before retrying an e-mail or webhook that failed; doubled after each further failure.',
  ),
  messageRetryMax: duration(
    'IPLUS_MESSAGE_RETRY_MAX',
    'PT30M',
    'Longest wait between two attempts of one message.',
  ),
  messageGiveUp: duration(
    'IPLUS_MESSAGE_GIVE_UP',
    'P2D',
    'A message not delivered this long after its event is given up (and shown so to admins).',
  ),
  pseudonymKeyFile: text(
    'IPLUS_PSEUDONYM_KEY_FILE',
    '',
    "File with the key of people's pseudonyms in the audit trail of erased cases (base64, 32 bytes); keep it apart from the data; empty means <data>/platform/pseudonym.key.",
  ),
  retentionCase: duration(
    'IPLUS_RETENTION_CASE',
    'P730D',
    "How long a case's data and documents are kept after the case ended (docs/DATA-PROTECTION.md).",
  ),
  retentionEngine: duration(
    'IPLUS_RETENTION_ENGINE',
    'P30D',
    "How long the engine keeps a case's finished process instances and variables after the case ended.",
  ),
  retentionOutbox: duration(
    'IPLUS_RETENTION_OUTBOX',
    'P30D',
    'How long outbox items (process starts, messages, callbacks) are kept once carried out or given up.',
  ),
  retentionSessions: duration('IPLUS_RETENTION_SESSIONS', 'P1D', 'How long expired sessions are kept.'),
  retentionTokens: duration(
    'IPLUS_RETENTION_TOKENS',
    'P90D',
    'How long API tokens are kept after they expired or were revoked.',
  ),
  adminToken: secret(
    'IPLUS_ADMIN_TOKEN',
    "An admin's API token that iplus purge sends to the running platform (only that command reads it).",
  ),
  retentionPurgeInterval: duration(
    'IPLUS_RETENTION_PURGE_INTERVAL',
    'P1D',
    'How often the retention purge runs (also on demand: iplus purge, POST /api/admin/purge).',
  ),
  modelReview: oneOf(
    'IPLUS_MODEL_REVIEW',
    ['four-eyes', 'off'] as const,
    'four-eyes',
    'four-eyes: a model goes live once a second analyst or an admin approves its draft; off (test environments): its author may.',
  ),
  modelsDir: text(
    'IPLUS_MODELS_DIR',
    '',
    "Folder of the process models (*.bpmn) and routing tables (routing/*.dmn) seeded at start; empty means the repository's bpmn/.",
  ),
} satisfies Record<string, Variable<unknown>>;

export type Schema = typeof schema;
export type Config = { [K in keyof Schema]: Schema[K] extends Variable<infer T> ? T : never };
