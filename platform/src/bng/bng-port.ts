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

/** A change to an active signalement (a revision's conditions, a move's domicile): the whole new state. */
export interface SignalementUpdate {
  signalementId: string;
  decisionId: string;
  /** Idempotency key: the id of the change (REV-…, MOV-…). */
  changeId: string;
  reason: 'revision' | 'move';
  person: unknown;
  conditions: unknown;
  /** When the measure ends, if known (ISO date-time). */
  validUntil: string | null;
}

/** The end of a signalement: the measure ended or was revoked. */
export interface SignalementEnd {
  signalementId: string;
  decisionId: string;
  reason: 'ended' | 'revoked';
  endedAt: string;
}

/**
 * The BNG connector's port: create, update and end, two adapters. The default keeps signalements in the
 * platform's own register (`iplus-register`); the other sends them to an external endpoint
 * (`bng-http`, contract in platform/bng-openapi.yaml). Every call may be repeated (a job is
 * delivered at least once): the signalement id, or the change id, is the idempotency key.
 */
export interface BngPort {
  readonly register: 'iplus-register' | 'bng-http';
  createSignalement(request: SignalementRequest): Promise<{ externalId: string | null }>;
  /** Replaces the person's domicile and conditions; the same changeId twice must be harmless. */
  updateSignalement(update: SignalementUpdate): Promise<void>;
  /** Ends (withdraws) the signalement; ending an ended one must be harmless. */
  endSignalement(end: SignalementEnd): Promise<void>;
  /** For /health: whether the adapter can currently be used. */
  health(): { status: 'up' | 'down'; [detail: string]: unknown };
}

/** The default adapter: the platform's database is the register, so there is nothing to call. */
export class RegisterAdapter implements BngPort {
  readonly register = 'iplus-register' as const;
  async createSignalement(): Promise<{ externalId: string | null }> {
    return { externalId: null };
  }
  async updateSignalement(): Promise<void> {}
  async endSignalement(): Promise<void> {}
  health() {
    return { status: 'up' as const, register: this.register };
  }
}
