import { prepare, type Db, type Stmt } from '../state/database';
import type { Job } from '../runtime/instance-state';
import type { InstanceStore } from '../runtime/instance-store';
import type { ActivationRequest, Jobs } from '../runtime/jobs';
import type { ActivatedJob } from '../runtime/runtime-api';

/** Largest number of activatable job keys kept in memory per job type; the rest stay in the table. */
const QUEUE_CAPACITY = 10_000;

interface Queued {
  jobKey: number;
  instanceKey: number;
}

interface JobQueue {
  items: Queued[];
  head: number;
  /** True when `items` holds every activatable job of the type (nothing more in the table). */
  complete: boolean;
}

/** A long-polling ActivateJobs request waiting for jobs. */
export interface Poller {
  type: string;
  request: ActivationRequest;
  max: number;
  jobs: ActivatedJob[];
  respond: (jobs: ActivatedJob[]) => void;
  /** False once the client went away (its call was cancelled): it must not be given jobs. */
  alive: () => boolean;
  closed: boolean;
  responding: boolean;
}

/** A StreamActivatedJobs client: jobs are pushed to it as they become activatable. */
export interface JobStream {
  type: string;
  request: ActivationRequest;
  push: (job: ActivatedJob) => void;
  closed: boolean;
}

/**
 * Gets activatable jobs to workers fast: an in-memory queue of job keys per type (loaded from
 * the table on first use, bounded), and waiting long polls and job streams answered as soon as a
 * job appears, in the same transaction that created it.
 */
export class JobDispatcher {
  private readonly queues = new Map<string, JobQueue>();
  private readonly pollers = new Map<string, Poller[]>();
  private readonly streams = new Map<string, JobStream[]>();
  /** Polls given jobs in the transaction being built; answered once it is durable. */
  private readonly answering = new Set<Poller>();
  private readonly selectActivatable: Stmt<[string, number], Queued>;

  constructor(
    db: Db,
    private readonly store: InstanceStore,
    private readonly jobs: () => Jobs,
  ) {
    this.selectActivatable = prepare(
      db,
      `SELECT key AS jobKey, process_instance_key AS instanceKey FROM job
         WHERE type = ? AND state = 'ACTIVATABLE' ORDER BY key LIMIT ?`,
    );
  }

  /** Inside a command: a job became activatable. `effects` run after the commit. */
  jobAvailable(job: Job, effects: Array<() => void>): void {
    const stream = this.nextStream(job.type);
    if (stream) {
      const activated = this.jobs().activate(job, stream.request);
      effects.push(() => stream.push(activated));
      return;
    }
    const poller = this.livePoller(job.type);
    if (poller) {
      poller.jobs.push(this.jobs().activate(job, poller.request));
      if (poller.jobs.length >= poller.max) this.removePoller(poller);
      if (!poller.responding) {
        poller.responding = true;
        this.answering.add(poller);
        effects.push(() => this.answer(poller));
      }
      return;
    }
    const queue = this.queues.get(job.type);
    if (!queue || !queue.complete) return;
    if (queue.items.length - queue.head >= QUEUE_CAPACITY) queue.complete = false;
    else queue.items.push({ jobKey: job.key, instanceKey: job.instance.key });
  }

  /** Inside a command: activates up to `max` jobs of a type for a worker. */
  activate(type: string, request: ActivationRequest, max: number): ActivatedJob[] {
    const result: ActivatedJob[] = [];
    let queue = this.queues.get(type);
    let reloaded = false;
    if (!queue) {
      queue = this.load(type);
      reloaded = true;
    }
    while (result.length < max) {
      if (queue.head >= queue.items.length) {
        if (queue.complete || reloaded) break;
        queue = this.load(type);
        reloaded = true;
        continue;
      }
      const next = queue.items[queue.head++];
      const job = this.store.get(next.instanceKey)?.jobs.get(next.jobKey);
      if (job && job.state === 'ACTIVATABLE') result.push(this.jobs().activate(job, request));
    }
    if (queue.head > 1024 && queue.head * 2 > queue.items.length) {
      queue.items = queue.items.slice(queue.head);
      queue.head = 0;
    }
    return result;
  }

  /**
   * The transaction was committed: polls that got jobs in it take no more (their answer waits for
   * the commit to be durable, and jobs of later transactions must not ride along).
   */
  sealTransaction(): void {
    for (const poller of this.answering) this.removePoller(poller);
    this.answering.clear();
  }

  addPoller(poller: Poller): void {
    const list = this.pollers.get(poller.type) ?? [];
    list.push(poller);
    this.pollers.set(poller.type, list);
  }

  removePoller(poller: Poller): void {
    const list = this.pollers.get(poller.type);
    if (!list) return;
    const i = list.indexOf(poller);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.pollers.delete(poller.type);
  }

  addStream(stream: JobStream): void {
    const list = this.streams.get(stream.type) ?? [];
    list.push(stream);
    this.streams.set(stream.type, list);
  }

  removeStream(stream: JobStream): void {
    stream.closed = true;
    const list = this.streams.get(stream.type);
    if (!list) return;
    const i = list.indexOf(stream);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.streams.delete(stream.type);
  }

  /** Forgets the queues (after a rolled-back transaction); they reload from the table. */
  reset(): void {
    this.queues.clear();
  }

  /** Answers every waiting poll with nothing (on shutdown). */
  releaseAll(): void {
    for (const list of [...this.pollers.values()]) {
      for (const poller of [...list]) {
        this.removePoller(poller);
        this.answer(poller);
      }
    }
    for (const list of [...this.streams.values()]) for (const s of [...list]) this.removeStream(s);
  }

  private answer(poller: Poller): void {
    if (poller.closed) return;
    poller.closed = true;
    this.removePoller(poller);
    poller.respond(poller.jobs);
  }

  private livePoller(type: string): Poller | undefined {
    const list = this.pollers.get(type);
    while (list && list.length > 0) {
      if (list[0].alive()) return list[0];
      const dead = list.shift()!;
      dead.closed = true;
    }
    if (list) this.pollers.delete(type);
    return undefined;
  }

  private nextStream(type: string): JobStream | undefined {
    const list = this.streams.get(type);
    if (!list || list.length === 0) return undefined;
    const stream = list.shift()!;
    list.push(stream);
    return stream;
  }

  private load(type: string): JobQueue {
    const items = this.selectActivatable.all(type, QUEUE_CAPACITY);
    const queue: JobQueue = { items, head: 0, complete: items.length < QUEUE_CAPACITY };
    this.queues.set(type, queue);
    return queue;
  }
}
