import type * as grpc from '@grpc/grpc-js';
import type { Engine } from '../processor/engine';
import { toServiceError } from './status';

// Requests as @grpc/proto-loader decodes them (keepCase, longs as strings, defaults filled in).
type Req = Record<string, unknown>;
type Unary = (call: grpc.ServerUnaryCall<Req, unknown>, callback: grpc.sendUnaryData<unknown>) => void;
type Streaming = (call: grpc.ServerWritableStream<Req, unknown>) => void;

const num = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Answers a unary call from a promise, mapping refusals to Zeebe's status codes. */
function unary(work: (req: Req) => Promise<unknown>): Unary {
  return (call, callback) => {
    let p: Promise<unknown>;
    try {
      p = work(call.request);
    } catch (e) {
      callback(toServiceError(e) as grpc.ServiceError, null);
      return;
    }
    p.then(
      (value) => callback(null, value ?? {}),
      (e) => callback(toServiceError(e) as grpc.ServiceError, null),
    );
  };
}

export interface TopologyInfo {
  host: string;
  port: () => number;
  version: string;
}

/** The Zeebe gateway service's handlers, over an Engine. */
export function gatewayHandlers(engine: Engine, topology: TopologyInfo): Record<string, Unary | Streaming> {
  const activateJobs: Streaming = (call) => {
    const r = call.request;
    let cancelled = false;
    let cancel: (() => void) | undefined;
    call.on('cancelled', () => {
      cancelled = true;
      cancel?.();
    });
    engine
      .activateJobs(
        {
          type: str(r.type),
          worker: str(r.worker),
          timeout: num(r.timeout),
          maxJobsToActivate: num(r.maxJobsToActivate),
          fetchVariable: (r.fetchVariable as string[]) ?? [],
          requestTimeout: num(r.requestTimeout),
        },
        (c) => (cancel = c),
        () => !cancelled && !call.cancelled,
      )
      .then(
        (jobs) => {
          if (cancelled) return;
          // Always one response, empty when the poll timed out: zeebe-node's activateJobs waits for data.
          call.write({ jobs });
          call.end();
        },
        (e) => {
          // 'error' (not destroy) so the stream ends with the status and its details
          if (!cancelled) call.emit('error', toServiceError(e));
        },
      );
  };

  const streamActivatedJobs: Streaming = (call) => {
    const r = call.request;
    try {
      const close = engine.openJobStream(
        {
          type: str(r.type),
          worker: str(r.worker),
          timeout: num(r.timeout),
          fetchVariable: (r.fetchVariable as string[]) ?? [],
        },
        (job) => call.write(job),
      );
      call.on('cancelled', close);
      call.on('close', close);
    } catch (e) {
      call.emit('error', toServiceError(e));
    }
  };

  const deployResource = unary((r) =>
    engine.deploy(
      ((r.resources as Array<{ name: string; content: Buffer }>) ?? []).map((res) => ({
        name: res.name,
        content: Buffer.from(res.content ?? []).toString('utf8'),
      })),
    ),
  );

  const deployProcess = unary(async (r) => {
    const result = await engine.deploy(
      ((r.processes as Array<{ name: string; definition: Buffer }>) ?? []).map((p) => ({
        name: p.name,
        content: Buffer.from(p.definition ?? []).toString('utf8'),
      })),
    );
    return {
      key: result.key,
      processes: result.deployments.flatMap((d) => ('process' in d ? [d.process] : [])),
    };
  });

  const createRequest = (r: Req) => ({
    processDefinitionKey: str(r.processDefinitionKey),
    bpmnProcessId: str(r.bpmnProcessId),
    version: num(r.version),
    variables: str(r.variables),
    startInstructions: (r.startInstructions as Array<{ elementId: string }>) ?? [],
  });

  return {
    Topology: unary(async () => ({
      brokers: [
        {
          nodeId: 0,
          host: topology.host,
          port: topology.port(),
          partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
          version: topology.version,
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: topology.version,
    })),
    DeployResource: deployResource,
    DeployProcess: deployProcess,
    CreateProcessInstance: unary((r) => engine.createProcessInstance(createRequest(r))),
    CreateProcessInstanceWithResult: unary((r) =>
      engine.createProcessInstanceWithResult(createRequest((r.request as Req) ?? {}), {
        requestTimeout: num(r.requestTimeout),
        fetchVariables: (r.fetchVariables as string[]) ?? [],
      }),
    ),
    ActivateJobs: activateJobs,
    StreamActivatedJobs: streamActivatedJobs,
    CompleteJob: unary((r) => engine.completeJob(str(r.jobKey), str(r.variables))),
    FailJob: unary((r) =>
      engine.failJob(
        str(r.jobKey),
        num(r.retries),
        str(r.errorMessage),
        num(r.retryBackOff),
        str(r.variables),
      ),
    ),
    ThrowError: unary((r) =>
      engine.throwError(str(r.jobKey), str(r.errorCode), str(r.errorMessage), str(r.variables)),
    ),
    PublishMessage: unary((r) =>
      engine.publishMessage({
        name: str(r.name),
        correlationKey: str(r.correlationKey),
        timeToLive: num(r.timeToLive),
        messageId: str(r.messageId),
        variables: str(r.variables),
      }),
    ),
    CancelProcessInstance: unary((r) => engine.cancelProcessInstance(str(r.processInstanceKey))),
    SetVariables: unary((r) =>
      engine.setVariables(str(r.elementInstanceKey), str(r.variables), r.local === true),
    ),
    ResolveIncident: unary((r) => engine.resolveIncident(str(r.incidentKey))),
    UpdateJobRetries: unary((r) => engine.updateJobRetries(str(r.jobKey), num(r.retries))),
    UpdateJobTimeout: unary((r) => engine.updateJobTimeout(str(r.jobKey), num(r.timeout))),
    EvaluateDecision: unary((r) =>
      engine.evaluateDecision({
        decisionKey: str(r.decisionKey),
        decisionId: str(r.decisionId),
        variables: str(r.variables),
      }),
    ),
    BroadcastSignal: unary((r) => engine.broadcastSignal(str(r.signalName), str(r.variables))),
    ModifyProcessInstance: unary(async (r) => {
      type Activate = { elementId: string; ancestorElementInstanceKey: string; variableInstructions?: Req[] };
      await engine.modifyProcessInstance({
        processInstanceKey: str(r.processInstanceKey),
        activateInstructions: ((r.activateInstructions as Activate[]) ?? []).map((a) => ({
          elementId: str(a.elementId),
          ancestorElementInstanceKey: str(a.ancestorElementInstanceKey),
          variableInstructions: (a.variableInstructions ?? []).map((v) => ({
            variables: str(v.variables),
            scopeId: str(v.scopeId),
          })),
        })),
        terminateInstructions: ((r.terminateInstructions as Req[]) ?? []).map((t) => ({
          elementInstanceKey: str(t.elementInstanceKey),
        })),
      });
      return {};
    }),
    MigrateProcessInstance: unary(async (r) => {
      const plan = (r.migrationPlan as Req | null) ?? {};
      await engine.migrateProcessInstance({
        processInstanceKey: str(r.processInstanceKey),
        targetProcessDefinitionKey: str(plan.targetProcessDefinitionKey),
        mappingInstructions: ((plan.mappingInstructions as Req[]) ?? []).map((i) => ({
          sourceElementId: str(i.sourceElementId),
          targetElementId: str(i.targetElementId),
        })),
      });
      return {};
    }),
    DeleteResource: unary(async (r) => {
      await engine.deleteResource(str(r.resourceKey));
      return {};
    }),
  };
}
