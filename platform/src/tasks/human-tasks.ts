import type { AuditLog } from '../audit/audit-log';
import { isStated, mayReadDecision, mayReadMandate } from '../auth/need-to-know';
import type { Principal } from '../auth/roles';
import type { Clock } from '../clock';
import { EngineRestRefusal, type EngineRest, type SearchPage } from '../engine-port';
import { conflict, forbidden, invalid, notFound } from '../errors';
import type { Db } from '../store/database';
import { groupsOf, mayWorkOnTask } from './candidate-groups';
import { formFieldKeys } from './form-fields';
import { caseOfInstance, type TaskCase } from './task-case';

/** A Camunda user task as the v2 REST API reports it (the fields the task list uses). */
export interface EngineUserTask {
  userTaskKey: string;
  name?: string;
  state: string;
  assignee?: string;
  elementId: string;
  elementInstanceKey: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
  processDefinitionId: string;
  processDefinitionVersion?: number;
  processInstanceKey: string;
  processName?: string;
  formKey?: string;
  creationDate: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: number;
}

/** A task in the user's list: the engine's fields plus whether its due date has passed. */
export interface TaskSummary extends EngineUserTask {
  overdue: boolean;
}

/** One task opened: its form (form-js schema) and, when the user may see the case, its variables. */
export interface TaskDetail extends TaskSummary {
  form?: unknown;
  variables?: Record<string, unknown>;
  /** True when the user may work on the task but not see the case: the variables are withheld. */
  variablesHidden: boolean;
  decisionId?: string;
}

interface Variable {
  name: string;
  value: string;
  scopeKey: string;
  isTruncated?: boolean;
  variableKey: string;
}

const LIST_LIMIT = 200;

/**
 * Human tasks (Camunda user tasks) through the engine's REST user-task API: the tasks offered to
 * the user (by agency, role, name or assignment; see candidate-groups.ts), claim, unassign and
 * complete with the form's variables. Need-to-know: a task's variables are given only to users
 * who may read its case (auth/need-to-know.ts). Every change and every read of variables is audited.
 */
export class HumanTasks {
  constructor(
    private readonly db: Db,
    private readonly engine: EngineRest,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Open tasks of the user's agency or role, offered to them by name, or assigned to them; due first. */
  async list(p: Principal): Promise<TaskSummary[]> {
    const filters: Array<Record<string, unknown>> =
      p.role === 'admin'
        ? [{}]
        : [{ candidateGroup: { $in: groupsOf(p) } }, { candidateUser: p.user }, { assignee: p.user }];
    const pages = await Promise.all(
      filters.map((f) =>
        this.engine.call<SearchPage<EngineUserTask>>('POST', 'user-tasks/search', {
          filter: { state: 'CREATED', ...f },
          sort: [{ field: 'creationDate', order: 'ASC' }],
          page: { limit: LIST_LIMIT },
        }),
      ),
    );
    const byKey = new Map<string, EngineUserTask>();
    for (const page of pages) for (const t of page.items) byKey.set(t.userTaskKey, t);
    const tasks = [...byKey.values()].filter((t) => mayWorkOnTask(p, t)).map((t) => this.summary(t));
    return tasks.sort(
      (a, b) =>
        (a.dueDate ?? '\uffff').localeCompare(b.dueDate ?? '\uffff') ||
        a.creationDate.localeCompare(b.creationDate),
    );
  }

  /** One task with its form, and its variables when the user may see the case. */
  async open(p: Principal, key: string, justification?: string): Promise<TaskDetail> {
    const task = await this.workable(p, key, 'task.read');
    const taskCase = await caseOfInstance(this.db, task.processInstanceKey);
    const form = await this.form(key);
    // an admin's reading of a case is oversight: only with a stated reason (X-Justification)
    const seesCase = mayReadCase(p, taskCase) && (p.role !== 'admin' || !taskCase || isStated(justification));
    let variables: Record<string, unknown> | undefined;
    if (seesCase) {
      variables = await this.variables(task);
      await this.audit.append({
        ...actor(p),
        action: 'task.read',
        object: objectOf(task, taskCase),
        justification,
        outcome: 'ok',
      });
    }
    return {
      ...this.summary(task),
      form,
      variables,
      variablesHidden: !seesCase,
      decisionId: seesCase ? taskCase?.decision.id : undefined,
    };
  }

  /** Assigns the task to the user; refused when someone else holds it. */
  async claim(p: Principal, key: string): Promise<TaskSummary> {
    const task = await this.workable(p, key, 'task.claim');
    this.refuseClosed(task);
    if (task.assignee && task.assignee !== p.user) {
      throw conflict(
        'task_claimed',
        `task ${key} is already claimed by ${task.assignee}; they (or an admin) must unassign it first`,
      );
    }
    if (!task.assignee) {
      await this.write(() =>
        this.engine.call('POST', `user-tasks/${key}/assignment`, { assignee: p.user, allowOverride: false }),
      );
      await this.audit.append({ ...actor(p), action: 'task.claim', object: `task ${key}`, outcome: 'ok' });
    }
    return this.summary({ ...task, assignee: p.user });
  }

  /** Gives the task back to its groups; only its assignee (or an admin) may. */
  async unassign(p: Principal, key: string): Promise<TaskSummary> {
    const task = await this.workable(p, key, 'task.unassign');
    this.refuseClosed(task);
    if (task.assignee && task.assignee !== p.user && p.role !== 'admin') {
      await this.denied(p, 'task.unassign', key);
      throw forbidden(`task ${key} is claimed by ${task.assignee}; only they or an admin may unassign it`);
    }
    if (task.assignee) {
      await this.write(() => this.engine.call('DELETE', `user-tasks/${key}/assignee`));
      await this.audit.append({ ...actor(p), action: 'task.unassign', object: `task ${key}`, outcome: 'ok' });
    }
    return this.summary({ ...task, assignee: undefined });
  }

  /**
   * Completes the task the user has claimed with the variables of its form; a variable the form does
   * not have is refused (a completion could otherwise overwrite any of the case's variables).
   */
  async complete(p: Principal, key: string, variables: Record<string, unknown>): Promise<void> {
    const task = await this.workable(p, key, 'task.complete');
    this.refuseClosed(task);
    if (task.assignee !== p.user) {
      throw conflict(
        task.assignee ? 'task_claimed' : 'task_not_claimed',
        task.assignee
          ? `task ${key} is claimed by ${task.assignee}; only they can complete it`
          : `task ${key} is not claimed; claim it (POST /api/tasks/${key}/claim) before completing it`,
      );
    }
    const allowed = formFieldKeys(await this.form(key));
    const extra = Object.keys(variables).filter((name) => !allowed.has(name));
    if (extra.length > 0) {
      throw invalid(
        extra.map((name) => ({
          field: `variables.${name}`,
          code: 'not_in_form',
          message: `the task's form has no field "${name}"${allowed.size ? `; its fields: ${[...allowed].join(', ')}` : ' (it has no fields)'}`,
        })),
      );
    }
    await this.write(() => this.engine.call('POST', `user-tasks/${key}/completion`, { variables }));
    await this.audit.append({
      ...actor(p),
      action: 'task.complete',
      object: `task ${key} ${task.elementId} variables ${Object.keys(variables).join(',') || '(none)'}`,
      outcome: 'ok',
    });
  }

  private summary(t: EngineUserTask): TaskSummary {
    return { ...t, overdue: t.dueDate !== undefined && Date.parse(t.dueDate) < this.clock.now().getTime() };
  }

  /** The task, if the user may work on it: 404 when the engine has none, 403 when it is not theirs. */
  private async workable(p: Principal, key: string, action: string): Promise<EngineUserTask> {
    let task: EngineUserTask;
    try {
      task = await this.engine.call<EngineUserTask>('GET', `user-tasks/${key}`);
    } catch (e) {
      if (e instanceof EngineRestRefusal && (e.status === 404 || e.status === 400))
        throw notFound('task', key);
      throw e;
    }
    if (!mayWorkOnTask(p, task)) {
      await this.denied(p, action, key);
      throw forbidden(
        `task ${key} is offered to ${describeAudience(task)}; you are ${p.user} (${p.role} of ${p.agencyId})`,
      );
    }
    return task;
  }

  private refuseClosed(task: EngineUserTask): void {
    if (task.state !== 'CREATED')
      throw conflict('task_closed', `task ${task.userTaskKey} is ${task.state.toLowerCase()}; nothing to do`);
  }

  private denied(p: Principal, action: string, key: string): Promise<void> {
    return this.audit.append({ ...actor(p), action, object: `task ${key}`, outcome: 'denied' });
  }

  /** An engine write; its refusal (task changed meanwhile) becomes a 409 saying what the engine said. */
  private async write(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      if (e instanceof EngineRestRefusal) throw conflict('task_changed', `the engine refused: ${e.detail}`);
      throw e;
    }
  }

  private async form(key: string): Promise<unknown> {
    const linked = await this.engine.call<{ schema?: string } | undefined>('GET', `user-tasks/${key}/form`);
    if (!linked?.schema) return undefined;
    return typeof linked.schema === 'string' ? (JSON.parse(linked.schema) as unknown) : linked.schema;
  }

  /** The instance's variables, the task's own scope over the instance's. */
  private async variables(task: EngineUserTask): Promise<Record<string, unknown>> {
    const page = await this.engine.call<SearchPage<Variable>>('POST', 'variables/search', {
      filter: { processInstanceKey: task.processInstanceKey },
      page: { limit: 1000 },
    });
    const scopes = [task.processInstanceKey, task.elementInstanceKey];
    const out: Record<string, unknown> = {};
    const chosen = page.items
      .filter((v) => scopes.includes(v.scopeKey))
      .sort((a, b) => scopes.indexOf(a.scopeKey) - scopes.indexOf(b.scopeKey));
    for (const v of chosen) {
      const full = v.isTruncated
        ? await this.engine.call<Variable>('GET', `variables/${v.variableKey}`).catch(() => v)
        : v;
      try {
        out[v.name] = JSON.parse(full.value);
      } catch {
        out[v.name] = full.value;
      }
    }
    return out;
  }
}

function mayReadCase(p: Principal, c: TaskCase | undefined): boolean {
  if (!c) return true; // an instance without a case holds no case data
  return mayReadDecision(p, c.decision) || (c.mandate !== undefined && mayReadMandate(p, c.mandate));
}

function actor(p: Principal) {
  return { user: p.user, agencyId: p.agencyId };
}

function objectOf(task: EngineUserTask, c: TaskCase | undefined): string {
  return `task ${task.userTaskKey}${c ? ` decision ${c.decision.id}` : ''}`;
}

function describeAudience(t: EngineUserTask): string {
  const parts = [
    ...(t.candidateGroups ?? []).map((g) => `group ${g}`),
    ...(t.candidateUsers ?? []).map((u) => `user ${u}`),
    ...(t.assignee ? [`its assignee ${t.assignee}`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'nobody (no candidate group or user)';
}
