import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { sha256Hex } from '../store/document-store';
import type { DeployedProcess } from '../engine-port';
import type { ModelSource, ModelVersion } from './model-version';

/** What is recorded with a version beside what the engine answered. */
export interface VersionFacts {
  resourceName: string;
  xml: string;
  by: string;
  source: ModelSource;
  comment: string;
  approvedBy?: string | null;
}

/**
 * The models' history, as routing tables have theirs: every version the engine reported, with its
 * XML, author, time, comment, source (file, web, API) and approver. Keyed by process id and the
 * engine's version, so a version deployed twice (identical XML) is one entry.
 */
export class ModelHistory {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Every version, newest first per process (without XML). */
  async list(): Promise<ModelVersion[]> {
    const rows = await this.db
      .selectFrom('model_deployments')
      .select([
        'bpmn_process_id',
        'version',
        'process_definition_key',
        'resource_name',
        'deployed_at',
        'deployed_by',
        'source',
        'comment',
        'approved_by',
      ])
      .orderBy('bpmn_process_id')
      .orderBy('version', 'desc')
      .execute();
    return rows.map(toVersion);
  }

  /** The newest version of a process with its XML, or undefined. */
  async latest(bpmnProcessId: string): Promise<(ModelVersion & { xml: string; sha256: string }) | undefined> {
    const row = await this.db
      .selectFrom('model_deployments')
      .selectAll()
      .where('bpmn_process_id', '=', bpmnProcessId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { ...toVersion(row), xml: row.xml, sha256: row.sha256 };
  }

  /** The XML of a version (latest when not given), or undefined. */
  async xml(bpmnProcessId: string, version?: number): Promise<string | undefined> {
    let q = this.db
      .selectFrom('model_deployments')
      .select('xml')
      .where('bpmn_process_id', '=', bpmnProcessId);
    if (version !== undefined) q = q.where('version', '=', version);
    const row = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row?.xml;
  }

  /** The SHA-256 of the last version seeded from a file of that name, or undefined. */
  async lastFromFile(resourceName: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('model_deployments')
      .select('sha256')
      .where('resource_name', '=', resourceName)
      .where('source', '=', 'file')
      .orderBy('deployed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.sha256;
  }

  /** Records what the engine deployed; a version already recorded is kept as it was. */
  async record(processes: DeployedProcess[], facts: VersionFacts): Promise<void> {
    for (const p of processes) {
      await this.db
        .insertInto('model_deployments')
        .values({
          resource_name: facts.resourceName,
          sha256: sha256Hex(facts.xml),
          bpmn_process_id: p.bpmnProcessId,
          version: p.version,
          process_definition_key: p.key,
          xml: facts.xml,
          deployed_at: this.clock.now().toISOString(),
          deployed_by: facts.by,
          source: facts.source,
          comment: facts.comment,
          approved_by: facts.approvedBy ?? null,
        })
        .onConflict((oc) => oc.columns(['bpmn_process_id', 'version']).doNothing())
        .execute();
    }
  }
}

function toVersion(r: {
  bpmn_process_id: string;
  version: number;
  process_definition_key: string;
  resource_name: string;
  deployed_at: string;
  deployed_by: string;
  source: string;
  comment: string;
  approved_by: string | null;
}): ModelVersion {
  return {
    bpmnProcessId: r.bpmn_process_id,
    version: Number(r.version),
    key: r.process_definition_key,
    resourceName: r.resource_name,
    deployedAt: r.deployed_at,
    deployedBy: r.deployed_by,
    source: r.source as ModelSource,
    comment: r.comment,
    approvedBy: r.approved_by,
  };
}
