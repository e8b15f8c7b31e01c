import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { reviewRefusal, type ReviewMode } from '../domain/four-eyes';
import { conflict, forbidden, notFound, UserError } from '../errors';
import { nextValue, sequenceId } from '../store/counters';
import { transact, type Db } from '../store/database';
import type { ModelDraftsTable } from '../store/schema';
import type { EnginePort } from '../engine-port';
import { checkFileName, deployModel } from './deploy-model';
import type { ModelForm, ModelFormsPort } from './model-forms';
import type { ModelHistory } from './model-history';
import { lintModel, requireLintClean, type LintProblem } from './model-lint';
import { sourceOf, type ModelActor, type ModelSource } from './model-version';
import { processIdsOf } from './process-ids';

export type DraftStatus = 'draft' | 'submitted' | 'deploying' | 'approved' | 'rejected';

/** A model an analyst saved, on its way to review. */
export interface ModelDraft {
  id: string;
  bpmnProcessId: string;
  fileName: string;
  comment: string;
  baseVersion: number | null;
  source: ModelSource;
  status: DraftStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  deployedVersion: number | null;
  /** The file names of the forms sent with it (`get` gives their schemas). */
  formFiles: string[];
}

/**
 * Drafts and four-eyes review: an analyst saves drafts and submits one (it must pass the project's
 * lint rules); a second analyst or an admin approves it — then it is deployed, recorded with its
 * author, comment, source and approver — or rejects it with a reason. Every step is audited.
 */
export class ModelDrafts {
  constructor(
    private readonly db: Db,
    private readonly engine: EnginePort,
    private readonly history: ModelHistory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    readonly reviewMode: ReviewMode,
    private readonly forms: ModelFormsPort,
  ) {}

  /** Every draft, newest change first (without XML). */
  async list(): Promise<ModelDraft[]> {
    const rows = await this.db.selectFrom('model_drafts').selectAll().orderBy('updated_at', 'desc').execute();
    return rows.map(toDraft);
  }

  /** One draft with its XML, its forms and what the project's lint rules say of it. */
  async get(id: string): Promise<ModelDraft & { xml: string; forms: ModelForm[]; lint: LintProblem[] }> {
    const row = await this.row(id);
    return { ...toDraft(row), xml: row.xml, forms: formsOf(row), lint: await lintModel(row.xml) };
  }

  /** Saves a new draft. */
  async save(
    actor: ModelActor,
    input: { fileName: string; xml: string; comment: string; baseVersion?: number; forms: ModelForm[] },
  ): Promise<ModelDraft> {
    checkFileName(input.fileName);
    const processId = processIdOf(input.xml);
    const at = this.clock.now().toISOString();
    const row = await transact(this.db, async (trx) => {
      const id = sequenceId('MD', await nextValue(trx, 'model_draft'));
      const values = {
        id,
        bpmn_process_id: processId,
        file_name: input.fileName,
        xml: input.xml,
        comment: input.comment,
        base_version: input.baseVersion ?? null,
        source: sourceOf(actor),
        status: 'draft',
        created_by: actor.user,
        created_at: at,
        updated_at: at,
        reviewed_by: null,
        reviewed_at: null,
        review_comment: null,
        deployed_version: null,
        forms_json: JSON.stringify(input.forms),
      };
      await trx.insertInto('model_drafts').values(values).execute();
      await this.audit.appendIn(trx, entry(actor, 'model.draft.save', id));
      return values;
    });
    return toDraft(row);
  }

  /** Changes a draft (its author, while it is a draft or after a rejection: it becomes a draft again). */
  async update(
    actor: ModelActor,
    id: string,
    input: { xml: string; comment: string; forms: ModelForm[] },
  ): Promise<ModelDraft> {
    const draft = await this.row(id);
    if (draft.created_by !== actor.user)
      throw forbidden(`only ${draft.created_by}, its author, changes draft ${id}`);
    if (draft.status !== 'draft' && draft.status !== 'rejected') {
      throw conflict('draft_not_editable', `draft ${id} is ${draft.status}; save a new draft instead`);
    }
    const processId = processIdOf(input.xml);
    await this.move(actor, id, [draft.status], 'model.draft.save', {
      xml: input.xml,
      comment: input.comment,
      bpmn_process_id: processId,
      forms_json: JSON.stringify(input.forms),
      status: 'draft',
    });
    return toDraft(await this.row(id));
  }

  /**
   * Asks for review; the draft must pass the project's lint rules and its forms their checks (422
   * naming each problem).
   */
  async submit(actor: ModelActor, id: string): Promise<ModelDraft> {
    const draft = await this.row(id);
    if (draft.created_by !== actor.user)
      throw forbidden(`only ${draft.created_by}, its author, submits draft ${id}`);
    await requireLintClean(draft.xml);
    await this.forms.check(draft.xml, formsOf(draft));
    await this.move(actor, id, ['draft'], 'model.draft.submit', { status: 'submitted' });
    return toDraft(await this.row(id));
  }

  /**
   * A second analyst or an admin approves: the draft's forms, then the draft, are deployed and
   * recorded with its approver. Claimed first (status `deploying`, with the reviewer), so two
   * approvals at once deploy it once and a crash meanwhile is finished at the next start.
   */
  async approve(actor: ModelActor, id: string, comment: string): Promise<ModelDraft> {
    const draft = await this.row(id);
    this.checkReviewer(actor, draft);
    await this.move(actor, id, ['submitted'], undefined, {
      status: 'deploying',
      reviewed_by: actor.user,
      reviewed_at: this.clock.now().toISOString(),
      review_comment: comment,
    });
    let version: number | undefined;
    try {
      version = await this.deploy(draft, actor.user);
    } catch (e) {
      await this.move(actor, id, ['deploying'], undefined, unclaimed);
      throw e;
    }
    await this.move(actor, id, ['deploying'], 'model.draft.approve', {
      status: 'approved',
      deployed_version: version ?? null,
    });
    return toDraft(await this.row(id));
  }

  /**
   * At start: drafts left `deploying` by a crash during their approval are deployed again (the
   * engine answers an unchanged model with the version it already made) and approved, or, when the
   * engine now refuses them, go back to `submitted`. Returns the drafts it settled.
   */
  async recoverDeploying(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('model_drafts')
      .selectAll()
      .where('status', '=', 'deploying')
      .execute();
    for (const row of rows) {
      const reviewer: ModelActor = {
        user: row.reviewed_by ?? 'system',
        role: 'system',
        agencyId: '',
        via: 'token',
      };
      let version: number | undefined;
      try {
        version = await this.deploy(row, reviewer.user);
      } catch (e) {
        if (!(e instanceof UserError)) throw e; // the engine is away: bring-up retries
        await this.move(reviewer, row.id, ['deploying'], 'model.draft.approve.failed', unclaimed);
        continue;
      }
      await this.move(reviewer, row.id, ['deploying'], 'model.draft.approve', {
        status: 'approved',
        deployed_version: version ?? null,
      });
    }
    return rows.map((r) => r.id);
  }

  private async deploy(draft: ModelDraftsTable, approvedBy: string): Promise<number | undefined> {
    const deployed = await deployModel(
      this.engine,
      this.history,
      {
        resourceName: draft.file_name,
        xml: draft.xml,
        by: draft.created_by,
        source: draft.source as ModelSource,
        comment: draft.comment,
        approvedBy,
      },
      { port: this.forms, forms: formsOf(draft) },
    );
    return (deployed.find((d) => d.bpmnProcessId === draft.bpmn_process_id) ?? deployed[0])?.version;
  }

  /** A second analyst or an admin rejects, saying why; the author may change it and submit again. */
  async reject(actor: ModelActor, id: string, comment: string): Promise<ModelDraft> {
    const draft = await this.row(id);
    this.checkReviewer(actor, draft);
    await this.move(actor, id, ['submitted'], 'model.draft.reject', {
      status: 'rejected',
      reviewed_by: actor.user,
      reviewed_at: this.clock.now().toISOString(),
      review_comment: comment,
    });
    return toDraft(await this.row(id));
  }

  private checkReviewer(actor: ModelActor, draft: ModelDraftsTable): void {
    const refusal = reviewRefusal(actor, draft.created_by, this.reviewMode);
    if (refusal)
      throw new UserError({
        status: 403,
        code: 'review_refused',
        title: 'Review refused',
        detail: `${refusal} (draft ${draft.id})`,
      });
  }

  /** Changes a draft that is in one of `from`, atomically with its audit entry; 409 when it moved on. */
  private async move(
    actor: ModelActor,
    id: string,
    from: string[],
    action: string | undefined,
    set: Partial<ModelDraftsTable>,
  ): Promise<void> {
    await transact(this.db, async (trx) => {
      const r = await trx
        .updateTable('model_drafts')
        .set({ ...set, updated_at: this.clock.now().toISOString() })
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        const now = await trx
          .selectFrom('model_drafts')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirst();
        throw conflict('draft_state', `draft ${id} is ${now?.status ?? 'gone'}, not ${from.join(' or ')}`);
      }
      if (action) await this.audit.appendIn(trx, entry(actor, action, id));
    });
  }

  private async row(id: string): Promise<ModelDraftsTable> {
    const row = await this.db.selectFrom('model_drafts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('model draft', id);
    return row;
  }
}

function processIdOf(xml: string): string {
  const id = processIdsOf(xml)[0];
  if (!id) {
    throw new UserError({
      status: 422,
      code: 'model_invalid',
      title: 'The model defines no process',
      detail: 'the XML has no bpmn:process with an id',
      errors: [{ field: 'xml', code: 'model_invalid', message: 'add a process (bpmn:process with an id)' }],
    });
  }
  return id;
}

const unclaimed = { status: 'submitted', reviewed_by: null, reviewed_at: null, review_comment: null };

function formsOf(r: ModelDraftsTable): ModelForm[] {
  return JSON.parse(r.forms_json) as ModelForm[];
}

function entry(actor: ModelActor, action: string, id: string) {
  return { user: actor.user, agencyId: actor.agencyId, action, object: id, outcome: 'ok' as const };
}

function toDraft(r: ModelDraftsTable): ModelDraft {
  return {
    id: r.id,
    bpmnProcessId: r.bpmn_process_id,
    fileName: r.file_name,
    comment: r.comment,
    baseVersion: r.base_version === null ? null : Number(r.base_version),
    source: r.source as ModelSource,
    status: r.status as DraftStatus,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    reviewComment: r.review_comment,
    deployedVersion: r.deployed_version === null ? null : Number(r.deployed_version),
    formFiles: formsOf(r).map((f) => f.fileName),
  };
}
