import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { conflict, notFound, UserError } from '../errors';
import type { Logger } from '../logger';
import { transact, type Db } from '../store/database';
import { sha256Hex } from '../store/document-store';
import type { DeployedProcess, EnginePort } from '../engine-port';
import { deployModel } from './deploy-model';
import type { ModelHistory } from './model-history';
import type { ModelActor, ModelVersion } from './model-version';
import { processIdsOf } from './process-ids';

/** A file of `bpmn/` that changed after a person deployed its process: nobody has chosen yet. */
export interface ModelConflict {
  resourceName: string;
  bpmnProcessIds: string[];
  fileSha256: string;
  detectedAt: string;
  /** The person's versions the platform keeps serving meanwhile. */
  serving: ModelVersion[];
}

/**
 * Files in `bpmn/` seed a model the first time and whenever the file itself changes (its SHA-256);
 * they never silently replace a newer version a person deployed. A file that changed after a person
 * deployed is a conflict: reported (log, `/health`, the models page) while the person's version keeps
 * serving, until an analyst takes the file's version or keeps the person's.
 */
export class ModelSeeding {
  constructor(
    private readonly db: Db,
    private readonly engine: EnginePort,
    private readonly history: ModelHistory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Seeds from every `.bpmn` of the folder and redeploys what serves (the engine keeps the version of
   * an identical model, so nothing new is made). Each file on its own, so one broken model does not
   * hold back the others; throws afterwards naming those that failed.
   */
  async seedFolder(dir: string): Promise<void> {
    if (!fs.existsSync(dir)) return;
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bpmn'))
      .sort();
    const results = await Promise.allSettled(
      files.map((file) => this.seedFile(file, fs.readFileSync(path.join(dir, file), 'utf8'))),
    );
    const failed: string[] = [];
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        if (!(r.reason instanceof UserError)) throw r.reason;
        failed.push(`${files[i]}: ${r.reason.detail}`);
      }
    });
    if (failed.length > 0) throw new Error(`the engine refused ${failed.join('; ')}`);
  }

  private async seedFile(file: string, xml: string): Promise<void> {
    const sha = sha256Hex(xml);
    const ids = processIdsOf(xml);
    const latest = (await Promise.all(ids.map((id) => this.history.latest(id)))).filter(
      (v): v is NonNullable<typeof v> => v !== undefined,
    );
    const state = await this.fileState(file);
    const lastSeen = state?.sha256 ?? (await this.history.lastFromFile(file));
    const fileChanged = lastSeen !== sha;
    const personSince = latest.some((v) => v.source !== 'file');
    if (latest.length === 0 || (fileChanged && !personSince)) {
      await deployModel(this.engine, this.history, {
        resourceName: file,
        xml,
        by: 'system',
        source: 'file',
        comment: latest.length === 0 ? `from bpmn/${file}` : `from bpmn/${file} (file changed)`,
      });
      await this.saveState(file, sha, xml, 'seeded');
      return;
    }
    if (fileChanged) {
      await this.saveState(file, sha, xml, 'conflict');
    } else if (!state) {
      await this.saveState(file, sha, xml, 'seeded');
    }
    if (fileChanged || state?.status === 'conflict') {
      const serving = latest.filter((v) => v.source !== 'file');
      this.logger.warn(
        'model file changed, but a person deployed its process since: keeping the person’s version until an analyst chooses (models page)',
        {
          file,
          serving: serving.map((v) => `${v.bpmnProcessId} v${v.version} by ${v.deployedBy} (${v.source})`),
        },
      );
    }
    await this.keepServing(latest);
  }

  /** Redeploys the newest versions as they are: identical models keep their version in the engine. */
  private async keepServing(latest: Array<ModelVersion & { xml: string }>): Promise<void> {
    const seen = new Set<string>();
    for (const v of latest) {
      const once = `${v.resourceName}\n${v.xml}`;
      if (seen.has(once)) continue;
      seen.add(once);
      const deployed = await this.engine.deploy(v.resourceName, Buffer.from(v.xml));
      // An engine that lost its state (a new data folder) makes a new version of the same model.
      await this.history.record(
        deployed.filter((d): d is DeployedProcess => d.kind === 'process'),
        {
          resourceName: v.resourceName,
          xml: v.xml,
          by: v.deployedBy,
          source: v.source,
          comment: v.comment,
          approvedBy: v.approvedBy,
        },
      );
    }
  }

  /** The conflicts nobody has settled yet. */
  async conflicts(): Promise<ModelConflict[]> {
    const rows = await this.db
      .selectFrom('model_files')
      .select(['resource_name', 'sha256', 'xml', 'seen_at'])
      .where('status', '=', 'conflict')
      .orderBy('resource_name')
      .execute();
    return Promise.all(
      rows.map(async (r) => {
        const ids = processIdsOf(r.xml);
        const serving = (await Promise.all(ids.map((id) => this.history.latest(id))))
          .filter((v): v is NonNullable<typeof v> => v !== undefined)
          .map(({ xml: _x, sha256: _s, ...v }) => v);
        return {
          resourceName: r.resource_name,
          bpmnProcessIds: ids,
          fileSha256: r.sha256,
          detectedAt: r.seen_at,
          serving,
        };
      }),
    );
  }

  /** The file's version of a model in conflict (what "take the file's version" would deploy). */
  async fileXml(resourceName: string): Promise<string> {
    const state = await this.fileState(resourceName);
    if (!state) throw notFound('model file', resourceName);
    return state.xml;
  }

  /**
   * An analyst settles a conflict: `file` deploys the file's version as the newest; `keep` keeps the
   * person's version (the file is not offered again until it changes once more). Audited.
   */
  async resolve(
    resourceName: string,
    choice: 'file' | 'keep',
    actor: ModelActor,
    comment: string,
  ): Promise<DeployedProcess[]> {
    const state = await this.fileState(resourceName);
    if (!state || state.status !== 'conflict') {
      throw conflict('no_model_conflict', `model file ${resourceName} is not in conflict; nothing to choose`);
    }
    let deployed: DeployedProcess[] = [];
    if (choice === 'file') {
      deployed = await deployModel(this.engine, this.history, {
        resourceName,
        xml: state.xml,
        by: actor.user,
        source: 'file',
        comment: comment || `from bpmn/${resourceName}, chosen over the deployed version`,
      });
    }
    await transact(this.db, async (trx) => {
      await trx
        .updateTable('model_files')
        .set({
          status: choice === 'file' ? 'seeded' : 'kept',
          decided_by: actor.user,
          decided_at: this.clock.now().toISOString(),
        })
        .where('resource_name', '=', resourceName)
        .execute();
      await this.audit.appendIn(trx, {
        user: actor.user,
        agencyId: actor.agencyId,
        action: choice === 'file' ? 'model.conflict.take_file' : 'model.conflict.keep',
        object: resourceName,
        outcome: 'ok',
      });
    });
    return deployed;
  }

  private fileState(resourceName: string) {
    return this.db
      .selectFrom('model_files')
      .selectAll()
      .where('resource_name', '=', resourceName)
      .executeTakeFirst();
  }

  private async saveState(resourceName: string, sha: string, xml: string, status: 'seeded' | 'conflict') {
    const at = this.clock.now().toISOString();
    await this.db
      .insertInto('model_files')
      .values({ resource_name: resourceName, sha256: sha, xml, status, seen_at: at })
      .onConflict((oc) =>
        oc
          .column('resource_name')
          .doUpdateSet({ sha256: sha, xml, status, seen_at: at, decided_by: null, decided_at: null }),
      )
      .execute();
  }
}
