import type { UserTaskDefinition } from '../../model/process-model';
import { evaluateValue, type Evaluated } from '../expressions';
import type { ElementInstance } from '../instance-state';
import type { IncidentType, RuntimeApi, UserTaskSettings } from '../runtime-api';

export type { UserTaskSettings } from '../runtime-api';

type Failure = { ok: false; message: string; incidentType: IncidentType };

/**
 * Evaluates assignment, candidates, schedule, priority and form of a user task, as Zeebe does when
 * the task is created; a failure becomes an incident (EXTRACT_VALUE_ERROR, FORM_NOT_FOUND).
 */
export function evaluateUserTask(
  rt: RuntimeApi,
  ei: ElementInstance,
  def: UserTaskDefinition,
): { ok: true; value: UserTaskSettings } | Failure {
  const context = rt.context(ei);
  const fail = (message: string): Failure => ({ ok: false, message, incidentType: 'EXTRACT_VALUE_ERROR' });
  const assignee = text(evaluateValue(def.assignee, context, rt.feel), def.assignee, 'assignee');
  if (!assignee.ok) return fail(assignee.message);
  const groups = list(
    evaluateValue(def.candidateGroups, context, rt.feel),
    def.candidateGroups,
    'candidateGroups',
  );
  if (!groups.ok) return fail(groups.message);
  const users = list(
    evaluateValue(def.candidateUsers, context, rt.feel),
    def.candidateUsers,
    'candidateUsers',
  );
  if (!users.ok) return fail(users.message);
  const due = date(evaluateValue(def.dueDate, context, rt.feel), def.dueDate, 'dueDate');
  if (!due.ok) return fail(due.message);
  const followUp = date(evaluateValue(def.followUpDate, context, rt.feel), def.followUpDate, 'followUpDate');
  if (!followUp.ok) return fail(followUp.message);
  const priority = evaluateValue(def.priority, context, rt.feel);
  if (!priority.ok) return fail(priority.message);
  const p = priority.value === null ? 50 : Number(priority.value);
  if (!Number.isInteger(p) || p < 0 || p > 100)
    return fail(
      `Expected the priority '${def.priority}' to be a whole number from 0 to 100, but it was ${JSON.stringify(priority.value)}`,
    );

  const settings: UserTaskSettings = {
    candidateGroups: groups.value,
    candidateUsers: users.value,
    priority: p,
    headers: def.headers,
  };
  if (assignee.value) settings.assignee = assignee.value;
  if (due.value) settings.dueDate = due.value;
  if (followUp.value) settings.followUpDate = followUp.value;
  const form = def.form;
  if (form && 'formId' in form) {
    const found = rt.ports.forms?.find(form, ei.instance.process.info.deploymentKey);
    if (!found) {
      const binding =
        form.bindingType === 'latest'
          ? ''
          : ` (binding ${form.bindingType}${form.versionTag ? ` '${form.versionTag}'` : ''})`;
      return {
        ok: false,
        incidentType: 'FORM_NOT_FOUND',
        message: `Expected to find a form with id '${form.formId}'${binding}, but no such form was deployed`,
      };
    }
    settings.formKey = String(found.key);
  } else if (form && 'formKey' in form) {
    const key = text(evaluateValue(form.formKey, context, rt.feel), form.formKey, 'formKey');
    if (!key.ok) return fail(key.message);
    if (key.value) settings.formKey = key.value;
  } else if (form && 'externalReference' in form) {
    const ref = text(
      evaluateValue(form.externalReference, context, rt.feel),
      form.externalReference,
      'externalReference',
    );
    if (!ref.ok) return fail(ref.message);
    if (ref.value) settings.externalFormReference = ref.value;
  }
  return { ok: true, value: settings };
}

/** The custom headers Zeebe gives the job of a job-based user task. */
export function jobHeaders(s: UserTaskSettings): Record<string, string> {
  const h: Record<string, string> = {};
  if (s.assignee) h['io.camunda.zeebe:assignee'] = s.assignee;
  if (s.candidateGroups.length) h['io.camunda.zeebe:candidateGroups'] = JSON.stringify(s.candidateGroups);
  if (s.candidateUsers.length) h['io.camunda.zeebe:candidateUsers'] = JSON.stringify(s.candidateUsers);
  if (s.dueDate) h['io.camunda.zeebe:dueDate'] = s.dueDate.text;
  if (s.followUpDate) h['io.camunda.zeebe:followUpDate'] = s.followUpDate.text;
  if (s.formKey) h['io.camunda.zeebe:formKey'] = s.formKey;
  return { ...h, ...s.headers };
}

function text(
  r: Evaluated<unknown>,
  source: string | undefined,
  what: string,
): Evaluated<string | undefined> {
  if (!r.ok) return r;
  if (r.value === null) return { ok: true, value: undefined };
  if (typeof r.value === 'string') return { ok: true, value: r.value };
  return {
    ok: false,
    message: `Expected the ${what} '${source}' to be a string, but it was ${JSON.stringify(r.value)}`,
  };
}

/** A static list is comma-separated text; an expression must give a list of strings. */
function list(r: Evaluated<unknown>, source: string | undefined, what: string): Evaluated<string[]> {
  if (!r.ok) return r;
  if (r.value === null) return { ok: true, value: [] };
  if (typeof r.value === 'string' && !source?.trim().startsWith('='))
    return {
      ok: true,
      value: r.value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    };
  if (Array.isArray(r.value) && r.value.every((v) => typeof v === 'string'))
    return { ok: true, value: r.value };
  return {
    ok: false,
    message: `Expected the ${what} '${source}' to be a list of strings, but it was ${JSON.stringify(r.value)}`,
  };
}

/** A date-time with its offset (ISO 8601), as Zeebe requires for due and follow-up dates. */
function date(
  r: Evaluated<unknown>,
  source: string | undefined,
  what: string,
): Evaluated<{ ms: number; text: string } | undefined> {
  if (!r.ok) return r;
  if (r.value === null) return { ok: true, value: undefined };
  const value = r.value as unknown;
  const iso =
    typeof value === 'string'
      ? value
      : typeof value === 'object' && value && 'iso' in value
        ? String(value.iso)
        : undefined;
  const ms =
    iso && /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2}(\[.*\])?)$/.test(iso)
      ? Date.parse(iso.replace(/\[.*\]$/, ''))
      : NaN;
  if (iso === undefined || Number.isNaN(ms)) {
    return {
      ok: false,
      message: `Expected the ${what} '${source}' to be a date-time with an offset such as 2026-01-31T17:00:00+01:00, but it was ${JSON.stringify(value)}`,
    };
  }
  return { ok: true, value: { ms, text: iso } };
}
