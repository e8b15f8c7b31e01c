import { invalidArgument } from '../errors';
import { parseDmn, evaluateDecision, type DmnDefinitions, type EvaluatedDecision } from '../dmn';
import type { EvaluationOptions } from '../feel';
import { evaluateString } from '../runtime/expressions';
import type { ElementInstance } from '../runtime/instance-state';
import { TENANT } from '../runtime/jobs';
import type { DecisionPort, RuntimeApi } from '../runtime/runtime-api';
import type { Variables } from '../runtime/variables';
import { prepare, type Db, type Stmt } from '../state/database';
import { DecisionRows, type DecisionRow } from '../state/decision-rows';
import type { KeyGenerator } from '../state/key-generator';
import type { DeploymentItem, DmnDeployer, Resource } from './deploy';

/** EvaluateDecision's answer, as zeebe.proto has it. */
export interface DecisionResult {
  decisionKey: string;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: string;
  decisionOutput: string;
  evaluatedDecisions: Array<
    EvaluatedDecision & { decisionKey: string; decisionVersion: number; tenantId: string }
  >;
  failedDecisionId: string;
  failureMessage: string;
  tenantId: string;
  /** The recorded evaluation (a decision instance row; zeebe.proto's decisionInstanceKey). */
  decisionInstanceKey: string;
}

interface Evaluation {
  decision: DecisionRow;
  ok: boolean;
  output: unknown;
  message: string;
  failedDecisionId: string;
  evaluated: DecisionResult['evaluatedDecisions'];
  instanceKey: number;
}

/**
 * Decisions: deploying DMN (versioned per decision requirements graph and per decision id),
 * business rule tasks, and the EvaluateDecision command. Every evaluation is recorded as a
 * decision instance row (which rules matched, with which inputs).
 */
export class Decisions implements DmnDeployer, DecisionPort {
  private readonly rows: DecisionRows;
  private readonly parsed = new Map<number, DmnDefinitions>();
  /** Zeebe never reuses a version, not even a deleted one. */
  private readonly deletedVersion: Stmt<[string, string], { v: number | null }>;

  constructor(
    db: Db,
    private readonly keys: KeyGenerator,
  ) {
    this.rows = new DecisionRows(db);
    this.deletedVersion = prepare(
      db,
      'SELECT MAX(version) AS v FROM deleted_resource WHERE kind = ? AND resource_id = ?',
    );
  }

  prepare(
    resource: Resource,
    checksum: string,
  ): string | ((deploymentKey: number, now: number) => DeploymentItem[]) {
    const parsed = parseDmn(resource.content);
    if (!parsed.ok) return `'${resource.name}': ${parsed.message}`;
    const definitions = parsed.definitions;
    return (deploymentKey, now) => this.store(resource, checksum, definitions, deploymentKey, now);
  }

  /**
   * The metadata of this very resource (same name and content) when it is still the latest version
   * of its decision requirements graph: a redeploy that needs no parsing.
   */
  unchanged(resource: Resource, checksum: string): DeploymentItem[] | undefined {
    const row = this.rows.requirementsOfResource.get(resource.name, checksum);
    if (!row) return undefined;
    const latest = this.rows.latestRequirements.get(row.decision_requirements_id);
    if (!latest || latest.key !== row.key) return undefined;
    return this.metadata(
      latest.key,
      latest.decision_requirements_id,
      latest.name ?? '',
      latest.version,
      resource.name,
    );
  }

  evaluateForTask(
    rt: RuntimeApi,
    ei: ElementInstance,
    call: NonNullable<ElementInstance['element']['calledDecision']>,
    context: Variables,
  ) {
    const id = evaluateString(call.decisionId, context, 'the called decision id', rt.feel);
    if (!id.ok) return { ...id, incidentType: 'EXTRACT_VALUE_ERROR' as const };
    const decision =
      call.bindingType === 'deployment'
        ? this.rows.decisionInDeployment.get(id.value, ei.instance.process.info.deploymentKey)
        : call.bindingType === 'versionTag'
          ? this.rows.decisionByVersionTag.get(id.value, call.versionTag ?? '')
          : this.rows.latestDecision.get(id.value);
    if (!decision) {
      return {
        ok: false as const,
        message: `Expected to evaluate decision '${id.value}'${call.bindingType === 'latest' ? '' : ` (binding ${call.bindingType}${call.versionTag ? ` '${call.versionTag}'` : ''})`}, but no decision found for id '${id.value}'`,
        incidentType: 'CALLED_DECISION_ERROR' as const,
      };
    }
    const r = this.evaluate(decision, context, rt.now, rt.feel, {
      instanceKey: ei.instance.key,
      elementInstanceKey: ei.key,
      elementId: ei.element.id,
    });
    if (!r.ok)
      return { ok: false as const, message: r.message, incidentType: 'DECISION_EVALUATION_ERROR' as const };
    return { ok: true as const, value: r.output };
  }

  /** The EvaluateDecision command: by key, or the latest version of a decision id. */
  evaluateRequest(
    req: { decisionKey?: string; decisionId?: string; variables: Variables },
    now: number,
  ): DecisionResult {
    const byKey = req.decisionKey && req.decisionKey !== '0';
    if (byKey === !!req.decisionId) {
      throw invalidArgument(
        'Expected either a decision id or a decision key, but ' +
          (byKey ? 'both were given' : 'none was given'),
      );
    }
    const decision = byKey
      ? this.rows.decisionByKey.get(Number(req.decisionKey))
      : this.rows.latestDecision.get(req.decisionId!);
    if (!decision) {
      throw invalidArgument(
        byKey
          ? `Expected to evaluate decision with key '${req.decisionKey}', but no such decision was found`
          : `Expected to evaluate decision '${req.decisionId}', but no such decision was found`,
      );
    }
    const r = this.evaluate(decision, req.variables, now, { now: () => new Date(now) });
    return {
      decisionKey: String(decision.key),
      decisionId: decision.decision_id,
      decisionName: decision.name ?? '',
      decisionVersion: decision.version,
      decisionRequirementsId: decision.decision_requirements_id,
      decisionRequirementsKey: String(decision.decision_requirements_key),
      decisionOutput: r.ok ? JSON.stringify(r.output ?? null) : '',
      evaluatedDecisions: r.evaluated,
      failedDecisionId: r.ok ? '' : r.failedDecisionId,
      failureMessage: r.ok ? '' : r.message,
      tenantId: TENANT,
      decisionInstanceKey: String(r.instanceKey),
    };
  }

  private evaluate(
    decision: DecisionRow,
    variables: Variables,
    now: number,
    feel: EvaluationOptions,
    owner?: { instanceKey: number; elementInstanceKey: number; elementId: string },
  ): Evaluation {
    const definitions = this.definitionsOf(decision.decision_requirements_key);
    const r = evaluateDecision(definitions, decision.decision_id, variables, feel);
    const siblings = new Map(
      this.rows.decisionsOfRequirements
        .all(decision.decision_requirements_key)
        .map((d) => [d.decision_id, d]),
    );
    const evaluated = r.evaluatedDecisions.map((e) => ({
      ...e,
      decisionKey: String(siblings.get(e.decisionId)?.key ?? 0),
      decisionVersion: siblings.get(e.decisionId)?.version ?? 0,
      tenantId: TENANT,
    }));
    const instanceKey = this.keys.next();
    this.rows.insertInstance.run(
      instanceKey,
      r.ok ? 'EVALUATED' : 'FAILED',
      decision.key,
      decision.decision_id,
      decision.version,
      decision.decision_requirements_key,
      owner?.instanceKey ?? null,
      owner?.elementInstanceKey ?? null,
      owner?.elementId ?? null,
      now,
      r.ok ? JSON.stringify(r.output ?? null) : null,
      JSON.stringify(evaluated),
      r.ok ? null : r.message,
    );
    return r.ok
      ? { decision, ok: true, output: r.output, message: '', failedDecisionId: '', evaluated, instanceKey }
      : {
          instanceKey,
          decision,
          ok: false,
          output: null,
          message: r.message,
          failedDecisionId: r.failedDecisionId,
          evaluated,
        };
  }

  private definitionsOf(requirementsKey: number): DmnDefinitions {
    const cached = this.parsed.get(requirementsKey);
    if (cached) return cached;
    const row = this.rows.requirementsByKey.get(requirementsKey);
    if (!row) throw new Error(`decision requirements ${requirementsKey} are missing`);
    const parsed = parseDmn(row.resource);
    if (!parsed.ok)
      throw new Error(`stored decision requirements ${requirementsKey} no longer parse: ${parsed.message}`);
    this.parsed.set(requirementsKey, parsed.definitions);
    return parsed.definitions;
  }

  private store(
    resource: Resource,
    checksum: string,
    definitions: DmnDefinitions,
    deploymentKey: number,
    now: number,
  ): DeploymentItem[] {
    const latest = this.rows.latestRequirements.get(definitions.drgId);
    if (latest && latest.checksum === checksum && latest.resource_name === resource.name) {
      return this.metadata(
        latest.key,
        latest.decision_requirements_id,
        latest.name ?? '',
        latest.version,
        resource.name,
      );
    }
    const key = this.keys.next();
    const version =
      Math.max(
        latest?.version ?? 0,
        this.deletedVersion.get('decisionRequirements', definitions.drgId)?.v ?? 0,
      ) + 1;
    this.rows.insertRequirements.run(
      key,
      definitions.drgId,
      definitions.name || null,
      version,
      resource.name,
      checksum,
      resource.content,
      deploymentKey,
      now,
    );
    for (const d of definitions.decisions) {
      const previous = this.rows.latestDecision.get(d.id);
      const deleted = this.deletedVersion.get('decision', d.id)?.v ?? 0;
      this.rows.insertDecision.run(
        this.keys.next(),
        d.id,
        d.name || null,
        Math.max(previous?.version ?? 0, deleted) + 1,
        d.versionTag ?? null,
        key,
        definitions.drgId,
        deploymentKey,
      );
    }
    this.parsed.set(key, definitions);
    return this.metadata(key, definitions.drgId, definitions.name, version, resource.name);
  }

  private metadata(
    key: number,
    drgId: string,
    name: string,
    version: number,
    resourceName: string,
  ): DeploymentItem[] {
    const decisions: DeploymentItem[] = this.rows.decisionsOfRequirements.all(key).map((d) => ({
      decision: {
        dmnDecisionId: d.decision_id,
        dmnDecisionName: d.name ?? '',
        version: d.version,
        decisionKey: String(d.key),
        dmnDecisionRequirementsId: drgId,
        decisionRequirementsKey: String(key),
        tenantId: TENANT,
      },
    }));
    return [
      {
        decisionRequirements: {
          dmnDecisionRequirementsId: drgId,
          dmnDecisionRequirementsName: name,
          version,
          decisionRequirementsKey: String(key),
          resourceName,
          tenantId: TENANT,
        },
      },
      ...decisions,
    ];
  }

  /** Forgets parsed definitions (after a rolled-back transaction). */
  reset(): void {
    this.parsed.clear();
  }
}
