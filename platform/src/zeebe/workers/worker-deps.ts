import type { BngPort } from '../../bng/bng-port';
import type { RolloutSwitches } from '../../routing/rollout-switches';
import type { ServiceContext } from '../../service-context';
import type { EngineClient } from '../engine-client';
import type { IplusJob, JobAction } from './job-outcome';

/** What the job workers need. */
export interface WorkerDeps {
  ctx: ServiceContext;
  bng: BngPort;
  engine: EngineClient;
  /** Applies planned rollout switches when their timer fires (absent in tests of the case workers). */
  rolloutSwitches?: Pick<RolloutSwitches, 'applyPlanned'>;
}

/** One task type and its handler; each lives in its own `<task>.worker.ts`. */
export interface TaskWorker {
  taskType: string;
  handle(job: IplusJob, deps: WorkerDeps): JobAction;
}
