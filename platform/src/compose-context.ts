import { AuditLog } from './audit/audit-log';
import type { Clock } from './clock';
import { canonicalDecisionJson, validateDecisionInput, type DecisionInput } from './domain/decision';
import { BREACH_OUTCOMES, MEASURES, REPORT_OUTCOMES } from '@iplus/contract';
import type { Logger } from './logger';
import { Outbox } from './outbox/outbox';
import { loadReferenceData } from './reference';
import type { DecisionFacts, DecisionRules, ReferenceLookup } from './reference-port';
import type { ServiceContext, ServiceSettings } from './service-context';
import type { Db } from './store/database';
import type { Documents } from './store/document-store';
import { CALLBACK_GIVE_UP_MS } from './callbacks/deliver-callback';
import { DecisionInputs } from './store/decision-inputs';

/** The domain's rules (platform/src/domain) behind the service's narrow interface. */
export function domainRules(clock: Clock): DecisionRules {
  const reference = loadReferenceData();
  return {
    validate: (raw) =>
      validateDecisionInput(raw, reference, { now: () => clock.now() }) as ReturnType<
        DecisionRules['validate']
      >,
    canonicalJson: (v: DecisionFacts) => canonicalDecisionJson(v as unknown as DecisionInput),
    breachOutcomes: BREACH_OUTCOMES,
    reportOutcomes: REPORT_OUTCOMES,
    measures: MEASURES,
  };
}

/**
 * Puts the service's shared parts together over an open store: reference data, domain rules, the
 * audit log and the outbox (every item backs off up to 30 s between attempts; a callback is given up
 * after 24 h).
 */
export function composeServiceContext(parts: {
  db: Db;
  documents: Documents;
  clock: Clock;
  logger: Logger;
  settings: Partial<ServiceSettings>;
}): ServiceContext {
  const { db, documents, clock, logger } = parts;
  return {
    db,
    clock,
    logger,
    documents,
    inputs: new DecisionInputs(db),
    audit: new AuditLog(db, clock),
    outbox: new Outbox(db, clock, logger, {
      backoffMs: (n) => Math.min(1000 * 2 ** Math.max(0, n - 1), 30_000),
      giveUpAfterMs: { callback: CALLBACK_GIVE_UP_MS },
    }),
    reference: loadReferenceData() as ReferenceLookup,
    rules: domainRules(clock),
    settings: {
      ackDeadline: parts.settings.ackDeadline ?? 'PT24H',
      maxDocumentBytes: parts.settings.maxDocumentBytes ?? 10 * 1024 * 1024,
      messageTtlMs: parts.settings.messageTtlMs ?? 60 * 60 * 1000,
      callbackAllow: parts.settings.callbackAllow ?? [],
    },
  };
}
