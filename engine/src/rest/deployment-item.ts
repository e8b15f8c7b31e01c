import type { DeploymentItem } from '../processor/deploy';
import { TENANT } from './entities/item';

/**
 * One entry of a deployment in 8.9's shape: exactly one of processDefinition, decisionDefinition,
 * decisionRequirements or form is set, the others (and `resource`, for other resource kinds) null.
 */
export function deploymentItem(d: DeploymentItem): Record<string, unknown> {
  const item: Record<string, unknown> = {
    processDefinition: null,
    decisionDefinition: null,
    decisionRequirements: null,
    form: null,
    resource: null,
  };
  if ('process' in d) {
    item.processDefinition = {
      processDefinitionId: d.process.bpmnProcessId,
      processDefinitionVersion: d.process.version,
      processDefinitionKey: d.process.processDefinitionKey,
      resourceName: d.process.resourceName,
      tenantId: TENANT,
    };
  } else if ('decision' in d) {
    item.decisionDefinition = {
      decisionDefinitionId: d.decision.dmnDecisionId,
      name: d.decision.dmnDecisionName,
      version: d.decision.version,
      decisionDefinitionKey: d.decision.decisionKey,
      decisionRequirementsId: d.decision.dmnDecisionRequirementsId,
      decisionRequirementsKey: d.decision.decisionRequirementsKey,
      tenantId: TENANT,
    };
  } else if ('decisionRequirements' in d) {
    item.decisionRequirements = {
      decisionRequirementsId: d.decisionRequirements.dmnDecisionRequirementsId,
      decisionRequirementsName: d.decisionRequirements.dmnDecisionRequirementsName,
      version: d.decisionRequirements.version,
      decisionRequirementsKey: d.decisionRequirements.decisionRequirementsKey,
      resourceName: d.decisionRequirements.resourceName,
      tenantId: TENANT,
    };
  } else {
    item.form = {
      formId: d.form.formId,
      version: d.form.version,
      formKey: d.form.formKey,
      resourceName: d.form.resourceName,
      tenantId: TENANT,
    };
  }
  return item;
}
