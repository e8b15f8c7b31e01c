/** Where a version of a model came from: a file of `bpmn/`, the web modeler, or the API. */
export type ModelSource = 'file' | 'web' | 'api';

/** One version of a process model in the platform's history. */
export interface ModelVersion {
  bpmnProcessId: string;
  version: number;
  key: string;
  resourceName: string;
  deployedAt: string;
  deployedBy: string;
  source: ModelSource;
  comment: string;
  approvedBy: string | null;
}

/** Who asks for a change, as the use cases of models need to know them. */
export interface ModelActor {
  user: string;
  role: string;
  agencyId: string;
  /** A browser session is the web modeler; a bearer token is the API. */
  via: 'session' | 'token';
}

/** The source a person's change is recorded with. */
export function sourceOf(actor: Pick<ModelActor, 'via'>): ModelSource {
  return actor.via === 'session' ? 'web' : 'api';
}
