import { loadOrCreateAuditKey } from '../audit/audit-files';
import { durationMs } from '../durations';
import { systemActor, type ServiceContext } from '../service-context';
import type { EngineHistory } from './engine-history';
import { Pseudonyms } from './pseudonyms';
import { Retention } from './retention';
import { retentionPolicy, type RetentionSettings } from './retention-policy';

export interface RetentionOptions {
  /** IPLUS_PSEUDONYM_KEY_FILE: the pseudonyms' HMAC key (32 bytes, base64), created when missing. */
  pseudonymKeyFile: string;
  settings?: Partial<RetentionSettings>;
  /** IPLUS_RETENTION_PURGE_INTERVAL, default P1D; the first purge runs one interval after start. */
  purgeInterval?: string;
}

/**
 * Loads the pseudonym key, makes the audit log pseudonymise national register numbers from now on,
 * and schedules the purge.
 */
export function startRetention(
  ctx: ServiceContext,
  engine: EngineHistory,
  options: RetentionOptions,
): Retention {
  const pseudonyms = new Pseudonyms(loadOrCreateAuditKey(options.pseudonymKeyFile).key);
  ctx.audit.pseudonymiseWith((t, people) => pseudonyms.scrubPeople(pseudonyms.scrub(t), people));
  const retention = new Retention(ctx, engine, pseudonyms, retentionPolicy(options.settings));
  const interval = durationMs(options.purgeInterval ?? 'P1D');
  if (!interval)
    throw new Error(
      `IPLUS_RETENTION_PURGE_INTERVAL '${options.purgeInterval}' is not a duration such as P1D`,
    );
  retention.schedule(interval, systemActor('retention'));
  return retention;
}
