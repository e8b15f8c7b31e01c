/** What the platform tells a parquet or a coordinator: escalations, breaches, old channel, manual assignment. */
import type { NotificationKind } from './mandate-vocabulary';

export interface Notification {
  id: string;
  kind: NotificationKind;
  agencyId: string;
  decisionId: string;
  mandateId?: string;
  createdAt: string;
  handledAt?: string;
  handledBy?: string;
  detail?: string;
}
