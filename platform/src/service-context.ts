import type { AuditLog } from './audit/audit-log';
import type { DecisionInputs } from './store/decision-inputs';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { Outbox } from './outbox/outbox';
import type { DecisionRules, ReferenceLookup } from './reference-port';
import type { Db } from './store/database';
import type { Documents } from './store/document-store';

/** Tunables of the service, from the CLI's configuration. */
export interface ServiceSettings {
  /** Default time to acknowledge a mandate (ISO 8601 duration), IPLUS_ACK_DEADLINE. */
  ackDeadline: string;
  /** Largest decision PDF accepted, IPLUS_MAX_DOCUMENT_BYTES. */
  maxDocumentBytes: number;
  /** How long the engine buffers an acknowledgement or report that arrives before the process waits for it. */
  messageTtlMs: number;
  /** IPLUS_CALLBACK_ALLOW: hosts, addresses and CIDR ranges callbacks may reach although internal. */
  callbackAllow: readonly string[];
}

/** What the use cases share: the store, time, logging, audit, outbox, reference data and domain rules. */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  outbox: Outbox;
  reference: ReferenceLookup;
  rules: DecisionRules;
  documents: Documents;
  /** Parsed decision inputs (person, conditions), shared by the views. */
  inputs: DecisionInputs;
  settings: ServiceSettings;
}

/** Who did something, as the audit log records it. */
export interface Actor {
  user: string;
  agencyId: string;
  justification?: string;
}

/** The platform itself acting (a job worker), for the audit log. */
export const systemActor = (what: string): Actor => ({ user: `system:${what}`, agencyId: 'IPLUS' });
