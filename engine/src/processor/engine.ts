import type { Clock } from '../clock/clock';
import { SystemClock } from '../clock/system-clock';
import { invalidArgument } from '../errors';
import { databasePath, openDatabase, type Db } from '../state/database';
import { WalSync } from '../state/wal-sync';
import { DefinitionStore } from '../state/definition-store';
import { EventRows } from '../state/event-rows';
import { IncidentRows } from '../state/incident-rows';
import { InstanceRows } from '../state/instance-rows';
import { KeyGenerator } from '../state/key-generator';
import type { InstanceState, Job } from '../runtime/instance-state';
import { InstanceStore } from '../runtime/instance-store';
import { findJob, TENANT } from '../runtime/jobs';
import type { ActivatedJob, RuntimePorts } from '../runtime/runtime-api';
import { Runtime } from '../runtime/runtime';
import type { Variables } from '../runtime/variables';
import { CommandBatcher } from './command-batcher';
import { Forms } from './forms';
import { ResourceDeletion } from './resource-deletion';
import { UserTasks, type UserTaskChangeset } from './user-tasks';
import { Deployer, type DeploymentResult, type Resource } from './deploy';
import { Decisions, type DecisionResult } from './decisions';
import { DueScheduler } from './due-scheduler';
import { JobDispatcher } from './job-dispatcher';
import { silentLogger, type EngineConfig, type Logger } from './engine-config';
import { parseKey, parseVariables } from './request-parsing';
import { createInstance, type CreateInstanceRequest, type CreatedInstance } from './instance-creation';
import { ResultWaiters } from './result-waiters';
import { LongPolls, type ActivateJobsRequest } from './long-polls';
import { openJobStream } from './job-streams';
import { processDue } from './due-loop';
import * as instanceCommands from './instance-commands';
import { correlateMessage, publishMessage, type MessageRequest } from './message-commands';

export type { EngineConfig, Logger } from './engine-config';
export type { CreateInstanceRequest, CreatedInstance } from './instance-creation';
export type { ActivateJobsRequest } from './long-polls';

/**
 * The embedded engine: durable state in SQLite, the BPMN runtime, job dispatch and timers,
 * behind one method per gateway command. Every method's promise settles after the command's
 * effects are committed to disk.
 */
export class Engine {
  readonly db: Db;
  readonly clock: Clock;
  readonly runtime: Runtime;
  readonly definitions: DefinitionStore;
  readonly keys: KeyGenerator;
  private readonly store: InstanceStore;
  private readonly eventRows: EventRows;
  private readonly dispatcher: JobDispatcher;
  private readonly scheduler: DueScheduler;
  private readonly batcher: CommandBatcher;
  private readonly deployer: Deployer;
  readonly forms: Forms;
  private readonly userTasks: UserTasks;
  private readonly resourceDeletion: ResourceDeletion;
  private readonly decisions: Decisions;
  private readonly logger: Logger;
  private readonly resultWaiters: ResultWaiters;
  private readonly longPolls: LongPolls;
  private readonly walSync?: WalSync;
  private commandEffects: Array<() => void> = [];
  private batchEffects: Array<() => void> = [];
  private closed = false;

  constructor(config: EngineConfig) {
    this.logger = config.logger ?? silentLogger;
    this.clock = config.clock ?? new SystemClock();
    const fsyncAfterCommit = (config.durability ?? 'wal-fsync') === 'wal-fsync';
    this.db = openDatabase(config.dataDir, fsyncAfterCommit ? 'NORMAL' : 'FULL');
    if (fsyncAfterCommit) this.walSync = new WalSync(`${databasePath(config.dataDir)}-wal`);
    this.keys = new KeyGenerator(this.db);
    this.definitions = new DefinitionStore(this.db);
    this.eventRows = new EventRows(this.db);
    this.store = new InstanceStore(new InstanceRows(this.db), this.definitions, config.cacheSize ?? 20_000);
    const ports: RuntimePorts = {
      jobAvailable: (job: Job) => this.dispatcher.jobAvailable(job, this.commandEffects),
      wakeAt: (time: number) => this.scheduler.wakeAt(time),
      instanceEnded: (instance: InstanceState, variables: () => string) =>
        this.resultWaiters.instanceEnded(instance, variables, this.commandEffects),
    };
    this.runtime = new Runtime({
      keys: this.keys,
      store: this.store,
      definitions: this.definitions,
      eventRows: this.eventRows,
      incidentRows: new IncidentRows(this.db),
      ports,
    });
    this.dispatcher = new JobDispatcher(this.db, this.store, () => this.runtime.jobs);
    this.scheduler = new DueScheduler(this.db, this.clock, () =>
      processDue({
        batcher: this.batcher,
        scheduler: this.scheduler,
        store: this.store,
        eventRows: this.eventRows,
        runtime: this.runtime,
        clock: this.clock,
        logger: this.logger,
        isClosed: () => this.closed,
      }),
    );
    this.decisions = new Decisions(this.db, this.keys);
    this.forms = new Forms(this.db, this.keys);
    ports.forms = this.forms;
    this.userTasks = new UserTasks(this.db, this.store, (ei, vars) => this.runtime.complete(ei, vars));
    ports.userTasks = this.userTasks;
    ports.decisions = this.decisions;
    this.deployer = new Deployer({
      db: this.db,
      keys: this.keys,
      definitions: this.definitions,
      eventRows: this.eventRows,
      wakeAt: (t) => this.scheduler.wakeAt(t),
      dmn: this.decisions,
      forms: this.forms,
    });
    this.resourceDeletion = new ResourceDeletion({
      db: this.db,
      definitions: this.definitions,
      eventRows: this.eventRows,
      cancelInstance: (key) => this.runtime.cancelInstance(key),
      openStartEvents: (process, now) => this.deployer.openStartEvents(process, now),
      forgetDecisions: () => this.decisions.reset(),
    });
    this.batcher = new CommandBatcher(
      this.db,
      {
        execute: (run) => {
          this.commandEffects = [];
          const result = this.runtime.run(this.clock.now(), run);
          this.store.flush();
          this.batchEffects.push(...this.commandEffects);
          return result;
        },
        afterRollback: (bug) => {
          this.commandEffects = [];
          this.store.reset();
          if (bug) {
            this.dispatcher.reset();
            this.definitions.reset();
            this.decisions.reset();
            this.keys.markUnpersisted();
          }
        },
        beforeCommit: () => this.keys.persist(),
        afterCommit: () => {
          this.dispatcher.sealTransaction();
          const effects = this.batchEffects;
          this.batchEffects = [];
          this.store.trim();
          return effects;
        },
        whenDurable: (done) => (this.walSync ? this.walSync.afterCommit(done) : done()),
        commitFailed: (error) => {
          this.logger.error(`engine: commit failed, reloading state from disk: ${(error as Error).message}`);
          this.batchEffects = [];
          this.store.reset();
          this.dispatcher.reset();
          this.definitions.reset();
          this.keys.markUnpersisted();
        },
        onUnexpected: (error) =>
          this.logger.error(`engine: unexpected error in a command: ${(error as Error).stack}`),
      },
      config.maxQueuedCommands ?? 10_000,
      config.maxBatch ?? 2_000,
    );
    this.resultWaiters = new ResultWaiters(this.batcher, () => this.runtime.variables);
    this.longPolls = new LongPolls(
      this.batcher,
      this.dispatcher,
      config.defaultLongPollMs ?? 10_000,
      () => this.closed,
    );
    this.scheduler.rearm();
  }

  /** Number of commands waiting for the next transaction. */
  get queuedCommands(): number {
    return this.batcher.queued;
  }

  deploy(resources: Resource[]): Promise<DeploymentResult> {
    return this.batcher.submit(() => this.deployer.deploy(resources, this.runtime.now));
  }

  createProcessInstance(req: CreateInstanceRequest): Promise<CreatedInstance> {
    return this.batcher.submit(() => createInstance(this.runtime, this.definitions, req).created);
  }

  /** Creates an instance and answers when it completed, with its variables. */
  createProcessInstanceWithResult(
    req: CreateInstanceRequest,
    options: { requestTimeout?: number; fetchVariables?: string[] },
  ): Promise<CreatedInstance & { variables: string }> {
    return this.resultWaiters.createWithResult(
      () => createInstance(this.runtime, this.definitions, req),
      options,
    );
  }

  /** Activates jobs; waits (long poll) up to `requestTimeout` when none is there. */
  activateJobs(
    req: ActivateJobsRequest,
    onCancel?: (cancel: () => void) => void,
    alive: () => boolean = () => true,
  ): Promise<ActivatedJob[]> {
    return this.longPolls.activateJobs(req, onCancel, alive);
  }

  /** Pushes jobs of a type to `push` as they become activatable; returns a function that stops it. */
  openJobStream(
    req: { type: string; worker: string; timeout: number; fetchVariable?: string[] },
    push: (job: ActivatedJob) => void,
  ): () => void {
    return openJobStream(this.dispatcher, req, push);
  }

  completeJob(jobKey: string, variables?: string): Promise<void> {
    return this.batcher.submit(() => {
      const vars = parseVariables(variables);
      const job = this.openJob(jobKey, 'complete');
      this.runtime.jobs.complete(job, vars);
    }, true);
  }

  failJob(
    jobKey: string,
    retries: number,
    errorMessage: string,
    retryBackOff: number,
    variables?: string,
  ): Promise<void> {
    return this.batcher.submit(() => {
      const vars = parseVariables(variables);
      const job = this.openJob(jobKey, 'fail');
      this.runtime.jobs.fail(job, retries, errorMessage, retryBackOff, vars);
    }, true);
  }

  throwError(jobKey: string, errorCode: string, errorMessage: string, variables?: string): Promise<void> {
    return this.batcher.submit(() => {
      const vars = parseVariables(variables);
      const job = this.openJob(jobKey, 'throw an error for');
      this.runtime.jobs.throwError(job, errorCode, errorMessage, vars);
    }, true);
  }

  updateJobRetries(jobKey: string, retries: number): Promise<void> {
    return this.batcher.submit(() => {
      if (retries < 1) throw invalidArgument(`Expected retries to be greater than zero, but was ${retries}`);
      const job = this.openJob(jobKey, 'update retries of');
      this.runtime.jobs.updateRetries(job, retries);
    });
  }

  updateJobTimeout(jobKey: string, timeout: number): Promise<void> {
    return this.batcher.submit(() =>
      this.runtime.jobs.updateTimeout(this.openJob(jobKey, 'update timeout of'), timeout),
    );
  }

  publishMessage(req: MessageRequest): Promise<{ key: string; tenantId: string }> {
    return this.batcher.submit(() => publishMessage(this.runtime, req));
  }

  /** Correlates a message to what waits for it now (REST `messages/correlation`); NOT_FOUND when nothing does. */
  correlateMessage(
    req: MessageRequest,
  ): Promise<{ key: string; tenantId: string; processInstanceKey: string }> {
    return this.batcher.submit(() => correlateMessage(this.runtime, req));
  }

  cancelProcessInstance(processInstanceKey: string): Promise<void> {
    return this.batcher.submit(() =>
      this.runtime.cancelInstance(parseKey(processInstanceKey, 'a process instance')),
    );
  }

  setVariables(elementInstanceKey: string, variables: string, local: boolean): Promise<{ key: string }> {
    return this.batcher.submit(() =>
      instanceCommands.setVariables(
        this.runtime,
        this.store,
        this.keys,
        elementInstanceKey,
        variables,
        local,
      ),
    );
  }

  /** ModifyProcessInstance: activate elements (with variables), terminate element instances. */
  modifyProcessInstance(m: instanceCommands.ModifyRequest): Promise<void> {
    return this.batcher.submit(() => instanceCommands.modify(this.runtime, m));
  }

  /** MigrateProcessInstance: moves a running instance to another definition by mapping instructions. */
  migrateProcessInstance(m: instanceCommands.MigrateRequest): Promise<void> {
    return this.batcher.submit(() => instanceCommands.migrate(this.runtime, this.db, m));
  }

  /** DeleteResource: a process definition (its running instances are cancelled), a DRG or a form. */
  deleteResource(resourceKey: string): Promise<void> {
    return this.batcher.submit(() =>
      this.resourceDeletion.delete(parseKey(resourceKey, 'a resource'), this.clock.now()),
    );
  }

  /** Completes a Camunda user task (its element completes with the variables). */
  completeUserTask(userTaskKey: string, variables: Variables = {}): Promise<void> {
    return this.batcher.submit(() => {
      this.userTasks.completeTask(parseKey(userTaskKey, 'a user task'), variables, this.clock.now());
    }, true);
  }

  assignUserTask(userTaskKey: string, assignee: string, allowOverride = true): Promise<void> {
    return this.batcher.submit(() =>
      this.userTasks.assign(parseKey(userTaskKey, 'a user task'), assignee, allowOverride),
    );
  }

  unassignUserTask(userTaskKey: string): Promise<void> {
    return this.batcher.submit(() => this.userTasks.unassign(parseKey(userTaskKey, 'a user task')));
  }

  updateUserTask(userTaskKey: string, changeset: UserTaskChangeset): Promise<void> {
    return this.batcher.submit(() => this.userTasks.update(parseKey(userTaskKey, 'a user task'), changeset));
  }

  resolveIncident(incidentKey: string): Promise<void> {
    return this.batcher.submit(() => instanceCommands.resolveIncident(this.runtime, this.store, incidentKey));
  }

  broadcastSignal(signalName: string, variables?: string): Promise<{ key: string; tenantId: string }> {
    return this.batcher.submit(() => {
      if (!signalName?.trim()) throw invalidArgument('Expected a signal name, but it was blank');
      const vars = parseVariables(variables);
      this.runtime.broadcastSignal(signalName, vars);
      return { key: String(this.keys.next()), tenantId: TENANT };
    });
  }

  /** Evaluates a decision (by key, or the latest version of an id) and records the evaluation. */
  evaluateDecision(req: {
    decisionKey?: string;
    decisionId?: string;
    variables?: string;
  }): Promise<DecisionResult> {
    return this.batcher.submit(() =>
      this.decisions.evaluateRequest(
        {
          decisionKey: req.decisionKey,
          decisionId: req.decisionId,
          variables: parseVariables(req.variables),
        },
        this.runtime.now,
      ),
    );
  }

  /** Runs a command in the engine's transaction (for extensions such as decision evaluation). */
  submit<T>(run: () => T): Promise<T> {
    return this.batcher.submit(run);
  }

  /** Stops taking commands, finishes queued ones, answers waiting workers, closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.batcher.close();
    this.batcher.flushNow();
    this.scheduler.stop();
    this.dispatcher.releaseAll();
    this.resultWaiters.rejectAll();
    await this.walSync?.idle();
    await new Promise((r) => setImmediate(r));
    this.db.close();
    this.walSync?.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private openJob(jobKey: string, action: string): Job {
    const key = parseKey(jobKey, 'a job');
    return findJob(this.store.instanceOfJob(key).instance, key, action);
  }
}
