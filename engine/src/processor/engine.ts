import type { Clock } from '../clock/clock';
import { SystemClock } from '../clock/system-clock';
import { Rejection, failedPrecondition, invalidArgument, notFound } from '../errors';
import type { Element, ExecutableProcess } from '../model/executable-process';
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
import { parseVariablesDocument, type Variables } from '../runtime/variables';
import { CommandBatcher } from './command-batcher';
import { Forms } from './forms';
import { modifyInstance } from '../runtime/modification/modify-instance';
import { migrateInstance } from '../runtime/modification/migrate-instance';
import { ResourceDeletion } from './resource-deletion';
import { UserTasks, type UserTaskChangeset } from './user-tasks';
import { Deployer, type DeploymentResult, type Resource } from './deploy';
import { Decisions, type DecisionResult } from './decisions';
import { DueScheduler } from './due-scheduler';
import { JobDispatcher, type Poller } from './job-dispatcher';

/** Where the engine reports what happens; it never prints by itself. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface EngineConfig {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Running instances kept in memory (least recently used beyond that are reloaded on demand). */
  cacheSize?: number;
  /** Commands waiting beyond this are refused with RESOURCE_EXHAUSTED. */
  maxQueuedCommands?: number;
  /** Commands per transaction at most. */
  maxBatch?: number;
  /**
   * How commits reach the disk before replies: 'wal-fsync' (default) fsyncs the WAL off the event
   * loop after COMMIT; 'full' uses SQLite's synchronous=FULL (the fsync blocks inside COMMIT).
   * Both answer only once the command is on disk.
   */
  durability?: 'wal-fsync' | 'full';
  /** Long-poll time of ActivateJobs when the request says 0. */
  defaultLongPollMs?: number;
}

export interface CreateInstanceRequest {
  processDefinitionKey?: string;
  bpmnProcessId?: string;
  version?: number;
  variables?: string;
  startInstructions?: Array<{ elementId: string }>;
}

export interface CreatedInstance {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: string;
  tenantId: string;
}

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable?: string[];
  requestTimeout?: number;
}

interface ResultWaiter {
  resolve: (variables: string) => void;
  reject: (error: Rejection) => void;
  fetchVariables?: string[];
}

/** Parses an int64 key sent as text; unknown shapes are simply not found. */
export function parseKey(text: string | number | undefined, what: string): number {
  const n = typeof text === 'number' ? text : Number(text);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw notFound(`Expected to find ${what} with key '${text}', but none was found`);
  return n;
}

function parseVariables(text: string | undefined): Variables {
  const r = parseVariablesDocument(text);
  if (!r.ok) throw invalidArgument(r.message);
  return r.value;
}

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
  private readonly defaultLongPollMs: number;
  private readonly waiters = new Map<number, ResultWaiter>();
  private readonly walSync?: WalSync;
  private commandEffects: Array<() => void> = [];
  private batchEffects: Array<() => void> = [];
  private closed = false;

  constructor(config: EngineConfig) {
    this.logger = config.logger ?? silent;
    this.clock = config.clock ?? new SystemClock();
    this.defaultLongPollMs = config.defaultLongPollMs ?? 10_000;
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
        this.instanceEnded(instance, variables),
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
    this.scheduler = new DueScheduler(this.db, this.clock, () => this.wake());
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
    return this.batcher.submit(() => this.createInstance(req).created);
  }

  /** Creates an instance and answers when it completed, with its variables. */
  createProcessInstanceWithResult(
    req: CreateInstanceRequest,
    options: { requestTimeout?: number; fetchVariables?: string[] },
  ): Promise<CreatedInstance & { variables: string }> {
    let timer: NodeJS.Timeout | undefined;
    return new Promise((resolve, reject) => {
      let created: CreatedInstance | undefined;
      let early: string | undefined;
      const waiter: ResultWaiter = {
        resolve: (variables) => {
          clearTimeout(timer);
          if (created) resolve({ ...created, variables });
          else early = variables;
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        ...(options.fetchVariables?.length ? { fetchVariables: options.fetchVariables } : {}),
      };
      this.batcher
        .submit(() => {
          const r = this.createInstance(req);
          this.waiters.set(r.key, waiter);
          return r;
        })
        .then((r) => {
          created = r.created;
          if (early !== undefined) return resolve({ ...created, variables: early });
          const timeout =
            options.requestTimeout && options.requestTimeout > 0 ? options.requestTimeout : 60 * 60_000;
          timer = setTimeout(() => {
            this.waiters.delete(r.key);
            reject(
              new Rejection(
                'DEADLINE_EXCEEDED',
                `the process instance ${r.key} did not complete within ${timeout} ms`,
              ),
            );
          }, timeout);
        }, reject);
    });
  }

  /** Activates jobs; waits (long poll) up to `requestTimeout` when none is there. */
  activateJobs(
    req: ActivateJobsRequest,
    onCancel?: (cancel: () => void) => void,
    alive: () => boolean = () => true,
  ): Promise<ActivatedJob[]> {
    if (!req.type?.trim()) return Promise.reject(invalidArgument('Expected a job type, but it was blank'));
    if (!(req.timeout >= 1))
      return Promise.reject(
        invalidArgument(`Expected a job timeout of at least 1 ms, but was ${req.timeout}`),
      );
    if (!(req.maxJobsToActivate >= 1)) {
      return Promise.reject(
        invalidArgument(`Expected maxJobsToActivate to be at least 1, but was ${req.maxJobsToActivate}`),
      );
    }
    const request = {
      worker: req.worker,
      timeout: req.timeout,
      ...(req.fetchVariable?.length ? { fetchVariables: req.fetchVariable } : {}),
    };
    const requestTimeout = req.requestTimeout ?? 0;
    return new Promise((resolve, reject) => {
      let poller: Poller | undefined;
      let timer: NodeJS.Timeout | undefined;
      this.batcher
        .submit(() => {
          const jobs = this.dispatcher.activate(req.type, request, req.maxJobsToActivate);
          if (jobs.length === 0 && requestTimeout >= 0 && !this.closed) {
            poller = {
              type: req.type,
              request,
              max: req.maxJobsToActivate,
              jobs: [],
              closed: false,
              responding: false,
              alive,
              respond: (found) => {
                clearTimeout(timer);
                resolve(found);
              },
            };
            this.dispatcher.addPoller(poller);
          }
          return jobs;
        }, true)
        .then((jobs) => {
          if (!poller) return resolve(jobs);
          const p = poller;
          timer = setTimeout(
            () => {
              if (p.responding) return;
              p.closed = true;
              this.dispatcher.removePoller(p);
              resolve([]);
            },
            requestTimeout > 0 ? requestTimeout : this.defaultLongPollMs,
          );
          onCancel?.(() => {
            clearTimeout(timer);
            if (p.responding) return;
            p.closed = true;
            this.dispatcher.removePoller(p);
          });
        }, reject);
    });
  }

  /** Pushes jobs of a type to `push` as they become activatable; returns a function that stops it. */
  openJobStream(
    req: { type: string; worker: string; timeout: number; fetchVariable?: string[] },
    push: (job: ActivatedJob) => void,
  ): () => void {
    if (!req.type?.trim()) throw invalidArgument('Expected a job type, but it was blank');
    if (!(req.timeout >= 1))
      throw invalidArgument(`Expected a job timeout of at least 1 ms, but was ${req.timeout}`);
    const stream = {
      type: req.type,
      request: {
        worker: req.worker || 'stream',
        timeout: req.timeout,
        ...(req.fetchVariable?.length ? { fetchVariables: req.fetchVariable } : {}),
      },
      push,
      closed: false,
    };
    this.dispatcher.addStream(stream);
    return () => this.dispatcher.removeStream(stream);
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

  publishMessage(req: {
    name: string;
    correlationKey?: string;
    timeToLive?: number;
    messageId?: string;
    variables?: string;
  }): Promise<{ key: string; tenantId: string }> {
    return this.batcher.submit(() => {
      if (!req.name?.trim()) throw invalidArgument('Expected a message name, but it was blank');
      const key = this.runtime.messages.publish({
        name: req.name,
        correlationKey: req.correlationKey ?? '',
        timeToLive: Math.max(0, req.timeToLive ?? 0),
        messageId: req.messageId ?? '',
        variables: parseVariables(req.variables),
      });
      return { key: String(key), tenantId: TENANT };
    });
  }

  cancelProcessInstance(processInstanceKey: string): Promise<void> {
    return this.batcher.submit(() =>
      this.runtime.cancelInstance(parseKey(processInstanceKey, 'a process instance')),
    );
  }

  setVariables(elementInstanceKey: string, variables: string, local: boolean): Promise<{ key: string }> {
    return this.batcher.submit(() => {
      const vars = parseVariables(variables);
      const key = parseKey(elementInstanceKey, 'an element instance');
      const instance = this.store.instanceOfElement(key);
      const ei = instance?.elements.get(key);
      if (!instance || !ei) {
        throw notFound(
          `Expected to update variables for element with key '${key}', but no such element was found`,
        );
      }
      if (local) this.runtime.variables.setAllLocal(instance, key, vars);
      else this.runtime.variables.propagate(instance, key, vars);
      return { key: String(this.keys.next()) };
    });
  }

  /** ModifyProcessInstance: activate elements (with variables), terminate element instances. */
  modifyProcessInstance(m: {
    processInstanceKey: string;
    activateInstructions: Array<{
      elementId: string;
      ancestorElementInstanceKey?: string;
      variableInstructions: Array<{ variables: string; scopeId: string }>;
    }>;
    terminateInstructions: Array<{ elementInstanceKey: string }>;
  }): Promise<void> {
    return this.batcher.submit(() =>
      modifyInstance(this.runtime, {
        processInstanceKey: parseKey(m.processInstanceKey, 'a process instance'),
        activateInstructions: m.activateInstructions.map((a) => ({
          elementId: a.elementId,
          ancestorElementInstanceKey: Number(a.ancestorElementInstanceKey ?? 0) || undefined,
          variableInstructions: a.variableInstructions.map((v) => ({
            variables: parseVariables(v.variables),
            scopeId: v.scopeId,
          })),
        })),
        terminateInstructions: m.terminateInstructions.map((t) => ({
          elementInstanceKey: parseKey(t.elementInstanceKey, 'an element instance'),
        })),
      }),
    );
  }

  /** MigrateProcessInstance: moves a running instance to another definition by mapping instructions. */
  migrateProcessInstance(m: {
    processInstanceKey: string;
    targetProcessDefinitionKey: string;
    mappingInstructions: Array<{ sourceElementId: string; targetElementId: string }>;
  }): Promise<void> {
    return this.batcher.submit(() =>
      migrateInstance(this.runtime, this.db, {
        processInstanceKey: parseKey(m.processInstanceKey, 'a process instance'),
        targetProcessDefinitionKey: parseKey(m.targetProcessDefinitionKey, 'a process definition'),
        mappingInstructions: m.mappingInstructions,
      }),
    );
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
    return this.batcher.submit(() => {
      const key = parseKey(incidentKey, 'an incident');
      const rt = this.runtime;
      const row = rt.incidents.row(key);
      if (!row || row.state !== 'ACTIVE') {
        throw notFound(`Expected to resolve incident with key '${key}', but no such incident was found`);
      }
      const instance = this.store.get(row.process_instance_key);
      const ei = instance?.elements.get(row.element_instance_key);
      if (!instance || !ei || ei.incidentKey !== key) {
        rt.incidents.resolveRow(key);
        return;
      }
      if (row.job_key !== null) {
        const job = instance.jobs.get(row.job_key);
        if (job) rt.jobs.resolveIncident(job);
        rt.incidents.resolve(ei);
        return;
      }
      rt.incidents.resolve(ei);
      rt.retry(ei);
    });
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
    for (const w of this.waiters.values())
      w.reject(new Rejection('UNAVAILABLE', 'the engine is shutting down'));
    this.waiters.clear();
    await this.walSync?.idle();
    await new Promise((r) => setImmediate(r));
    this.db.close();
    this.walSync?.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private createInstance(req: CreateInstanceRequest): { key: number; created: CreatedInstance } {
    const vars = parseVariables(req.variables);
    const process = this.findProcess(req);
    let startAt: Element[] | undefined;
    if (req.startInstructions && req.startInstructions.length > 0) {
      startAt = req.startInstructions.map((i) => {
        const e = process.elements.get(i.elementId);
        if (
          !e ||
          e.flowScope !== process.bpmnProcessId ||
          e.type === 'BOUNDARY_EVENT' ||
          e.type === 'EVENT_SUB_PROCESS'
        ) {
          throw invalidArgument(
            `Expected to start the instance at element '${i.elementId}', but it is not a flow element of the process '${process.bpmnProcessId}' (only elements directly in the process are supported)`,
          );
        }
        return e;
      });
    } else if (!process.root.noneStartElement) {
      throw failedPrecondition(
        `Expected to create instance of process with none start event, but there is no such event in process '${process.bpmnProcessId}'`,
      );
    }
    const instance = this.runtime.createInstance(process, vars, startAt ? { startAt } : {});
    return {
      key: instance.key,
      created: {
        processDefinitionKey: String(process.key),
        bpmnProcessId: process.bpmnProcessId,
        version: process.version,
        processInstanceKey: String(instance.key),
        tenantId: TENANT,
      },
    };
  }

  private findProcess(req: CreateInstanceRequest): ExecutableProcess {
    if (req.processDefinitionKey && req.processDefinitionKey !== '0') {
      const key = parseKey(req.processDefinitionKey, 'a process definition');
      const p = this.definitions.byDefinitionKey(key);
      if (!p) throw notFound(`Expected to find process definition with key '${key}', but none found`);
      return p;
    }
    const id = req.bpmnProcessId ?? '';
    if (!id)
      throw invalidArgument(
        'Expected either a processDefinitionKey or a bpmnProcessId, but neither was given',
      );
    const version = req.version ?? -1;
    const p = version > 0 ? this.definitions.version(id, version) : this.definitions.latest(id);
    if (!p) {
      throw notFound(
        version > 0
          ? `Expected to find process definition with process ID '${id}' and version '${version}', but none found`
          : `Expected to find process definition with process ID '${id}', but none found`,
      );
    }
    return p;
  }

  private openJob(jobKey: string, action: string): Job {
    const key = parseKey(jobKey, 'a job');
    return findJob(this.store.instanceOfJob(key).instance, key, action);
  }

  private instanceEnded(instance: InstanceState, variables: () => string): void {
    const waiter = this.waiters.get(instance.key);
    if (!waiter) return;
    this.waiters.delete(instance.key);
    if (instance.status !== 'COMPLETED') {
      this.commandEffects.push(() =>
        waiter.reject(
          failedPrecondition(`the process instance ${instance.key} was terminated before it completed`),
        ),
      );
      return;
    }
    const json = waiter.fetchVariables
      ? this.runtime.variables.visibleJson(instance, instance.key, waiter.fetchVariables)
      : variables();
    this.commandEffects.push(() => waiter.resolve(json));
  }

  /** Due things become one command each (a failing one does not hold back the others). */
  private wake(): void {
    if (this.closed) return;
    const rt = this.runtime;
    this.batcher
      .submit(() => this.scheduler.collectDue(rt.now), true)
      .then((due) => {
        const jobs = (keys: number[], act: (job: Job) => void) =>
          keys.map((k) =>
            this.batcher.submit(() => {
              const job = this.store.instanceOfJob(k).instance?.jobs.get(k);
              if (job) act(job);
            }, true),
          );
        const all = [
          ...due.timers.map((k) =>
            this.batcher.submit(() => {
              const row = this.eventRows.selectTimer.get(k);
              if (row && row.state === 'CREATED' && row.due_date <= rt.now) rt.fireTimer(row);
            }, true),
          ),
          ...jobs(due.jobDeadlines, (job) => rt.jobs.timeOut(job)),
          ...jobs(due.jobRetries, (job) => rt.jobs.backOffOver(job)),
        ];
        return Promise.allSettled(all);
      })
      .then((results) => {
        const failed = results.some((r) => r.status === 'rejected');
        if (failed)
          this.logger.warn(
            'engine: a due timer or job deadline could not be processed; retrying in a second',
          );
        return this.batcher.submit(
          () => this.scheduler.rearm(failed ? this.clock.now() + 1000 : -Infinity),
          true,
        );
      })
      .catch((e) => this.logger.warn(`engine: processing due timers failed: ${(e as Error).message}`));
  }
}
