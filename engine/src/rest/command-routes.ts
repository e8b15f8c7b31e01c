import type { DecisionResult } from '../processor/decisions';
import type { Resource } from '../processor/deploy';
import type { CreatedInstance, CreateInstanceRequest } from '../processor/instance-creation';
import { TENANT } from './entities/item';
import { badRequest } from './problem';
import {
  integer,
  key,
  list,
  object,
  optionalBoolean,
  optionalKey,
  optionalText,
  text,
  variablesJson,
} from './request-fields';
import type { Reply, Route } from './route';
import { deploymentItem } from './deployment-item';

const KEY = '([^/]+)';
const path = (p: string) => new RegExp(`^/v2/${p}$`);
const ok = (body: unknown): Reply => ({ status: 200, body });
const noContent: Reply = { status: 204 };

/** Multipart deployments arrive as `{ resources: [{ name, content }] }` (see server.ts). */
export interface DeploymentBody {
  resources: Resource[];
}

export const COMMAND_ROUTES: Route[] = [
  {
    method: 'POST',
    path: path('deployments'),
    handle: async (c, _p, b) => {
      const body = b as DeploymentBody | undefined;
      if (!body || !Array.isArray(body.resources)) {
        throw badRequest(
          'a deployment is multipart/form-data with one or more files in the part "resources" (.bpmn, .dmn, .form)',
        );
      }
      if (body.resources.length === 0)
        throw badRequest('the deployment has no resources; add files in the part "resources"');
      const result = await c.engine.deploy(body.resources);
      return ok({
        deploymentKey: result.key,
        tenantId: TENANT,
        deployments: result.deployments.map(deploymentItem),
      });
    },
  },
  {
    method: 'POST',
    path: path('process-instances'),
    handle: async (c, _p, b) => {
      const body = object(b ?? {}, 'the body');
      const definitionKey = optionalKey(body.processDefinitionKey, 'process definition');
      const definitionId = optionalText(body.processDefinitionId, 'processDefinitionId');
      if (!definitionKey === !definitionId) {
        throw badRequest(
          'give exactly one of processDefinitionId (with processDefinitionVersion) or processDefinitionKey',
        );
      }
      const request: CreateInstanceRequest = {
        ...(definitionKey ? { processDefinitionKey: definitionKey } : { bpmnProcessId: definitionId }),
        version: integer(body.processDefinitionVersion, 'processDefinitionVersion', -1),
        variables: variablesJson(body.variables),
        startInstructions: list(body.startInstructions, 'startInstructions').map((raw, i) => ({
          elementId: text(
            object(raw, `startInstructions[${i}]`).elementId,
            `startInstructions[${i}].elementId`,
          ),
        })),
      };
      const tags = list(body.tags, 'tags');
      if (optionalBoolean(body.awaitCompletion, 'awaitCompletion')) {
        const done = await c.engine.createProcessInstanceWithResult(request, {
          requestTimeout: integer(body.requestTimeout, 'requestTimeout', 0),
          fetchVariables: list(body.fetchVariables, 'fetchVariables').map((v, i) =>
            text(v, `fetchVariables[${i}]`),
          ),
        });
        return ok(createdItem(done, JSON.parse(done.variables) as Record<string, unknown>, tags));
      }
      return ok(createdItem(await c.engine.createProcessInstance(request), {}, tags));
    },
  },
  {
    method: 'POST',
    path: path(`process-instances/${KEY}/cancellation`),
    handle: async (c, [k]) => {
      await c.engine.cancelProcessInstance(key(k, 'process instance'));
      return noContent;
    },
  },
  {
    method: 'PUT',
    path: path(`element-instances/${KEY}/variables`),
    handle: async (c, [k], b) => {
      const body = object(b, 'the body');
      if (body.variables === undefined) throw badRequest('variables must be a JSON object');
      await c.engine.setVariables(
        key(k, 'element instance'),
        variablesJson(body.variables),
        optionalBoolean(body.local, 'local') ?? false,
      );
      return noContent;
    },
  },
  {
    method: 'POST',
    path: path('messages/publication'),
    handle: async (c, _p, b) => {
      const body = object(b, 'the body');
      const published = await c.engine.publishMessage({
        name: text(body.name, 'name'),
        correlationKey: optionalText(body.correlationKey, 'correlationKey') ?? '',
        timeToLive: integer(body.timeToLive, 'timeToLive', 0),
        messageId: optionalText(body.messageId, 'messageId') ?? '',
        variables: variablesJson(body.variables),
      });
      return ok({ tenantId: TENANT, messageKey: published.key });
    },
  },
  {
    method: 'POST',
    path: path('messages/correlation'),
    handle: async (c, _p, b) => {
      const body = object(b, 'the body');
      const r = await c.engine.correlateMessage({
        name: text(body.name, 'name'),
        correlationKey: optionalText(body.correlationKey, 'correlationKey') ?? '',
        variables: variablesJson(body.variables),
      });
      return ok({ tenantId: TENANT, messageKey: r.key, processInstanceKey: r.processInstanceKey });
    },
  },
  {
    method: 'POST',
    path: path('signals/broadcast'),
    handle: async (c, _p, b) => {
      const body = object(b, 'the body');
      const sent = await c.engine.broadcastSignal(
        text(body.signalName, 'signalName'),
        variablesJson(body.variables),
      );
      return ok({ tenantId: TENANT, signalKey: sent.key });
    },
  },
  {
    method: 'POST',
    path: path('decision-definitions/evaluation'),
    handle: async (c, _p, b) => {
      const body = object(b, 'the body');
      const decisionKey = optionalKey(body.decisionDefinitionKey, 'decision definition');
      const decisionId = optionalText(body.decisionDefinitionId, 'decisionDefinitionId');
      if (!decisionKey === !decisionId) {
        throw badRequest(
          'give exactly one of decisionDefinitionId (the latest version is evaluated) or decisionDefinitionKey',
        );
      }
      const r = await c.engine.evaluateDecision({
        ...(decisionKey ? { decisionKey } : { decisionId }),
        variables: variablesJson(body.variables),
      });
      return ok(evaluationItem(r));
    },
  },
];

function createdItem(created: CreatedInstance, variables: Record<string, unknown>, tags: unknown[]) {
  return {
    processDefinitionId: created.bpmnProcessId,
    processDefinitionVersion: created.version,
    processDefinitionKey: created.processDefinitionKey,
    processInstanceKey: created.processInstanceKey,
    tenantId: TENANT,
    variables,
    tags,
    businessId: null,
  };
}

/** 8.9's EvaluateDecisionResult: the called decision, then every decision evaluated on the way. */
function evaluationItem(r: DecisionResult): Record<string, unknown> {
  return {
    decisionDefinitionId: r.decisionId,
    decisionDefinitionKey: r.decisionKey,
    decisionDefinitionName: r.decisionName,
    decisionDefinitionVersion: r.decisionVersion,
    decisionRequirementsId: r.decisionRequirementsId,
    decisionRequirementsKey: r.decisionRequirementsKey,
    decisionEvaluationKey: r.decisionInstanceKey,
    decisionInstanceKey: r.decisionInstanceKey,
    output: r.decisionOutput,
    failedDecisionDefinitionId: r.failedDecisionId || null,
    failureMessage: r.failureMessage || null,
    tenantId: TENANT,
    evaluatedDecisions: r.evaluatedDecisions.map((e, i) => ({
      decisionDefinitionId: e.decisionId,
      decisionDefinitionKey: e.decisionKey,
      decisionDefinitionName: e.decisionName,
      decisionDefinitionVersion: e.decisionVersion,
      decisionDefinitionType: e.decisionType,
      decisionEvaluationInstanceKey: `${r.decisionInstanceKey}-${i + 1}`,
      output: e.decisionOutput,
      tenantId: TENANT,
      evaluatedInputs: e.evaluatedInputs.map((input) => ({ ...input })),
      matchedRules: e.matchedRules.map((m) => ({
        ruleId: m.ruleId,
        ruleIndex: m.ruleIndex,
        evaluatedOutputs: m.evaluatedOutputs.map((o) => ({ ...o, ruleId: m.ruleId, ruleIndex: m.ruleIndex })),
      })),
    })),
  };
}
