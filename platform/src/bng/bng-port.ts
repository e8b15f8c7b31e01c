/** What is sent to flag a person: enough for an officer to act on, nothing more. */
export interface SignalementRequest {
  signalementId: string;
  decisionId: string;
  reference: string;
  measure: string;
  person: unknown;
  conditions: unknown;
  validFrom: string;
}

/**
 * The BNG connector's port: one operation, two adapters. The default keeps signalements in the
 * platform's own register (`iplus-register`); the other sends them to an external endpoint
 * (`bng-http`, contract in platform/bng-openapi.yaml). Creating twice with the same signalementId
 * must be harmless (the id is the idempotency key).
 */
export interface BngPort {
  readonly register: 'iplus-register' | 'bng-http';
  createSignalement(request: SignalementRequest): Promise<{ externalId: string | null }>;
  /** For /health: whether the adapter can currently be used. */
  health(): { status: 'up' | 'down'; [detail: string]: unknown };
}

/** The default adapter: the platform's database is the register, so there is nothing to call. */
export class RegisterAdapter implements BngPort {
  readonly register = 'iplus-register' as const;
  async createSignalement(): Promise<{ externalId: string | null }> {
    return { externalId: null };
  }
  health() {
    return { status: 'up' as const, register: this.register };
  }
}
