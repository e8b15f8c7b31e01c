import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';

/** Re-verify at most this often: a verification reads the whole chain. */
export const AUDIT_VERIFY_EVERY_MS = 5 * 60 * 1000;
/** A scrape waits this long for a verification in progress before answering with the last result. */
const WAIT_MS = 2000;

export interface ChainState {
  /** undefined: not verified yet, or the verification itself failed. */
  intact: boolean | undefined;
  entries: number;
  verifiedAt: Date | undefined;
}

/**
 * The audit log's own `verify()`, read for the metrics: at most one verification at a time and one
 * every five minutes, so frequent scrapes never re-read a large chain.
 */
export class AuditChainState {
  private last: ChainState = { intact: undefined, entries: 0, verifiedAt: undefined };
  private running: Promise<void> | undefined;
  private startedAt = -Infinity;

  constructor(
    private readonly audit: Pick<AuditLog, 'verify'>,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<ChainState> {
    const now = this.clock.now().getTime();
    if (!this.running && now - this.startedAt >= AUDIT_VERIFY_EVERY_MS) {
      this.startedAt = now;
      this.running = this.audit
        .verify()
        .then(
          (check) => {
            this.last = { intact: check.ok, entries: check.entries, verifiedAt: this.clock.now() };
          },
          () => {
            this.last = { ...this.last, intact: undefined };
          },
        )
        .finally(() => {
          this.running = undefined;
        });
    }
    if (this.running) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.running, new Promise((r) => (timer = setTimeout(r, WAIT_MS)))]);
      clearTimeout(timer);
    }
    return this.last;
  }
}
