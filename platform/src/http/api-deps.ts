import type { ApiTokens } from '../auth/api-tokens';
import type { Authenticator } from '../auth/authenticator';
import type { Sessions } from '../auth/sessions';
import type { Users } from '../auth/users';
import type { AuditIntegrity } from '../audit/audit-integrity';
import type { BngPort } from '../bng/bng-port';
import type { DeliverySettings } from '../messages/delivery-settings';
import type { RouteCase } from '../mandates/create-mandate';
import type { OldChannelCases } from '../routing/old-channel-cases';
import type { Rollout } from '../routing/rollout';
import type { RolloutSwitches } from '../routing/rollout-switches';
import type { RoutingTables } from '../routing/routing-tables';
import type { Retention } from '../retention/retention';
import type { ServiceContext } from '../service-context';
import type { InstanceMigration } from '../instance-migration/instance-migration';
import type { HumanTasks } from '../tasks/human-tasks';
import type { TaskForms } from '../tasks/task-forms';
import type { EngineClient } from '../zeebe/engine-client';
import type { Models } from '../models/models';

export interface PartHealth {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

/** Everything the HTTP routes call into. */
export interface ApiDeps {
  ctx: ServiceContext;
  authenticator: Authenticator;
  users: Users;
  sessions: Sessions;
  tokens: ApiTokens;
  bng: BngPort;
  engine: EngineClient;
  routingTables: RoutingTables;
  rollout: Rollout;
  rolloutSwitches: RolloutSwitches;
  oldChannelCases: OldChannelCases;
  models: Models;
  routeCase: RouteCase;
  /** Base URL of the engine's Camunda v2 REST API for the operations view; absent when unknown. */
  camundaRestAddress?: string;
  /** The Authorization header for the engine's REST API (same credentials as the Zeebe client). */
  camundaRestAuthorization?: () => Promise<string | undefined>;
  /** Health of each part (http, store, engine, workers, bng). */
  health(): Promise<Record<string, PartHealth>>;
  /** The audit chain's check against its anchor (`GET /api/audit/verify`). */
  auditIntegrity: Pick<AuditIntegrity, 'check'>;
  /** Where each agency's messages go (e-mail, webhook), set by admins. */
  deliverySettings: DeliverySettings;
  /** Purge, early erasure and the access report (retention/). */
  retention: Pick<Retention, 'purge' | 'erase' | 'accessReport'>;
  /** Human tasks through the engine's REST user-task API (`/api/tasks`). */
  tasks: HumanTasks;
  /** The forms of user tasks, deployed with their process. */
  taskForms: TaskForms;
  /** Migration of running instances between versions (`/api/migrations`). */
  migrations: InstanceMigration;
}
