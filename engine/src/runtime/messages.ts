import { Rejection } from '../errors';
import type { EventRows, MessageSubscriptionRow } from '../state/event-rows';
import type { RuntimeApi } from './runtime-api';
import type { Variables } from './variables';

export interface PublishRequest {
  name: string;
  correlationKey: string;
  timeToLive: number;
  messageId: string;
  variables: Variables;
}

/**
 * Message correlation as Zeebe does it: a message goes to open subscriptions with its name and
 * correlation key, at most once per process (BPMN process id); message start events start new
 * instances (one at a time per correlation key); with a time to live it is buffered and
 * correlated to subscriptions opened later, oldest message first.
 */
export class Messages {
  constructor(
    private readonly rt: RuntimeApi,
    private readonly rows: EventRows,
  ) {}

  publish(req: PublishRequest): number {
    return this.publishAndCorrelate(req).key;
  }

  /** Publishes a message; answers its key and the instance each process correlated it to (in order). */
  publishAndCorrelate(req: PublishRequest): { key: number; correlated: Map<string, number> } {
    const rt = this.rt;
    const rows = this.rows;
    if (req.messageId && rows.selectMessageById.get(req.name, req.correlationKey, req.messageId, rt.now)) {
      throw new Rejection(
        'ALREADY_EXISTS',
        `Expected to publish a new message with id '${req.messageId}', but a message with that id was already published`,
      );
    }
    const key = rt.keys.next();
    const correlated = new Map<string, number>();
    for (const sub of rows.selectOpenSubscriptions.all(req.name, req.correlationKey)) {
      if (correlated.has(sub.bpmn_process_id)) continue;
      if (this.correlate(sub, req.variables)) correlated.set(sub.bpmn_process_id, sub.process_instance_key);
    }
    for (const start of rows.selectStartSubscriptions.all('message', req.name)) {
      if (correlated.has(start.bpmn_process_id)) continue;
      if (req.correlationKey !== '' && rows.selectStartLock.get(start.bpmn_process_id, req.correlationKey))
        continue;
      const process = rt.definitions.byDefinitionKey(start.process_definition_key);
      if (!process) continue;
      const instance = rt.createInstance(process, req.variables, {
        startAt: [process.element(start.element_id)],
      });
      if (req.correlationKey !== '')
        rows.insertStartLock.run(start.bpmn_process_id, req.correlationKey, instance.key);
      correlated.set(start.bpmn_process_id, instance.key);
    }
    if (req.timeToLive > 0) {
      const deadline = rt.now + req.timeToLive;
      rows.insertMessage.run(
        key,
        req.name,
        req.correlationKey,
        req.messageId,
        JSON.stringify(req.variables),
        deadline,
        rt.now,
      );
      for (const [bpmnProcessId, instanceKey] of correlated)
        rows.insertCorrelation.run(key, bpmnProcessId, instanceKey);
      rt.ports.wakeAt(deadline);
    }
    return { key, correlated };
  }

  /** A subscription just opened: it takes the oldest live buffered message not yet used by its process. */
  correlateBuffered(subscriptionKey: number): void {
    const sub = this.rows.selectSubscription.get(subscriptionKey);
    if (!sub || sub.state !== 'CREATED') return;
    for (const m of this.rows.selectBufferedMessages.all(
      sub.message_name,
      sub.correlation_key,
      this.rt.now,
    )) {
      if (this.rows.selectCorrelation.get(m.key, sub.bpmn_process_id)) continue;
      if (this.correlate(sub, JSON.parse(m.variables) as Variables)) {
        this.rows.insertCorrelation.run(m.key, sub.bpmn_process_id, sub.process_instance_key);
      }
      return;
    }
  }

  /**
   * A process instance ended: its message start lock (one instance per correlation key) is
   * released, and a buffered message with that key, if any, starts the next instance.
   */
  releaseStartLock(instanceKey: number): void {
    const locks = this.rows.selectStartLocksOf.all(instanceKey);
    if (locks.length === 0) return;
    this.rows.deleteStartLocks.run(instanceKey);
    this.rt.defer(() => {
      for (const lock of locks) this.startFromBuffer(lock.bpmn_process_id, lock.correlation_key);
    });
  }

  private startFromBuffer(bpmnProcessId: string, correlationKey: string): void {
    const rt = this.rt;
    if (this.rows.selectStartLock.get(bpmnProcessId, correlationKey)) return;
    for (const start of this.rows.selectMessageStartsOfProcess.all(bpmnProcessId)) {
      for (const m of this.rows.selectBufferedMessages.all(start.name, correlationKey, rt.now)) {
        if (this.rows.selectCorrelation.get(m.key, bpmnProcessId)) continue;
        const process = rt.definitions.byDefinitionKey(start.process_definition_key);
        if (!process) return;
        const variables = JSON.parse(m.variables) as Variables;
        const instance = rt.createInstance(process, variables, {
          startAt: [process.element(start.element_id)],
        });
        this.rows.insertStartLock.run(bpmnProcessId, correlationKey, instance.key);
        this.rows.insertCorrelation.run(m.key, bpmnProcessId, instance.key);
        return;
      }
    }
  }

  private correlate(sub: MessageSubscriptionRow, variables: Variables): boolean {
    const instance = this.rt.store.get(sub.process_instance_key);
    const owner = instance?.elements.get(sub.element_instance_key);
    if (!instance || !owner) {
      this.rows.closeSubscription.run('DELETED', sub.key);
      return false;
    }
    const event = instance.process.element(sub.element_id);
    if (!this.rt.triggerEvent(owner, event, variables)) return false;
    if (sub.interrupting) this.rows.closeSubscription.run('CORRELATED', sub.key);
    return true;
  }
}
