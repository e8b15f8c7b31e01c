import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Db } from '../store/database';
import { sha256Hex } from '../store/document-store';
import { EngineRejection, type DeployedProcess, type EngineClient } from './engine-client';

export interface ModelVersion {
  bpmnProcessId: string;
  version: number;
  key: string;
  deployedAt: string;
  deployedBy: string;
}

/**
 * The BPMN process models: `bpmn/*.bpmn` deployed at start (the engine keeps the version of an
 * identical file, so only a changed model makes a new version), and models analysts deploy through
 * the API. Every version the engine reports is recorded with who deployed it and its XML.
 */
export class ProcessModels {
  constructor(
    private readonly db: Db,
    private readonly engine: EngineClient,
    private readonly clock: Clock,
  ) {}

  /**
   * Deploys every `.bpmn` of the folder, each on its own so one broken model does not hold back the
   * others; throws afterwards naming those that failed.
   */
  async deployFolder(dir: string): Promise<DeployedProcess[]> {
    if (!fs.existsSync(dir)) return [];
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bpmn'))
      .sort();
    // Side by side (one wait behind the engine's backlog at a restart, not one per file); answers in file order.
    const results = await Promise.allSettled(
      files.map((file) => this.deploy(file, fs.readFileSync(path.join(dir, file), 'utf8'), 'system')),
    );
    const out: DeployedProcess[] = [];
    const failed: string[] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') out.push(...r.value);
      else if (r.reason instanceof UserError) failed.push(`${files[i]}: ${r.reason.detail}`);
    });
    const unexpected = results.find((r) => r.status === 'rejected' && !(r.reason instanceof UserError));
    if (unexpected) throw (unexpected as PromiseRejectedResult).reason;
    if (failed.length > 0) throw new Error(`the engine refused ${failed.join('; ')}`);
    return out;
  }

  /** Deploys one model; an invalid model is a 422 carrying the engine's message. */
  async deploy(fileName: string, xml: string, by: string): Promise<DeployedProcess[]> {
    if (!/^[\w.-]{1,100}\.bpmn$/.test(fileName)) {
      throw new UserError({
        status: 400,
        code: 'validation_failed',
        title: 'Invalid file name',
        detail: 'fileName must end in .bpmn and use letters, digits, dot, dash or underscore',
        errors: [
          { field: 'fileName', code: 'invalid_file_name', message: 'use a name such as my-process.bpmn' },
        ],
      });
    }
    let deployed;
    try {
      deployed = await this.engine.deploy(fileName, Buffer.from(xml));
    } catch (e) {
      if (e instanceof EngineRejection) {
        throw new UserError({
          status: 422,
          code: 'model_invalid',
          title: 'The engine refused the model',
          detail: e.message,
          errors: [{ field: 'xml', code: 'model_invalid', message: e.message }],
        });
      }
      throw e;
    }
    const processes = deployed.filter((d): d is DeployedProcess => d.kind === 'process');
    for (const p of processes) {
      await this.db
        .insertInto('model_deployments')
        .values({
          resource_name: fileName,
          sha256: sha256Hex(xml),
          bpmn_process_id: p.bpmnProcessId,
          version: p.version,
          process_definition_key: p.key,
          xml,
          deployed_at: this.clock.now().toISOString(),
          deployed_by: by,
        })
        .onConflict((oc) => oc.columns(['bpmn_process_id', 'version']).doNothing())
        .execute();
    }
    return processes;
  }

  /** Every recorded version, newest first per process. */
  async list(): Promise<ModelVersion[]> {
    const rows = await this.db
      .selectFrom('model_deployments')
      .select(['bpmn_process_id', 'version', 'process_definition_key', 'deployed_at', 'deployed_by'])
      .orderBy('bpmn_process_id')
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      bpmnProcessId: r.bpmn_process_id,
      version: Number(r.version),
      key: r.process_definition_key,
      deployedAt: r.deployed_at,
      deployedBy: r.deployed_by,
    }));
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
}
