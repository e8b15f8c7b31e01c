import type { Environment } from './auth/demo-guard';
import type { Clock } from './clock';
import type { ChaseSettings } from './domain/follow-up-plan';
import type { Logger } from './logger';
import type { SmtpSettings } from './messages/send-email';
import type { RetentionSettings } from './retention/retention-policy';
import type { EngineConnection } from './zeebe/engine-credentials';

/** What `startPlatform` takes: every setting `iplus config` lists, as the CLI passes them. */
export interface PlatformOptions {
  dataDir: string;
  /** IPLUS_DATABASE_URL: postgres://… keeps every piece of state in PostgreSQL; empty: SQLite in dataDir. */
  databaseUrl?: string;
  httpHost: string;
  httpPort: number;
  /** host:port of the Zeebe gateway (embedded engine or a Camunda 8 cluster). */
  zeebeAddress: string;
  /**
   * How the Zeebe client and the REST client authenticate to the engine (Basic, OAuth client
   * credentials, or none) and whether the gateway is reached over TLS. Default: no credentials.
   */
  engineConnection?: EngineConnection;
  /** Folder of the built web UI, served at `/`; absent means no UI (API only). */
  webRoot?: string;
  /** Where start-up and operational messages go; silent by default. */
  logger?: Logger;
  /** Time source; tests inject a controllable one. */
  clock?: Clock;
  /** IPLUS_DEMO: seed demo users (auto: only on an empty data folder). Default off. */
  demo?: 'auto' | 'on' | 'off';
  /** IPLUS_ENV: production refuses to start with demo users. Default development. */
  env?: Environment;
  /** IPLUS_TRUST_PROXY: addresses/CIDRs of reverse proxies whose X-Forwarded-For is believed. Default none. */
  trustProxy?: string;
  /**
   * IPLUS_DEMO_ROLLOUT, when demo users are seeded: `article` starts at the seed article's rollout
   * moment (seven provinces live, Antwerp and Limburg planned); `initial` (default) keeps the
   * generated tables' state (Hainaut live only).
   */
  demoRollout?: 'article' | 'initial';
  /** IPLUS_ACK_DEADLINE, default PT24H. */
  ackDeadline?: string;
  /** IPLUS_REMINDER_CYCLE, IPLUS_REPORT_DEADLINES, IPLUS_GUIDANCE_REPORT_PERIODS (domain/follow-up-plan.ts). */
  chase?: ChaseSettings;
  /** IPLUS_MAX_DOCUMENT_BYTES, default 10 MiB. */
  maxDocumentBytes?: number;
  /** IPLUS_BNG_ADAPTER / IPLUS_BNG_URL / IPLUS_BNG_TIMEOUT_MS. */
  bngAdapter?: 'register' | 'http';
  bngUrl?: string;
  bngTimeoutMs?: number;
  /** CAMUNDA_REST_ADDRESS: the engine's Camunda v2 REST API for the operations view. */
  camundaRestAddress?: string;
  /** IPLUS_CALLBACK_ALLOW: hosts, addresses or CIDR ranges callbacks may reach although internal. */
  callbackAllow?: string[];
  /** IPLUS_AUDIT_KEY_FILE / IPLUS_AUDIT_ANCHOR_FILE; default `audit.key` / `audit-anchor.json` in dataDir. */
  auditKeyFile?: string;
  auditAnchorFile?: string;
  /** IPLUS_AUDIT_CHECK_INTERVAL (ISO 8601 duration), default PT1H. */
  auditCheckInterval?: string;
  /** IPLUS_METRICS_TOKEN: bearer token Prometheus sends to read `/metrics`; empty turns `/metrics` off. */
  metricsToken?: string;
  /** IPLUS_PSEUDONYM_KEY_FILE, default `pseudonym.key` in dataDir; IPLUS_RETENTION_*: periods and purge interval. */
  pseudonymKeyFile?: string;
  retention?: Partial<RetentionSettings>;
  retentionPurgeInterval?: string;
  /** Folder with the process models (`*.bpmn`) and `routing/<P>.dmn`; default the repository's bpmn/. */
  modelsDir?: string;
  /**
   * Messages outside the app: IPLUS_SMTP_* (no `smtp`: e-mail off), IPLUS_PUBLIC_URL (links; default
   * this platform's own URL), IPLUS_MESSAGE_RETRY_* (default 30 s doubling up to 30 min, given up after 2 days).
   */
  messages?: {
    smtp?: SmtpSettings;
    publicUrl?: string;
    /** ISO 8601 durations: the first wait (doubled after each failure), the longest, when to give up. */
    retry?: { first?: string; max?: string; giveUpAfter?: string };
    pollMs?: number;
  };
  /** IPLUS_MODEL_REVIEW: `four-eyes` (default) needs a second analyst or an admin to approve a model; `off` lets its author. */
  modelReview?: 'four-eyes' | 'off';
}
