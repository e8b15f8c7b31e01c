import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import type { DiagramViewer } from '../../modeler/diagram-viewer';
import type {
  ElementInstance,
  EngineTimer,
  Incident,
  MessageSubscription,
  ProcessInstance,
  Variable,
} from '../../operations/camunda-types';
import { instancePath } from '../../operations/instance-path';
import { search } from '../../operations/operations-api';
import { resolveTimerText, variableValue, waitStates, type WaitState } from '../../operations/waiting';
import { IncidentsTable } from './incidents-table';

interface InstanceData {
  instance: ProcessInstance;
  elements: ElementInstance[];
  incidents: Incident[];
  subscriptions: MessageSubscription[];
  /** The engine's waiting timers; undefined when its API has no timer search (Camunda's has none). */
  timers?: EngineTimer[];
  xml: string;
}

/** The engine's waiting timers of an instance (iplus extension of the v2 API); undefined on a 404. */
async function engineTimers(key: string, signal: AbortSignal): Promise<EngineTimer[] | undefined> {
  try {
    const r = await search<EngineTimer>(
      'x-iplus/timers',
      { filter: { processInstanceKey: key }, page: { limit: 1000 } },
      signal,
    );
    return r.items;
  } catch (e) {
    if (e instanceof ApiError && e.problem.status === 404) return undefined;
    throw e;
  }
}

async function loadInstance(key: string, signal: AbortSignal): Promise<InstanceData> {
  const byKey = { filter: { processInstanceKey: key }, page: { limit: 1000 } };
  const [instances, elements, incidents, subscriptions, timers] = await Promise.all([
    search<ProcessInstance>('process-instances', { filter: { processInstanceKey: key } }, signal),
    search<ElementInstance>('element-instances', byKey, signal),
    search<Incident>('incidents', byKey, signal),
    search<MessageSubscription>('message-subscriptions', byKey, signal),
    engineTimers(key, signal),
  ]);
  const instance = instances.items[0];
  if (!instance) throw new Error(`process instance ${key} not found`);
  const xml = await api<string>(
    'GET',
    `/api/operations/v2/process-definitions/${encodeURIComponent(instance.processDefinitionKey)}/xml`,
    undefined,
    { signal },
  );
  return {
    instance,
    elements: elements.items,
    incidents: incidents.items,
    subscriptions: subscriptions.items,
    timers,
    xml,
  };
}

/**
 * One process instance: its path drawn on the diagram, what it waits for (message name and
 * correlation key, or a timer's due time), and its incidents.
 */
export function InstanceDetailPage({ instanceKey }: { instanceKey: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<DiagramViewer>();
  const [waits, setWaits] = useState<WaitState[]>();
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const data = useAsync((signal) => loadInstance(instanceKey, signal), [instanceKey]);

  useEffect(() => {
    const d = data.data;
    if (!d || !container.current) return;
    let live = true;
    (async () => {
      const { createDiagramViewer } = await import('../../modeler/diagram-viewer');
      if (!live || !container.current) return;
      viewer.current?.destroy();
      container.current.replaceChildren();
      const v = await createDiagramViewer(
        container.current,
        typeof d.xml === 'string' ? d.xml : String(d.xml),
      );
      if (!live) return v.destroy();
      viewer.current = v;
      v.showPath(instancePath(d.elements, v.flows()));
      const timers = v.timers();
      // the variables timer expressions name (=ackDeadline), read from the instance
      const wanted = [
        ...new Set(
          (d.timers ? [] : timers)
            .map((x) => x.expression.trim())
            .filter((e) => /^=\s*[A-Za-z_]\w*\s*$/.test(e))
            .map((e) => e.slice(1).trim()),
        ),
      ];
      const variables: Record<string, unknown> = {};
      for (const name of wanted) {
        try {
          const r = await search<Variable>('variables', {
            filter: { processInstanceKey: instanceKey, name },
            page: { limit: 1 },
          });
          if (r.items[0]) variables[name] = variableValue(r.items[0]);
        } catch {
          // not readable (or personal data hidden): the due time shows as unknown
        }
      }
      const states = waitStates(d.elements, d.subscriptions, timers, variables, d.timers);
      const n: Record<string, string> = {};
      for (const s of states) {
        n[s.elementId] = v.elementName(s.elementId);
        v.note(
          s.elementId,
          s.kind === 'message'
            ? `✉ ${s.messageName} · ${s.correlationKey}`
            : `⏱ ${s.dueAt ? i18n.dateTime(s.dueAt) : (resolveTimerText(s.expression, variables) ?? s.expression)}`,
        );
      }
      if (live) {
        setNames(n);
        setWaits(states);
      }
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [data.data]);
  useEffect(() => () => viewer.current?.destroy(), []);

  const d = data.data;
  return (
    <section class="wide">
      <p>
        <a href="#/operations">← {t('instances.back')}</a>
      </p>
      <h1>
        {t('instances.detailTitle')} {instanceKey}
      </h1>
      <ProblemAlert error={data.error ?? error} />
      {!d && !data.error && <Loading />}
      {d && (
        <p>
          {d.instance.processDefinitionName || d.instance.processDefinitionId} v
          {d.instance.processDefinitionVersion} ·{' '}
          <span class={`badge badge-${d.instance.state.toLowerCase()}`}>
            {t(`instanceState.${d.instance.state}`)}
          </span>{' '}
          · {t('instances.started')} {i18n.dateTime(d.instance.startDate)}
          {d.instance.endDate ? ` · ${t('instances.ended')} ${i18n.dateTime(d.instance.endDate)}` : ''}
        </p>
      )}
      <div
        ref={container}
        class="diagram"
        data-testid="instance-diagram"
        role="img"
        aria-label={t('instances.diagramLabel')}
      />
      <p class="legend">
        <span class="legend-completed">{t('instances.legendCompleted')}</span>
        <span class="legend-active">{t('instances.legendActive')}</span>
        <span class="legend-incident">{t('instances.legendIncident')}</span>
      </p>
      <h2>{t('instances.waiting')}</h2>
      {waits === undefined ? (
        d && <Loading />
      ) : waits.length === 0 ? (
        <p class="muted">{t('instances.waitingNothing')}</p>
      ) : (
        <ul data-testid="waits">
          {waits.map((w, i) =>
            w.kind === 'message' ? (
              <li key={i}>
                {t('instances.waitMessage', {
                  element: names[w.elementId] ?? w.elementId,
                  message: w.messageName,
                  key: w.correlationKey,
                })}
              </li>
            ) : (
              <li key={i}>
                {w.dueAt
                  ? t('instances.waitTimer', {
                      element: names[w.elementId] ?? w.elementId,
                      due: i18n.dateTime(w.dueAt),
                    })
                  : t('instances.waitTimerUnknown', {
                      element: names[w.elementId] ?? w.elementId,
                      expression: w.expression,
                    })}
              </li>
            ),
          )}
        </ul>
      )}
      <h2>{t('incidents.title')}</h2>
      {d && <IncidentsTable incidents={d.incidents} onChanged={data.reload} />}
    </section>
  );
}
