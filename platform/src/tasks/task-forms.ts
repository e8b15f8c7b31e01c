import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import { invalid, UserError, type FieldProblem } from '../errors';
import type { Db } from '../store/database';

/** A Camunda Form sent with a process model: its file name (`<form id>.form`) and its form-js schema. */
export interface FormResource {
  fileName: string;
  schema: Record<string, unknown>;
}

/** The engine's deploy, as far as forms need it (EngineClient.deploy). */
export interface FormDeployer {
  deploy(
    name: string,
    content: Buffer,
  ): Promise<Array<{ kind: string; formId?: string; version: number; key: string }>>;
}

/** Thrown by the engine for a form it refuses (EngineRejection); recognised by its name. */
const REJECTION = 'EngineRejection';

/**
 * The forms of user tasks (Camunda Forms, form-js schemas), deployed with the process that uses
 * them: checked here (JSON object, `id` = the file's name, `components` a list, every form the
 * model links by `zeebe:formDefinition formId` present), deployed to the engine before the process
 * (binding `latest` links the newest), and recorded with who deployed them.
 */
export class TaskForms {
  constructor(
    private readonly db: Db,
    private readonly engine: FormDeployer,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the forms against the model, deploying nothing: a malformed form, or one the model links
   * but neither sends nor was deployed before, is a 422 naming it.
   */
  async check(modelXml: string, forms: FormResource[]): Promise<void> {
    const problems: FieldProblem[] = [];
    const sent = new Set<string>();
    forms.forEach((f, i) => {
      const id = f.fileName.replace(/\.form$/, '');
      if (!/^[\w.-]{1,100}\.form$/.test(f.fileName))
        problems.push({
          field: `forms[${i}].fileName`,
          code: 'invalid_file_name',
          message: 'use <form id>.form',
        });
      else if (f.schema.id !== id)
        problems.push({
          field: `forms[${i}].schema.id`,
          code: 'form_id_mismatch',
          message: `the form's id is ${JSON.stringify(f.schema.id)}; it must be "${id}", as its file name`,
        });
      if (!Array.isArray(f.schema.components))
        problems.push({
          field: `forms[${i}].schema.components`,
          code: 'required',
          message: 'a form needs a list of components',
        });
      sent.add(id);
    });
    if (problems.length > 0) throw invalid(problems);
    for (const formId of linkedFormIds(modelXml)) {
      if (sent.has(formId) || (await this.latest(formId))) continue;
      throw new UserError({
        status: 422,
        code: 'form_missing',
        title: 'A linked form is missing',
        detail: `the model links form "${formId}" (zeebe:formDefinition) but it was neither sent nor deployed before; design it in the form editor`,
        errors: [{ field: 'forms', code: 'form_missing', message: `form ${formId} is missing` }],
      });
    }
  }

  /** Checks the forms against the model (`check`) and deploys them. Call before deploying the model. */
  async deployFor(modelXml: string, forms: FormResource[], by: string): Promise<void> {
    await this.check(modelXml, forms);
    for (const f of forms) {
      const json = JSON.stringify(f.schema);
      let deployed;
      try {
        deployed = await this.engine.deploy(f.fileName, Buffer.from(json));
      } catch (e) {
        if ((e as Error).name !== REJECTION) throw e;
        throw new UserError({
          status: 422,
          code: 'form_invalid',
          title: 'The engine refused the form',
          detail: (e as Error).message,
          errors: [{ field: `forms.${f.fileName}`, code: 'form_invalid', message: (e as Error).message }],
        });
      }
      for (const d of deployed.filter((x) => x.kind === 'form')) {
        await this.db
          .insertInto('task_forms')
          .values({
            form_id: d.formId ?? String(f.schema.id),
            version: d.version,
            form_key: d.key,
            sha256: createHash('sha256').update(json).digest('hex'),
            schema_json: json,
            deployed_at: this.clock.now().toISOString(),
            deployed_by: by,
          })
          .onConflict((oc) => oc.columns(['form_id', 'version']).doNothing())
          .execute();
      }
    }
  }

  /** The newest deployed version of a form, for the modeler's form editor. */
  async latest(formId: string): Promise<{ formId: string; version: number; schema: unknown } | undefined> {
    const row = await this.db
      .selectFrom('task_forms')
      .select(['form_id', 'version', 'schema_json'])
      .where('form_id', '=', formId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row
      ? { formId: row.form_id, version: Number(row.version), schema: JSON.parse(row.schema_json) as unknown }
      : undefined;
  }
}

/** The form ids a model links its user tasks to (`<zeebe:formDefinition formId="…">`). */
export function linkedFormIds(xml: string): string[] {
  const ids = new Set<string>();
  for (const m of xml.matchAll(/<zeebe:formDefinition\b[^>]*\bformId="([^"]+)"/g)) ids.add(m[1]);
  return [...ids];
}
