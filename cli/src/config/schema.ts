import {
  address,
  databaseUrl,
  duration,
  host,
  integer,
  oneOf,
  port,
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
  httpHost: host('IPLUS_HTTP_HOST', '127.0.0.1', 'Interface the HTTP API and web UI listen on.'),
  httpPort: port('IPLUS_HTTP_PORT', '8080', 'Port of the HTTP API and web UI.'),
  logLevel: oneOf(
    'IPLUS_LOG_LEVEL',
    ['error', 'warn', 'info', 'debug'] as const,
    'info',
    'Least severe log level printed.',
  ),
  demo: oneOf(
    'IPLUS_DEMO',
    ['auto', 'on', 'off'] as const,
    'auto',
    'Seed demo users and tokens: auto does so only on an empty data folder.',
  ),
  ackDeadline: duration(
    'IPLUS_ACK_DEADLINE',
    'PT24H',
    'Time a recipient has to acknowledge a mandate before it escalates.',
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
} satisfies Record<string, Variable<unknown>>;

export type Schema = typeof schema;
export type Config = { [K in keyof Schema]: Schema[K] extends Variable<infer T> ? T : never };
