import type { ElementModel, ProcessModel } from './process-model';
import type { ModelProblem } from './model-problem';

type Rule = (e: ElementModel, model: ProcessModel, problem: (message: string) => void) => void;

const catchKinds: Record<string, string[]> = {
  START_EVENT: ['none', 'message', 'timer', 'signal'],
  EVENT_SUB_PROCESS_START: ['message', 'timer', 'error', 'signal', 'escalation'],
  BOUNDARY_EVENT: ['message', 'timer', 'error', 'signal', 'escalation', 'compensation'],
  INTERMEDIATE_CATCH_EVENT: ['message', 'timer', 'signal', 'link'],
  INTERMEDIATE_THROW_EVENT: ['none', 'message', 'signal', 'link', 'escalation', 'compensation'],
  END_EVENT: ['none', 'error', 'terminate', 'message', 'signal', 'escalation', 'compensation'],
};

const eventRules: Rule = (e, model, problem) => {
  if (!e.type.endsWith('_EVENT') || !e.event) return;
  const scope = e.flowScope ? model.elements[e.flowScope] : undefined;
  const key =
    e.type === 'START_EVENT' && scope?.type === 'EVENT_SUB_PROCESS' ? 'EVENT_SUB_PROCESS_START' : e.type;
  const allowed = catchKinds[key] ?? [];
  if (!allowed.includes(e.event.kind)) {
    problem(
      `a ${e.event.kind} event is not supported here (${key.toLowerCase().replace(/_/g, ' ')}: ${allowed.join(', ')})`,
    );
    return;
  }
  if (e.type === 'START_EVENT' && scope?.type === 'SUB_PROCESS' && e.event.kind !== 'none') {
    problem('an embedded subprocess can only have a none start event');
  }
  if (
    e.type === 'START_EVENT' &&
    scope?.type === 'PROCESS' &&
    e.event.kind === 'timer' &&
    e.event.timer?.kind === 'duration'
  ) {
    problem('a timer start event must have a timeDate or a timeCycle');
  }
  if (e.type === 'BOUNDARY_EVENT' && e.interrupting && e.event.timer?.kind === 'cycle') {
    problem('an interrupting timer boundary event cannot have a timeCycle');
  }
  if (
    (e.type === 'BOUNDARY_EVENT' || key === 'EVENT_SUB_PROCESS_START') &&
    e.event.kind === 'error' &&
    !e.interrupting
  ) {
    problem('an error catch event must be interrupting');
  }
  if (e.type === 'END_EVENT' && e.event.kind === 'error' && !e.event.errorCode) {
    problem('an error end event must reference an error with an errorCode');
  }
  if (e.event.kind === 'message') checkMessage(e, scope, problem);
};

function checkMessage(e: ElementModel, scope: ElementModel | undefined, problem: (m: string) => void): void {
  const throwing = e.type === 'INTERMEDIATE_THROW_EVENT' || e.type === 'END_EVENT';
  if (throwing) return;
  if (!e.event?.name) problem('the referenced message must have a name');
  const processStart = e.type === 'START_EVENT' && scope?.type === 'PROCESS';
  if (!processStart && !e.event?.correlationKey) {
    problem("the referenced message must have a 'zeebe:subscription' correlationKey");
  }
  if (processStart && e.event?.name?.startsWith('='))
    problem('a message start event needs a static message name');
}

const flowRules: Rule = (e, model, problem) => {
  const outgoing = e.outgoing.map((f) => model.flows[f]);
  const gateway = e.type === 'EXCLUSIVE_GATEWAY' || e.type === 'INCLUSIVE_GATEWAY';
  if (e.defaultFlow) {
    if (!e.outgoing.includes(e.defaultFlow))
      problem(`the default flow '${e.defaultFlow}' is not an outgoing flow of this element`);
    else if (model.flows[e.defaultFlow].condition)
      problem(`the default flow '${e.defaultFlow}' must not have a condition`);
  }
  if (gateway && outgoing.length > 1) {
    for (const f of outgoing) {
      if (f.id !== e.defaultFlow && !f.condition)
        problem(`the outgoing sequence flow '${f.id}' must have a condition (or be the default flow)`);
    }
  }
  if (!gateway) {
    for (const f of outgoing) {
      if (f.condition)
        problem(
          `the outgoing sequence flow '${f.id}' has a condition; conditions are only evaluated on exclusive and inclusive gateways`,
        );
    }
  }
  if (e.type === 'END_EVENT' && outgoing.length > 0)
    problem('an end event must not have outgoing sequence flows');
  if ((e.type === 'START_EVENT' || e.type === 'BOUNDARY_EVENT') && e.incoming.length > 0) {
    problem('a start or boundary event must not have incoming sequence flows');
  }
  if (e.type === 'EVENT_SUB_PROCESS' && (e.incoming.length > 0 || e.outgoing.length > 0)) {
    problem('an event subprocess must not have incoming or outgoing sequence flows');
  }
  if (e.type === 'EVENT_SUB_PROCESS' && !e.start)
    problem('an event subprocess must have exactly one start event');
  if (e.type === 'EVENT_BASED_GATEWAY') {
    if (outgoing.length < 2) problem('an event-based gateway must have at least two outgoing sequence flows');
    for (const f of outgoing) {
      const t = model.elements[f.target];
      const ok =
        t &&
        ((t.type === 'INTERMEDIATE_CATCH_EVENT' &&
          ['message', 'timer', 'signal'].includes(t.event?.kind ?? '')) ||
          t.type === 'RECEIVE_TASK');
      if (!ok)
        problem(
          `the outgoing sequence flow '${f.id}' must lead to a message, timer or signal catch event or a receive task`,
        );
      else if (t.incoming.length > 1)
        problem(`'${t.id}' after an event-based gateway must have exactly one incoming sequence flow`);
    }
  }
};

const scopeRules: Rule = (e, model, problem) => {
  if (e.type === 'PROCESS') {
    const starts = Object.values(model.elements).filter(
      (c) => c.type === 'START_EVENT' && c.flowScope === e.id,
    );
    if (starts.length === 0) problem('the process must have at least one start event');
  }
  if (e.type === 'PROCESS' || e.type === 'SUB_PROCESS' || e.type === 'EVENT_SUB_PROCESS') {
    const catches = new Map<string, string>();
    const errorCatchers = [
      ...(e.eventSubProcesses ?? []).map((id) => model.elements[model.elements[id].start ?? '']),
    ].filter((c) => c?.event?.kind === 'error');
    for (const c of errorCatchers) {
      const code = c.event?.errorCode ?? '';
      if (catches.has(code))
        problem(`two error catch events for the error code '${code || '(any)'}' in one scope`);
      catches.set(code, c.id);
    }
  }
  if (e.boundaryEvents) {
    const codes = new Set<string>();
    for (const b of e.boundaryEvents.map((id) => model.elements[id])) {
      if (b.event?.kind !== 'error') continue;
      const code = b.event.errorCode ?? '';
      if (codes.has(code)) problem(`two error boundary events for the error code '${code || '(any)'}'`);
      codes.add(code);
    }
  }
};

const RULES: Rule[] = [eventRules, flowRules, scopeRules];

/** Zeebe's deploy-time checks over a linked model; each problem names its element. */
export function validateProcess(model: ProcessModel, problems: ModelProblem[]): void {
  for (const e of Object.values(model.elements)) {
    for (const rule of RULES) rule(e, model, (message) => problems.push({ elementId: e.id, message }));
  }
}
