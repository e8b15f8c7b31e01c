import type { ZBClient } from 'zeebe-node';
import { OperationalError } from '../errors';
import {
  EngineRejection,
  GRPC,
  type DecisionResult,
  type DeployedDecision,
  type DeployedForm,
  type DeployedProcess,
  type EnginePort,
} from '../engine-port';

export {
  EngineRejection,
  GRPC,
  type DecisionResult,
  type DeployedDecision,
  type DeployedForm,
  type DeployedProcess,
};

/**
 * The engine as the platform uses it, over a standard Zeebe client (zeebe-node), so the same code
 * runs against the embedded engine or a Camunda 8 cluster. Each call has a time limit; a call the
 * engine could not answer (down, overloaded, too slow) becomes an OperationalError, a call it refused
 * an EngineRejection.
 */
export class EngineClient implements EnginePort {
  constructor(
    readonly zeebe: ZBClient,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Starts a process instance; returns its key. */
  async createProcessInstance(bpmnProcessId: string, variables: Record<string, unknown>): Promise<string> {
    const res = await this.call('create process instance', () =>
      this.zeebe.createProcessInstance({ bpmnProcessId, variables: variables as never }),
    );
    return String(res.processInstanceKey);
  }

  /** Cancels a process instance; an instance already gone counts as cancelled. */
  async cancelProcessInstance(key: string): Promise<void> {
    try {
      await this.call('cancel process instance', () => this.zeebe.cancelProcessInstance(key));
    } catch (e) {
      if (e instanceof EngineRejection && e.grpcCode === GRPC.NOT_FOUND) return;
      throw e;
    }
  }

  /**
   * Publishes a message. The messageId makes a repeated publish (outbox retry) harmless: the engine
   * answers ALREADY_EXISTS while the first is buffered, which counts as success.
   */
  async publishMessage(m: {
    name: string;
    correlationKey: string;
    messageId: string;
    ttlMs: number;
    variables?: Record<string, unknown>;
  }): Promise<void> {
    try {
      await this.call('publish message', () =>
        this.zeebe.publishMessage({
          name: m.name,
          correlationKey: m.correlationKey,
          messageId: m.messageId,
          timeToLive: m.ttlMs,
          variables: (m.variables ?? {}) as never,
        }),
      );
    } catch (e) {
      if (e instanceof EngineRejection && e.grpcCode === GRPC.ALREADY_EXISTS) return;
      throw e;
    }
  }

  /** Evaluates a decision (latest version of `decisionId`) with the given variables. */
  async evaluateDecision(decisionId: string, variables: Record<string, unknown>): Promise<DecisionResult> {
    const res = await this.call('evaluate decision', () =>
      this.zeebe.evaluateDecision({ decisionId, variables: variables as never }),
    );
    if (res.failedDecisionId || res.failureMessage) {
      throw new EngineRejection(
        GRPC.FAILED_PRECONDITION,
        `decision ${res.failedDecisionId || decisionId} failed: ${res.failureMessage}`,
      );
    }
    return {
      decisionKey: String(res.decisionKey),
      decisionVersion: Number(res.decisionVersion),
      output: res.decisionOutput ? JSON.parse(res.decisionOutput) : null,
    };
  }

  /** Deploys one BPMN, DMN or form (`.form`) resource; returns what the engine registered. */
  async deploy(
    name: string,
    content: Buffer,
  ): Promise<Array<DeployedProcess | DeployedDecision | DeployedForm>> {
    const res = await this.call<{ deployments: unknown[] }>('deploy', () =>
      name.endsWith('.dmn')
        ? this.zeebe.deployResource({ name, decision: content })
        : name.endsWith('.form')
          ? this.zeebe.deployResource({ name, form: content })
          : this.zeebe.deployResource({ name, process: content }),
    );
    const out: Array<DeployedProcess | DeployedDecision | DeployedForm> = [];
    for (const d of res.deployments as unknown as Array<Record<string, Record<string, unknown>>>) {
      if (d.process) {
        out.push({
          kind: 'process',
          bpmnProcessId: String(d.process.bpmnProcessId),
          version: Number(d.process.version),
          key: String(d.process.processDefinitionKey),
          resourceName: String(d.process.resourceName),
        });
      } else if (d.decision) {
        out.push({
          kind: 'decision',
          decisionId: String(d.decision.dmnDecisionId),
          version: Number(d.decision.version),
          key: String(d.decision.decisionKey),
        });
      } else if (d.form) {
        out.push({
          kind: 'form',
          formId: String(d.form.formId),
          version: Number(d.form.version),
          key: String(d.form.formKey),
        });
      }
    }
    return out;
  }

  /** Brokers the gateway reports; throws when it cannot be reached. */
  async topology(): Promise<{ brokers: number; gatewayVersion: string }> {
    const t = await this.call('topology', () => this.zeebe.topology(), 3000);
    return { brokers: t.brokers.length, gatewayVersion: t.gatewayVersion };
  }

  private async call<T>(what: string, fn: () => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new OperationalError(
              'engine_timeout',
              `the engine did not answer "${what}" within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([fn(), timeout]);
    } catch (e) {
      throw classify(what, e);
    } finally {
      clearTimeout(timer);
    }
  }
}

function classify(what: string, e: unknown): Error {
  if (e instanceof OperationalError || e instanceof EngineRejection) return e;
  const err = e as { code?: number; details?: string; message?: string };
  const message = err.details || err.message || String(e);
  const rejections: number[] = [
    GRPC.INVALID_ARGUMENT,
    GRPC.NOT_FOUND,
    GRPC.ALREADY_EXISTS,
    GRPC.FAILED_PRECONDITION,
  ];
  if (typeof err.code === 'number' && rejections.includes(err.code)) {
    return new EngineRejection(err.code, `${what}: ${message}`);
  }
  if (err.code === GRPC.UNAUTHENTICATED) {
    return new OperationalError(
      'engine_credentials_refused',
      `the engine refused the platform's credentials to ${what}: ${message}`,
      {
        cause: e,
        advice:
          'an operator must fix the credentials (ZEEBE_CLIENT_ID/ZEEBE_CLIENT_SECRET with ZEEBE_AUTHORIZATION_SERVER_URL, or CAMUNDA_BASIC_AUTH_USERNAME/PASSWORD, or IPLUS_ENGINE_CLIENT_SECRET)',
      },
    );
  }
  return new OperationalError('engine_unavailable', `the engine could not ${what}: ${message}`, { cause: e });
}
