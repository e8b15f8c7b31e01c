import { key, list, object, optionalKey, text } from './request-fields';
import type { Reply, Route } from './route';

const KEY = '([^/]+)';
const path = (p: string) => new RegExp(`^/v2/${p}$`);

/** Camunda 8.8's modification, migration and resource deletion endpoints, through the engine. */
export const INSTANCE_OPERATION_ROUTES: Route[] = [
  {
    method: 'POST',
    path: path(`process-instances/${KEY}/modification`),
    handle: async (c, [k], b) => {
      const body = object(b ?? {}, 'the body');
      await c.engine.modifyProcessInstance({
        processInstanceKey: key(k, 'process instance'),
        activateInstructions: list(body.activateInstructions, 'activateInstructions').map((raw, i) => {
          const a = object(raw, `activateInstructions[${i}]`);
          return {
            elementId: text(a.elementId, `activateInstructions[${i}].elementId`),
            // -1 (Camunda's default) and absent both mean: no ancestor given
            ancestorElementInstanceKey: optionalKey(
              a.ancestorElementInstanceKey === '-1' || a.ancestorElementInstanceKey === -1
                ? undefined
                : a.ancestorElementInstanceKey,
              `activateInstructions[${i}].ancestorElementInstanceKey`,
            ),
            variableInstructions: list(
              a.variableInstructions,
              `activateInstructions[${i}].variableInstructions`,
            ).map((rawV, j) => {
              const v = object(rawV, `activateInstructions[${i}].variableInstructions[${j}]`);
              const where = `activateInstructions[${i}].variableInstructions[${j}]`;
              return {
                variables: JSON.stringify(object(v.variables ?? {}, `${where}.variables`)),
                scopeId:
                  v.scopeId === undefined || v.scopeId === null
                    ? ''
                    : text(v.scopeId, `${where}.scopeId`, true),
              };
            }),
          };
        }),
        terminateInstructions: list(body.terminateInstructions, 'terminateInstructions').map((raw, i) => ({
          elementInstanceKey: key(
            String(object(raw, `terminateInstructions[${i}]`).elementInstanceKey ?? ''),
            'element instance',
          ),
        })),
      });
      return noContent;
    },
  },
  {
    method: 'POST',
    path: path(`process-instances/${KEY}/migration`),
    handle: async (c, [k], b) => {
      const body = object(b, 'the body');
      await c.engine.migrateProcessInstance({
        processInstanceKey: key(k, 'process instance'),
        targetProcessDefinitionKey: key(String(body.targetProcessDefinitionKey ?? ''), 'process definition'),
        mappingInstructions: list(body.mappingInstructions, 'mappingInstructions').map((raw, i) => {
          const m = object(raw, `mappingInstructions[${i}]`);
          return {
            sourceElementId: text(m.sourceElementId, `mappingInstructions[${i}].sourceElementId`),
            targetElementId: text(m.targetElementId, `mappingInstructions[${i}].targetElementId`),
          };
        }),
      });
      return noContent;
    },
  },
  {
    method: 'POST',
    path: path(`resources/${KEY}/deletion`),
    handle: async (c, [k]) => {
      await c.engine.deleteResource(key(k, 'resource'));
      return { status: 200 };
    },
  },
];

const noContent: Reply = { status: 204 };
