import type { ElementBehaviour } from '../runtime-api';
import { evaluateString } from '../expressions';

/**
 * Call activity: starts an instance of another process (latest version, the version deployed
 * together, or a version tag) with the caller's variables; completes when that instance does.
 */
export const callActivity: ElementBehaviour = {
  activated(rt, ei) {
    const call = ei.element.calledElement!;
    const context = rt.context(ei);
    const id = evaluateString(call.processId, context, 'the called process id', rt.feel);
    if (!id.ok) return rt.raiseIncident(ei, 'EXTRACT_VALUE_ERROR', id.message);
    const caller = ei.instance.process.info;
    const process =
      call.bindingType === 'deployment'
        ? rt.definitions.inDeployment(id.value, caller.deploymentKey)
        : call.bindingType === 'versionTag'
          ? rt.definitions.versionTag(id.value, call.versionTag ?? '')
          : rt.definitions.latest(id.value);
    if (!process) {
      return rt.raiseIncident(
        ei,
        'CALLED_ELEMENT_ERROR',
        `Expected process with BPMN process id '${id.value}' to be deployed` +
          (call.bindingType === 'latest'
            ? ''
            : ` (binding ${call.bindingType}${call.versionTag ? ` '${call.versionTag}'` : ''})`) +
          ', but not found.',
      );
    }
    if (!process.root.noneStartElement) {
      return rt.raiseIncident(
        ei,
        'CALLED_ELEMENT_ERROR',
        `Expected process with BPMN process id '${id.value}' to have a none start event, but not found.`,
      );
    }
    const variables = call.propagateAllParentVariables ? context : rt.variables.local(ei.instance, ei.key);
    const child = rt.createInstance(process, variables, { parent: ei });
    ei.data.calledInstanceKey = child.key;
    rt.store.elementChanged(ei);
  },
  terminating(rt, ei) {
    const key = ei.data.calledInstanceKey;
    if (key === undefined) return;
    const child = rt.store.get(key);
    if (child) rt.terminate(child.root);
  },
};
