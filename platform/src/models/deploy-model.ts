import { UserError } from '../errors';
import { EngineRejection, type DeployedProcess, type EnginePort } from '../engine-port';
import type { ModelHistory, VersionFacts } from './model-history';
import type { ModelForm, ModelFormsPort } from './model-forms';
import { requireLintClean } from './model-lint';

/** The file names a model may be deployed under. */
export function checkFileName(fileName: string): void {
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
}

/**
 * Deploys one model to the engine and records the versions it made. A person's model passes the
 * project's lint rules first (422 naming each problem); files of `bpmn/` are checked by their tests.
 * An invalid model is a 422 carrying the engine's message. The forms of its user tasks, when given,
 * are checked and deployed first (a form it links that is neither sent nor deployed is a 422).
 */
export async function deployModel(
  engine: EnginePort,
  history: ModelHistory,
  facts: VersionFacts,
  withForms?: { port: ModelFormsPort; forms: ModelForm[] },
): Promise<DeployedProcess[]> {
  checkFileName(facts.resourceName);
  if (facts.source !== 'file') await requireLintClean(facts.xml);
  if (withForms) await withForms.port.deployFor(facts.xml, withForms.forms, facts.by);
  let deployed;
  try {
    deployed = await engine.deploy(facts.resourceName, Buffer.from(facts.xml));
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
  await history.record(processes, facts);
  return processes;
}
