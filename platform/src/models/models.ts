import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { ReviewMode } from '../domain/four-eyes';
import { UserError } from '../errors';
import type { Logger } from '../logger';
import type { Db } from '../store/database';
import type { DeployedProcess, EnginePort } from '../engine-port';
import { deployModel } from './deploy-model';
import { ModelDrafts } from './model-drafts';
import type { ModelForm, ModelFormsPort } from './model-forms';
import { ModelHistory } from './model-history';
import { ModelSeeding } from './model-seeding';
import { sourceOf, type ModelActor } from './model-version';

/** The process models' use cases, as the platform composes them (history, seeding, drafts). */
export class Models {
  readonly history: ModelHistory;
  readonly seeding: ModelSeeding;
  readonly drafts: ModelDrafts;

  constructor(
    db: Db,
    private readonly engine: EnginePort,
    private readonly audit: AuditLog,
    clock: Clock,
    logger: Logger,
    readonly reviewMode: ReviewMode,
    private readonly forms: ModelFormsPort,
  ) {
    this.history = new ModelHistory(db, clock);
    this.seeding = new ModelSeeding(db, engine, this.history, audit, clock, logger);
    this.drafts = new ModelDrafts(db, engine, this.history, audit, clock, reviewMode, forms);
  }

  /**
   * `POST /api/models`: deploys at once, only where review is off (IPLUS_MODEL_REVIEW=off); with four
   * eyes a change goes through a draft a second person approves.
   */
  async deployDirectly(
    actor: ModelActor,
    input: { fileName: string; xml: string; comment: string; forms: ModelForm[] },
  ): Promise<DeployedProcess[]> {
    if (this.reviewMode === 'four-eyes') {
      throw new UserError({
        status: 409,
        code: 'review_required',
        title: 'A second pair of eyes is required',
        detail:
          'models go live after review: save a draft (POST /api/models/drafts), submit it, and have a second analyst or an admin approve it',
      });
    }
    const deployed = await deployModel(
      this.engine,
      this.history,
      {
        resourceName: input.fileName,
        xml: input.xml,
        by: actor.user,
        source: sourceOf(actor),
        comment: input.comment,
      },
      { port: this.forms, forms: input.forms },
    );
    await this.audit.append({
      user: actor.user,
      agencyId: actor.agencyId,
      action: 'model.deploy',
      object: input.fileName,
      outcome: 'ok',
    });
    return deployed;
  }
}
