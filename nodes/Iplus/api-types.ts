/**
 * The shapes of the iplus API that the nodes read (docs/API-CONTRACT.md). Only the fields the nodes use
 * are typed; everything else passes through to the node's output untouched.
 */
import type { IDataObject } from 'n8n-workflow';

/** An RFC 7807 problem document, as every error response of the platform is. */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: Array<{ field?: string; code?: string; message?: string }>;
};

export type MandateKind = 'police_check' | 'guidance' | 'monitoring';

export type Mandate = IDataObject & {
  id: string;
  decisionId: string;
  kind: MandateKind;
  recipientId: string;
  status: 'issued' | 'acknowledged' | 'reported';
  acknowledgedAt: string | null;
};

export type Decision = IDataObject & {
  id: string;
  reference: string;
  status: 'received' | 'routed' | 'old_channel' | 'manual_assignment' | 'closed';
  processInstanceKey: string;
  routing: (IDataObject & { recipients?: IDataObject[]; manualAssignment?: string[] }) | null;
  mandates: Mandate[];
};

export type Agency = {
  id: string;
  kind: string;
  name: { fr?: string; nl?: string; de?: string; en?: string };
  judicialArrondissement?: string;
  province?: string;
};

/** A mandate's acknowledgement, as the platform POSTs it to a registered callback URL. */
export type AcknowledgementCallback = { event?: string; mandate?: { id?: string } };

/** True when the mandate has been acknowledged (a reported mandate was acknowledged before its report). */
export function isAcknowledged(mandate: Pick<Mandate, 'status'>): boolean {
  return mandate.status === 'acknowledged' || mandate.status === 'reported';
}
