/** A task as `/api/tasks` gives it. */
export interface TaskSummary {
  userTaskKey: string;
  name?: string;
  state: string;
  assignee?: string;
  elementId: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
  processDefinitionId: string;
  processName?: string;
  processInstanceKey: string;
  creationDate: string;
  dueDate?: string;
  overdue: boolean;
}

/** One task opened: its form, and its variables unless the case is not the user's to see. */
export interface TaskDetail extends TaskSummary {
  form?: unknown;
  variables?: Record<string, unknown>;
  variablesHidden: boolean;
  decisionId?: string;
}
