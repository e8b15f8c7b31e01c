import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AuditCheck } from '../audit/audit-integrity';
import type { Clock } from '../clock';
import type { Db } from '../store/database';

/** Seconds; from a 5 ms read to a 10 s upload of a large PDF. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds; a job calls the store, sometimes the BNG (5 s time-out) or a callback. */
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What the metrics read at scrape time. */
export interface MetricsSources {
  db: Db;
  clock: Clock;
  /** The audit chain's last check (at start, on its schedule, on request); undefined before the first. */
  auditCheck: () => AuditCheck | undefined;
}

/**
 * The platform's Prometheus metrics, in a registry of its own (several platforms can share a process
 * in tests). Request and job metrics are counted as they happen; the outbox, overdue mandates and the
 * audit chain are read by a few queries when Prometheus scrapes, never per request. Labels hold route
 * patterns, task types and province codes only: never an id, a name or a national register number.
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly jobDuration: Histogram<'type' | 'outcome'>;
  private readonly jobFailures: Counter<'type'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'iplus_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status class (2xx, 4xx, 5xx)',
      labelNames: ['method', 'route', 'status_class'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'iplus_job_duration_seconds',
      help: 'Zeebe jobs handled by this instance, by task type and outcome (completed, failed, error, forwarded)',
      labelNames: ['type', 'outcome'],
      buckets: JOB_BUCKETS,
      registers,
    });
    this.jobFailures = new Counter({
      name: 'iplus_job_failures_total',
      help: 'Jobs this instance failed back to the engine (retried, or an incident when retries are used up)',
      labelNames: ['type'],
      registers,
    });
    const { db, clock } = sources;
    // One query per scrape for both outbox gauges (prom-client collects the gauges side by side).
    const outbox = oncePerScrape(async () => {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
        .where('done_at', 'is', null)
        .where('given_up_at', 'is', null)
        .executeTakeFirstOrThrow();
      const oldest = row.oldest ? Date.parse(String(row.oldest)) : undefined;
      return {
        pending: Number(row.n),
        ageSeconds: oldest === undefined ? 0 : Math.max(0, (clock.now().getTime() - oldest) / 1000),
      };
    });
    new Gauge({
      name: 'iplus_outbox_pending',
      help: 'Outbox items not yet carried out (engine starts, messages, callbacks)',
      registers,
      async collect() {
        this.set((await outbox()).pending);
      },
    });
    new Gauge({
      name: 'iplus_outbox_oldest_age_seconds',
      help: 'Age of the oldest outbox item not yet carried out (0 when the outbox is empty)',
      registers,
      async collect() {
        this.set((await outbox()).ageSeconds);
      },
    });
    new Gauge({
      name: 'iplus_outbox_given_up',
      help: 'Outbox items given up (callbacks after 24 h); each needs a look',
      registers,
      async collect() {
        const row = await db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('given_up_at', 'is not', null)
          .executeTakeFirstOrThrow();
        this.set(Number(row.n));
      },
    });
    new Gauge({
      name: 'iplus_mandates_overdue',
      help: 'Issued mandates past their acknowledgement deadline, by province',
      labelNames: ['province'],
      registers,
      async collect() {
        const rows = await db
          .selectFrom('mandates')
          .select((eb) => ['province', eb.fn.countAll<number>().as('n')])
          .where('status', '=', 'issued')
          .where((eb) => eb.or([eb('overdue', '=', 1), eb('deadline', '<=', clock.now().toISOString())]))
          .groupBy('province')
          .execute();
        this.reset();
        for (const r of rows) this.set({ province: r.province }, Number(r.n));
      },
    });
    // The chain's own scheduled check (AuditIntegrity) is read, never a second verification of the chain.
    const chain = () => {
      const check = sources.auditCheck();
      return {
        intact: check?.ok,
        entries: check?.entries ?? 0,
        verifiedAt: check ? new Date(check.checkedAt) : undefined,
      };
    };
    new Gauge({
      name: 'iplus_audit_chain_intact',
      help: 'Result of the last audit chain check: 1 intact, 0 broken, -1 not checked yet',
      registers,
      collect() {
        const state = chain();
        this.set(state.intact === undefined ? -1 : state.intact ? 1 : 0);
      },
    });
    new Gauge({
      name: 'iplus_audit_chain_entries',
      help: 'Entries of the audit chain at its last check',
      registers,
      collect() {
        this.set(chain().entries);
      },
    });
    new Gauge({
      name: 'iplus_audit_chain_verified_timestamp_seconds',
      help: 'When the audit chain was last checked (Unix time; 0 before the first check)',
      registers,
      collect() {
        const at = chain().verifiedAt;
        this.set(at ? at.getTime() / 1000 : 0);
      },
    });
  }

  /** Records one HTTP request; `route` is the route's pattern (`/api/decisions/:id`), never the URL. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_class: `${Math.floor(statusCode / 100)}xx` }, seconds);
  }

  /** Records one job's handling. */
  observeJob(type: string, outcome: JobOutcome, seconds: number): void {
    this.jobDuration.observe({ type, outcome }, seconds);
    if (outcome === 'failed') this.jobFailures.inc({ type });
  }

  /** The text exposition format (text/plain; version=0.0.4). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** How a job ended for this worker. */
export type JobOutcome = 'completed' | 'failed' | 'error' | 'forwarded';

/** A read shared by the gauges of one scrape: reused while it runs and for a second after. */
function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > 1000) {
      const value = read();
      last = { at: now, value };
      value.catch(() => (last = undefined));
    }
    return last.value;
  };
}
