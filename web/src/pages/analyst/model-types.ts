import type { ModelVersion } from '../../api/types';

/** A version as GET /api/models answers it (issue 18: where it came from, why, who approved). */
export interface ModelHistoryVersion extends ModelVersion {
  resourceName: string;
  source: 'file' | 'web' | 'api';
  comment: string;
  approvedBy: string | null;
}

export type ReviewMode = 'four-eyes' | 'off';

export interface ModelDraft {
  id: string;
  bpmnProcessId: string;
  fileName: string;
  comment: string;
  baseVersion: number | null;
  source: 'file' | 'web' | 'api';
  status: 'draft' | 'submitted' | 'deploying' | 'approved' | 'rejected';
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  deployedVersion: number | null;
  /** The Camunda Forms of the model's user tasks, deployed with it on approval. */
  forms?: DraftForm[];
}

/** A task form sent with a model: its file name is its id (`review.form` → `review`). */
export interface DraftForm {
  fileName: string;
  schema: Record<string, unknown>;
}

export interface LintProblem {
  rule: string;
  elementId: string;
  message: string;
  category: 'error' | 'warn';
}

export interface ModelConflict {
  resourceName: string;
  bpmnProcessIds: string[];
  fileSha256: string;
  detectedAt: string;
  serving: ModelHistoryVersion[];
}
