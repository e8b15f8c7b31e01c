/** The audit log, as an admin reads it (docs/API-CONTRACT.md, "Audit"). */

export interface AuditEntry {
  seq: number;
  at: string;
  user: string;
  agencyId: string;
  action: string;
  object: string;
  justification?: string;
  outcome: string;
  prevHash: string;
  hash: string;
}
