import { createHash } from 'node:crypto';
import { invalidArgument } from '../errors';
import { firstDueDate, parseTimer } from '../model/iso8601';
import { MODEL_FORMAT, type ProcessModel } from '../model/process-model';
import { readBpmn } from '../model/read-bpmn';
import type { ExecutableProcess } from '../model/executable-process';
import { evaluateValue } from '../runtime/expressions';
import { TENANT } from '../runtime/jobs';
import { prepare, type Db, type Stmt } from '../state/database';
import type { DefinitionStore } from '../state/definition-store';
import type { EventRows } from '../state/event-rows';
import type { KeyGenerator } from '../state/key-generator';

export interface Resource {
  name: string;
  content: string;
}

export interface ProcessMetadata {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  tenantId: string;
}

export interface DecisionMetadata {
  dmnDecisionId: string;
  dmnDecisionName: string;
  version: number;
  decisionKey: string;
  dmnDecisionRequirementsId: string;
  decisionRequirementsKey: string;
  tenantId: string;
}

/** A deployed Camunda Form, as zeebe.proto's FormMetadata. */
export interface FormMetadata {
  formId: string;
  version: number;
  formKey: string;
  resourceName: string;
  tenantId: string;
}

export interface DecisionRequirementsMetadata {
  dmnDecisionRequirementsId: string;
  dmnDecisionRequirementsName: string;
  version: number;
  decisionRequirementsKey: string;
  resourceName: string;
  tenantId: string;
}

export type DeploymentItem =
  | { process: ProcessMetadata }
  | { decision: DecisionMetadata }
  | { decisionRequirements: DecisionRequirementsMetadata }
  | { form: FormMetadata };

export interface DeploymentResult {
  key: string;
  deployments: DeploymentItem[];
  tenantId: string;
}

/** Deploys decision (.dmn) or form (.form) resources; provided by their stores. */
export interface DmnDeployer {
  /** Validates a resource; returns an error message, or a function that stores it. */
  prepare(
    resource: Resource,
    checksum: string,
  ): string | ((deploymentKey: number, now: number) => DeploymentItem[]);
  /** The stored metadata of this exact resource when it is still the latest version, else undefined. */
  unchanged?(resource: Resource, checksum: string): DeploymentItem[] | undefined;
}

export interface DeployDeps {
  db: Db;
  keys: KeyGenerator;
  definitions: DefinitionStore;
  eventRows: EventRows;
  wakeAt: (time: number) => void;
  dmn?: DmnDeployer;
  forms?: DmnDeployer;
}

const KIND_ORDER = ['process', 'decision', 'decisionRequirements', 'form'];
const kindRank = (item: DeploymentItem) => KIND_ORDER.indexOf(Object.keys(item)[0]!);

/**
 * Zeebe lists a deployment's entries by kind: processes, then decisions, then decision
 * requirements, then forms (clients read `deployments[0]`); within a kind, in resource order.
 */
export function inZeebeOrder(items: DeploymentItem[]): DeploymentItem[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => kindRank(a.item) - kindRank(b.item) || a.i - b.i)
    .map((x) => x.item);
}

const checksumOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Deploys BPMN (and DMN) resources atomically: every resource is read and validated first and
 * nothing is stored when one fails. Identical content for a process id returns the existing
 * version; changed content makes a new version, which takes over the start events.
 */
export class Deployer {
  private readonly insertDeployment: Stmt<[number, number]>;
  /** Zeebe never reuses a version, not even a deleted one. */
  private readonly deletedVersion: Stmt<[string, string], { v: number | null }>;

  constructor(private readonly deps: DeployDeps) {
    this.insertDeployment = prepare(deps.db, 'INSERT INTO deployment (key, deploy_time) VALUES (?, ?)');
    this.deletedVersion = prepare(
      deps.db,
      'SELECT MAX(version) AS v FROM deleted_resource WHERE kind = ? AND resource_id = ?',
    );
  }

  deploy(resources: Resource[], now: number): DeploymentResult {
    if (resources.length === 0)
      throw invalidArgument('Expected to deploy at least one resource, but none was given');
    const unchanged = this.unchangedItems(resources);
    if (unchanged) {
      const deploymentKey = this.deps.keys.next();
      this.insertDeployment.run(deploymentKey, now);
      return { key: String(deploymentKey), deployments: inZeebeOrder(unchanged), tenantId: TENANT };
    }
    const errors: string[] = [];
    const steps: Array<(deploymentKey: number) => DeploymentItem[]> = [];
    const seen = new Set<string>();
    for (const resource of resources) {
      const lower = resource.name.toLowerCase();
      const checksum = checksumOf(resource.content);
      if (lower.endsWith('.bpmn') || lower.endsWith('.xml')) {
        const read = readBpmn(resource.content, resource.name);
        if (!read.ok) {
          errors.push(read.message);
          continue;
        }
        for (const model of read.processes) {
          if (seen.has(model.bpmnProcessId)) {
            errors.push(
              `'${resource.name}': the process id '${model.bpmnProcessId}' is deployed twice in one deployment`,
            );
            continue;
          }
          seen.add(model.bpmnProcessId);
          const timerProblem = this.checkStartTimers(model, now);
          if (timerProblem) {
            errors.push(`'${resource.name}': ${timerProblem}`);
            continue;
          }
          steps.push((deploymentKey) => [
            { process: this.storeProcess(model, resource, checksum, deploymentKey, now) },
          ]);
        }
      } else if (lower.endsWith('.dmn')) {
        if (!this.deps.dmn) {
          errors.push(
            `'${resource.name}': decision models cannot be deployed: this engine has no DMN support loaded`,
          );
          continue;
        }
        const prepared = this.deps.dmn.prepare(resource, checksum);
        if (typeof prepared === 'string') errors.push(prepared);
        else steps.push((deploymentKey) => prepared(deploymentKey, now));
      } else if (lower.endsWith('.form') && this.deps.forms) {
        const prepared = this.deps.forms.prepare(resource, checksum);
        if (typeof prepared === 'string') errors.push(prepared);
        else steps.push((deploymentKey) => prepared(deploymentKey, now));
      } else {
        errors.push(`'${resource.name}': expected a resource ending in .bpmn, .dmn or .form`);
      }
    }
    if (errors.length > 0) {
      throw invalidArgument(
        `Expected to deploy new resources, but encountered the following errors:\n${errors.join('\n')}`,
      );
    }
    const deploymentKey = this.deps.keys.next();
    this.insertDeployment.run(deploymentKey, now);
    const deployments = inZeebeOrder(steps.flatMap((step) => step(deploymentKey)));
    return { key: String(deploymentKey), deployments, tenantId: TENANT };
  }

  /**
   * Every resource identical (name and content) to one deployed before and still the latest version:
   * the answer a full deployment would give, without reading any resource again. A platform redeploys
   * its models and routing tables at every start; parsing them again (DMN tables compile FEEL) held
   * the engine's command loop for about a second per restart, ahead of the work waiting behind it.
   */
  private unchangedItems(resources: Resource[]): DeploymentItem[] | undefined {
    const items: DeploymentItem[] = [];
    const ids = new Set<string>();
    for (const resource of resources) {
      const lower = resource.name.toLowerCase();
      const checksum = checksumOf(resource.content);
      if (lower.endsWith('.dmn')) {
        const found = this.deps.dmn?.unchanged?.(resource, checksum);
        if (!found) return undefined;
        items.push(...found);
        continue;
      }
      if (!lower.endsWith('.bpmn') && !lower.endsWith('.xml')) return undefined;
      const rows = this.deps.definitions.latestOfResource(resource.name, checksum);
      if (!rows) return undefined;
      for (const r of rows) {
        if (ids.has(r.bpmn_process_id)) return undefined; // the full path names this error
        ids.add(r.bpmn_process_id);
        items.push({
          process: {
            bpmnProcessId: r.bpmn_process_id,
            version: r.version,
            processDefinitionKey: String(r.key),
            resourceName: r.resource_name,
            tenantId: TENANT,
          },
        });
      }
    }
    return items;
  }

  private checkStartTimers(model: ProcessModel, now: number): string | undefined {
    for (const e of Object.values(model.elements)) {
      if (e.type !== 'START_EVENT' || e.flowScope !== model.bpmnProcessId || e.event?.kind !== 'timer')
        continue;
      const due = this.startTimerDue(e.event.timer!, now);
      if (typeof due === 'string') return `element '${e.id}': ${due}`;
    }
    return undefined;
  }

  private startTimerDue(timer: { kind: 'date' | 'duration' | 'cycle'; expression: string }, now: number) {
    const value = evaluateValue(timer.expression, {}, { now: () => new Date(now) });
    if (!value.ok) return value.message;
    const spec = parseTimer(timer.kind, String(value.value ?? ''));
    if (!spec.ok) return spec.message;
    return { due: firstDueDate(spec.value, now), spec: spec.value };
  }

  private storeProcess(
    model: ProcessModel,
    resource: Resource,
    checksum: string,
    deploymentKey: number,
    now: number,
  ): ProcessMetadata {
    const { definitions, eventRows, keys } = this.deps;
    const latest = definitions.latestRow(model.bpmnProcessId);
    if (latest && latest.checksum === checksum && latest.resource_name === resource.name) {
      return {
        bpmnProcessId: latest.bpmn_process_id,
        version: latest.version,
        processDefinitionKey: String(latest.key),
        resourceName: latest.resource_name,
        tenantId: TENANT,
      };
    }
    const key = keys.next();
    const version =
      Math.max(latest?.version ?? 0, this.deletedVersion.get('process', model.bpmnProcessId)?.v ?? 0) + 1;
    const process = definitions.insert({
      key,
      bpmn_process_id: model.bpmnProcessId,
      name: model.name ?? null,
      version,
      version_tag: model.versionTag ?? null,
      resource_name: resource.name,
      checksum,
      resource: resource.content,
      model,
      model_format: MODEL_FORMAT,
      deployment_key: deploymentKey,
      deploy_time: now,
    });
    if (latest) {
      eventRows.deleteStartSubscriptions.run(model.bpmnProcessId);
      for (const t of eventRows.selectStartTimers.all(latest.key)) eventRows.deleteTimer.run(t.key);
    }
    this.openStartEvents(process, now);
    return {
      bpmnProcessId: model.bpmnProcessId,
      version,
      processDefinitionKey: String(key),
      resourceName: resource.name,
      tenantId: TENANT,
    };
  }

  /** Opens the start events (message, signal, timer) of the latest version of a process. */
  openStartEvents(process: ExecutableProcess, now: number): void {
    const { eventRows, keys, wakeAt } = this.deps;
    for (const kind of ['message', 'signal']) {
      for (const start of process.startEvents(kind)) {
        eventRows.insertStartSubscription.run(
          process.key,
          start.id,
          kind,
          start.event!.name!,
          process.bpmnProcessId,
        );
      }
    }
    for (const start of process.startEvents('timer')) {
      const r = this.startTimerDue(start.event!.timer!, now);
      if (typeof r === 'string') continue;
      const cycle = r.spec.kind === 'cycle' ? r.spec : undefined;
      eventRows.insertTimer.run(
        keys.next(),
        'CREATED',
        r.due,
        cycle ? cycle.repetitions : 1,
        cycle ? cycle.text : null,
        start.id,
        process.key,
        null,
        null,
      );
      wakeAt(r.due);
    }
  }
}
