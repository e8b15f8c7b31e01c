import type { AuditLog } from '../audit/audit-log';
import type { Principal } from '../auth/roles';
import { EngineRestRefusal, type EngineRest, type SearchPage } from '../engine-port';
import { invalid, notFound, UserError } from '../errors';
import { modelElements, type ModelElement } from './bpmn-elements';
import { autoMapping, mappingProblems, type ElementMapping } from './element-mapping';

/** A process version as the engine reports it. */
export interface ProcessVersion {
  processDefinitionKey: string;
  processDefinitionId: string;
  version: number;
  name?: string;
}

/** What to move: the instances of one version (all, or the listed keys) to another version. */
export interface MigrationRequest {
  sourceProcessDefinitionKey: string;
  targetProcessDefinitionKey: string;
  mapping: ElementMapping[];
  /** Only these instances (of the source version); absent: every running instance of it. */
  processInstanceKeys?: string[];
}

export interface MigrationPlan {
  source: ProcessVersion;
  target: ProcessVersion;
  sourceElements: ModelElement[];
  targetElements: ModelElement[];
  /** Elements of the same id and type, proposed before the analyst edits the mapping. */
  mapping: ElementMapping[];
}

export interface InstancePreview {
  processInstanceKey: string;
  /** The elements the instance is in (waiting or working), by id. */
  activeElements: string[];
  /** Why it cannot move; empty when it can. */
  reasons: string[];
}

export interface MigrationPreview {
  movable: InstancePreview[];
  blocked: InstancePreview[];
  /** True when more running instances exist than one preview looks at (the first 500). */
  truncated: boolean;
}

export interface MigrationOutcome {
  migrated: string[];
  failed: Array<{ processInstanceKey: string; reason: string }>;
  blocked: InstancePreview[];
}

const MAX_INSTANCES = 500;

/**
 * Moves running instances of a process version to another version of the same process, through
 * the engine's migration (Camunda v2 `POST /process-instances/{key}/migration`). The plan proposes a
 * mapping by element id; the preview says, per instance, whether it can move and why not (an
 * active element left unmapped, a target the new version lacks, a changed type); executing repeats
 * the preview, migrates the movable instances one by one and audits each.
 */
export class InstanceMigration {
  constructor(
    private readonly engine: EngineRest,
    private readonly audit: AuditLog,
  ) {}

  /** The two versions, their elements and the proposed mapping. */
  async plan(sourceKey: string, targetKey: string): Promise<MigrationPlan> {
    const { source, target, sourceElements, targetElements } = await this.load(sourceKey, targetKey);
    return {
      source,
      target,
      sourceElements: [...sourceElements.values()],
      targetElements: [...targetElements.values()],
      mapping: autoMapping(sourceElements, targetElements),
    };
  }

  /** Both versions (of one process, not the same one) and their elements. */
  private async load(sourceKey: string, targetKey: string) {
    const [source, target] = await Promise.all([this.version(sourceKey), this.version(targetKey)]);
    if (source.processDefinitionId !== target.processDefinitionId) {
      throw invalid(
        [
          {
            field: 'targetProcessDefinitionKey',
            code: 'other_process',
            message: 'choose a version of the same process',
          },
        ],
        `the target ${target.processDefinitionId} v${target.version} is another process than ${source.processDefinitionId}; instances move between versions of one process`,
      );
    }
    if (source.processDefinitionKey === target.processDefinitionKey) {
      throw invalid([
        {
          field: 'targetProcessDefinitionKey',
          code: 'same_version',
          message: 'choose another version than the source',
        },
      ]);
    }
    const [sourceElements, targetElements] = await Promise.all([
      this.elements(sourceKey),
      this.elements(targetKey),
    ]);
    return { source, target, sourceElements, targetElements };
  }

  /** Which instances would move and which could not, with the reasons; changes nothing. */
  async preview(r: MigrationRequest): Promise<MigrationPreview> {
    const { sourceElements: source, targetElements: target } = await this.load(
      r.sourceProcessDefinitionKey,
      r.targetProcessDefinitionKey,
    );
    const problems = mappingProblems(r.mapping, source, target);
    if (problems.length > 0)
      throw invalid(problems.map((p) => ({ field: p.field, code: 'invalid_mapping', message: p.message })));
    const page = await this.engine.call<
      SearchPage<{ processInstanceKey: string; processDefinitionKey: string }>
    >('POST', 'process-instances/search', {
      filter: {
        processDefinitionKey: r.sourceProcessDefinitionKey,
        state: 'ACTIVE',
        ...(r.processInstanceKeys ? { processInstanceKey: { $in: r.processInstanceKeys } } : {}),
      },
      sort: [{ field: 'processInstanceKey', order: 'ASC' }],
      page: { limit: MAX_INSTANCES },
    });
    const mapped = new Map(r.mapping.map((m) => [m.sourceElementId, m.targetElementId]));
    const previews = await Promise.all(
      page.items.map(async (pi): Promise<InstancePreview> => {
        const active = await this.activeElements(pi.processInstanceKey);
        const reasons: string[] = [];
        for (const id of active) {
          if (!mapped.has(id))
            reasons.push(`${id} (${source.get(id)?.type ?? 'element'}) is active and not mapped`);
        }
        return { processInstanceKey: pi.processInstanceKey, activeElements: active, reasons };
      }),
    );
    if (r.processInstanceKeys) {
      const found = new Set(page.items.map((i) => i.processInstanceKey));
      for (const key of r.processInstanceKeys)
        if (!found.has(key))
          previews.push({
            processInstanceKey: key,
            activeElements: [],
            reasons: [`${key} is not a running instance of this version`],
          });
    }
    return {
      movable: previews.filter((p) => p.reasons.length === 0),
      blocked: previews.filter((p) => p.reasons.length > 0),
      truncated: page.page.totalItems > page.items.length,
    };
  }

  /** Migrates the instances the preview finds movable, one by one; each outcome is audited. */
  async execute(p: Principal, r: MigrationRequest): Promise<MigrationOutcome> {
    const preview = await this.preview(r);
    const outcome: MigrationOutcome = { migrated: [], failed: [], blocked: preview.blocked };
    for (const instance of preview.movable) {
      const object = `process instance ${instance.processInstanceKey} from ${r.sourceProcessDefinitionKey} to ${r.targetProcessDefinitionKey}`;
      try {
        await this.engine.call('POST', `process-instances/${instance.processInstanceKey}/migration`, {
          targetProcessDefinitionKey: r.targetProcessDefinitionKey,
          mappingInstructions: r.mapping,
        });
        outcome.migrated.push(instance.processInstanceKey);
        await this.audit.append({
          user: p.user,
          agencyId: p.agencyId,
          action: 'instance.migrate',
          object,
          outcome: 'ok',
        });
      } catch (e) {
        if (!(e instanceof EngineRestRefusal)) throw e;
        outcome.failed.push({ processInstanceKey: instance.processInstanceKey, reason: e.detail });
        await this.audit.append({
          user: p.user,
          agencyId: p.agencyId,
          action: 'instance.migrate',
          object: `${object}: ${e.detail}`.slice(0, 1000),
          outcome: 'failed',
        });
      }
    }
    return outcome;
  }

  private async version(key: string): Promise<ProcessVersion> {
    try {
      const d = await this.engine.call<ProcessVersion>('GET', `process-definitions/${key}`);
      return {
        processDefinitionKey: d.processDefinitionKey,
        processDefinitionId: d.processDefinitionId,
        version: d.version,
        ...(d.name ? { name: d.name } : {}),
      };
    } catch (e) {
      if (e instanceof EngineRestRefusal && (e.status === 404 || e.status === 400))
        throw notFound('process version', key);
      throw e;
    }
  }

  private async elements(key: string): Promise<Map<string, ModelElement>> {
    const xml = await this.engine.call<string>('GET', `process-definitions/${key}/xml`);
    try {
      return modelElements(typeof xml === 'string' ? xml : String(xml));
    } catch (e) {
      throw new UserError({
        status: 422,
        code: 'model_unreadable',
        title: 'The process version cannot be read',
        detail: (e as Error).message,
      });
    }
  }

  /** The ids of the elements an instance is in, without the process itself. */
  private async activeElements(processInstanceKey: string): Promise<string[]> {
    const page = await this.engine.call<SearchPage<{ elementId: string; type: string }>>(
      'POST',
      'element-instances/search',
      { filter: { processInstanceKey, state: 'ACTIVE' }, page: { limit: 1000 } },
    );
    return [...new Set(page.items.filter((e) => e.type !== 'PROCESS').map((e) => e.elementId))].sort();
  }
}
