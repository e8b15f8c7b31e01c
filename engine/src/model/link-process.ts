import type { ProcessModel } from './process-model';
import type { ModelProblem } from './model-problem';

/**
 * Resolves the references between elements once, on deploy: flows to their ends, boundary
 * events to their activity, scopes to their start events, links to their targets, and the
 * reachability an inclusive join needs.
 */
export function linkProcess(model: ProcessModel, problems: ModelProblem[]): void {
  const { elements, flows } = model;
  for (const flow of Object.values(flows)) {
    const source = elements[flow.source];
    const target = elements[flow.target];
    if (!source)
      problems.push({
        elementId: flow.id,
        message: `the sequence flow's source '${flow.source}' does not exist`,
      });
    if (!target)
      problems.push({
        elementId: flow.id,
        message: `the sequence flow's target '${flow.target}' does not exist`,
      });
    if (!source || !target) continue;
    if (source.flowScope !== flow.scope || target.flowScope !== flow.scope) {
      problems.push({
        elementId: flow.id,
        message: 'a sequence flow must connect elements of the same (sub)process',
      });
      continue;
    }
    source.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }
  for (const e of Object.values(elements)) {
    if (e.type === 'BOUNDARY_EVENT') {
      const host = e.attachedTo ? elements[e.attachedTo] : undefined;
      if (!host || host.flowScope !== e.flowScope || !isActivity(host.type)) {
        problems.push({
          elementId: e.id,
          message: 'a boundary event must be attached to an activity of the same scope',
        });
      } else {
        (host.boundaryEvents ??= []).push(e.id);
      }
    }
    const scope = e.flowScope ? elements[e.flowScope] : undefined;
    if (!scope) continue;
    if (e.type === 'START_EVENT') {
      if (scope.type === 'EVENT_SUB_PROCESS') {
        if (scope.start)
          problems.push({
            elementId: scope.id,
            message: 'an event subprocess must have exactly one start event',
          });
        scope.start = e.id;
      } else if (!e.event || e.event.kind === 'none') {
        if (scope.noneStart)
          problems.push({ elementId: e.id, message: `'${scope.id}' must have at most one none start event` });
        scope.noneStart = e.id;
      }
    }
    if (e.type === 'EVENT_SUB_PROCESS') (scope.eventSubProcesses ??= []).push(e.id);
    if (e.type === 'EVENT_BASED_GATEWAY') e.eventTargets = e.outgoing.map((f) => flows[f].target);
  }
  for (const e of Object.values(elements)) {
    if (e.event?.kind === 'link' && e.type === 'INTERMEDIATE_THROW_EVENT') {
      const target = Object.values(elements).find(
        (c) =>
          c.type === 'INTERMEDIATE_CATCH_EVENT' &&
          c.event?.kind === 'link' &&
          c.event.link === e.event!.link &&
          c.flowScope === e.flowScope,
      );
      if (!target)
        problems.push({
          elementId: e.id,
          message: `no link catch event named '${e.event.link}' in the same scope`,
        });
      else e.linkTarget = target.id;
    }
    if (e.type === 'INCLUSIVE_GATEWAY' && e.incoming.length > 1) {
      e.joinReach = {};
      for (const f of e.incoming) e.joinReach[f] = reachingElements(model, flows[f].source, e.id);
    }
    if (e.type === 'SUB_PROCESS' && !e.noneStart) {
      problems.push({
        elementId: e.id,
        message: 'an embedded subprocess must have exactly one none start event',
      });
    }
  }
}

/** Elements from which `from` can be reached along flows (and boundary attachments), not through `gateway`. */
function reachingElements(model: ProcessModel, from: string, gateway: string): string[] {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const e = model.elements[id];
    const predecessors = e.incoming.map((f) => model.flows[f].source);
    if (e.type === 'BOUNDARY_EVENT' && e.attachedTo) predecessors.push(e.attachedTo);
    for (const p of predecessors) {
      if (p === gateway || seen.has(p)) continue;
      seen.add(p);
      queue.push(p);
    }
  }
  return [...seen];
}

/** Activities: what boundary events attach to and what runs as its own element instance. */
export function isActivity(type: string): boolean {
  return type.endsWith('_TASK') || type === 'TASK' || type === 'SUB_PROCESS' || type === 'CALL_ACTIVITY';
}
