import type { ElementModel, ProcessModel } from './process-model';
import type { ModelProblem } from './model-problem';

/**
 * Links compensation boundary events to their handlers (through their BPMN association) and
 * checks escalation and compensation events the way Zeebe does on deploy; every problem names
 * its element.
 */
export function validateEscalationAndCompensation(model: ProcessModel, problems: ModelProblem[]): void {
  const { elements } = model;
  const problem = (elementId: string, message: string) => problems.push({ elementId, message });
  for (const a of model.associations ?? []) {
    const source = elements[a.source];
    if (source?.type === 'BOUNDARY_EVENT' && source.event?.kind === 'compensation') {
      if (source.compensationHandler)
        problem(source.id, 'a compensation boundary event must have exactly one compensation handler');
      source.compensationHandler = a.target;
    }
  }
  delete model.associations;
  for (const e of Object.values(elements)) {
    const kind = e.event?.kind;
    if (kind === 'escalation') checkEscalation(e, model, (m) => problem(e.id, m));
    if (kind === 'compensation') checkCompensation(e, model, (m) => problem(e.id, m));
    if (e.forCompensation) checkHandler(e, model, (m) => problem(e.id, m));
    if (e.boundaryEvents || e.eventSubProcesses) checkEscalationCatchers(e, model, (m) => problem(e.id, m));
  }
}

function checkEscalation(e: ElementModel, model: ProcessModel, problem: (m: string) => void): void {
  const code = e.event?.escalationCode;
  const throwing = e.type === 'INTERMEDIATE_THROW_EVENT' || e.type === 'END_EVENT';
  if (throwing && !code)
    problem('an escalation throw event must reference an escalation with an escalationCode');
  if (!throwing && code?.startsWith('='))
    problem(`the escalationCode of a catch event must be static, not the expression '${code}'`);
  if (e.type === 'BOUNDARY_EVENT') {
    const host = e.attachedTo ? model.elements[e.attachedTo] : undefined;
    if (host && host.type !== 'SUB_PROCESS' && host.type !== 'CALL_ACTIVITY')
      problem('an escalation boundary event should only be attached to a subprocess, or a call activity');
  }
}

/** At most one escalation catch event per code (and one catch-all) among a scope's catchers. */
function checkEscalationCatchers(e: ElementModel, model: ProcessModel, problem: (m: string) => void): void {
  const starts = (e.eventSubProcesses ?? []).map((id) => model.elements[model.elements[id].start ?? '']);
  for (const group of [starts, (e.boundaryEvents ?? []).map((id) => model.elements[id])]) {
    const codes = new Set<string>();
    for (const c of group) {
      if (c?.event?.kind !== 'escalation') continue;
      const code = c.event.escalationCode ?? '';
      if (codes.has(code))
        problem(
          code
            ? `multiple escalation catch events with the same escalationCode '${code}' are not supported on the same scope`
            : 'the same scope can not contain more than one escalation catch event without escalation code',
        );
      codes.add(code);
    }
  }
}

function checkCompensation(e: ElementModel, model: ProcessModel, problem: (m: string) => void): void {
  if (e.type === 'BOUNDARY_EVENT') {
    if (e.outgoing.length > 0) problem('a compensation boundary event must not have outgoing sequence flows');
    const handler = e.compensationHandler ? model.elements[e.compensationHandler] : undefined;
    if (!handler) problem('a compensation boundary event must be associated with a compensation handler');
    else if (!handler.forCompensation)
      problem(`the compensation handler '${handler.id}' must be marked isForCompensation="true"`);
    const host = e.attachedTo ? model.elements[e.attachedTo] : undefined;
    if (host?.loop) problem('a compensation boundary event on a multi-instance activity is not supported');
    return;
  }
  const ref = e.event?.activityRef;
  if (ref) {
    const target = model.elements[ref];
    if (!target) problem(`the compensation activityRef '${ref}' does not exist`);
    else if (target.flowScope !== e.flowScope)
      problem(`the compensation activity '${ref}' must be in the same scope as the compensation throw event`);
  }
}

function checkHandler(e: ElementModel, model: ProcessModel, problem: (m: string) => void): void {
  if (!e.type.endsWith('_TASK') && e.type !== 'TASK')
    problem('a compensation handler must be a task (subprocesses and call activities are not supported)');
  if (e.incoming.length > 0 || e.outgoing.length > 0)
    problem('a compensation handler must not have incoming or outgoing sequence flows');
  if (e.boundaryEvents?.length) problem('a compensation handler must not have boundary events');
  const linked = Object.values(model.elements).some((b) => b.compensationHandler === e.id);
  if (!linked) problem('a compensation handler must be associated with a compensation boundary event');
}
