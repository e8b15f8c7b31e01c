import type { ElementModel, FlowModel, ProcessModel } from './process-model';

export interface Flow extends FlowModel {
  sourceElement: Element;
  targetElement: Element;
}

/** An element with its references resolved to objects, for the runtime's hot path. */
export interface Element extends ElementModel {
  process: ExecutableProcess;
  scopeElement: Element | null;
  outgoingFlows: Flow[];
  incomingFlows: Flow[];
  defaultFlowRef?: Flow;
  boundaryElements: Element[];
  eventSubProcessElements: Element[];
  noneStartElement?: Element;
  startElement?: Element;
  attachedElement?: Element;
  linkTargetElement?: Element;
}

/** Identity of a deployed process definition. */
export interface DefinitionInfo {
  key: number;
  bpmnProcessId: string;
  version: number;
  versionTag?: string;
  deploymentKey: number;
}

/** A deployed process definition ready to run: immutable, shared by all its instances. */
export class ExecutableProcess {
  readonly elements = new Map<string, Element>();
  readonly flows = new Map<string, Flow>();
  readonly root: Element;

  constructor(
    readonly info: DefinitionInfo,
    readonly model: ProcessModel,
  ) {
    for (const m of Object.values(model.elements)) {
      this.elements.set(m.id, {
        ...m,
        process: this,
        scopeElement: null,
        outgoingFlows: [],
        incomingFlows: [],
        boundaryElements: [],
        eventSubProcessElements: [],
      });
    }
    for (const f of Object.values(model.flows)) {
      const flow: Flow = {
        ...f,
        sourceElement: this.elements.get(f.source)!,
        targetElement: this.elements.get(f.target)!,
      };
      this.flows.set(f.id, flow);
    }
    const get = (id: string | undefined) => (id === undefined ? undefined : this.elements.get(id));
    for (const e of this.elements.values()) {
      e.scopeElement = get(e.flowScope ?? undefined) ?? null;
      e.outgoingFlows = e.outgoing.map((id) => this.flows.get(id)!);
      e.incomingFlows = e.incoming.map((id) => this.flows.get(id)!);
      e.defaultFlowRef = e.defaultFlow ? this.flows.get(e.defaultFlow) : undefined;
      e.boundaryElements = (e.boundaryEvents ?? []).map((id) => get(id)!);
      e.eventSubProcessElements = (e.eventSubProcesses ?? []).map((id) => get(id)!);
      e.noneStartElement = get(e.noneStart);
      e.startElement = get(e.start);
      e.attachedElement = get(e.attachedTo);
      e.linkTargetElement = get(e.linkTarget);
    }
    this.root = this.elements.get(model.bpmnProcessId)!;
  }

  get key(): number {
    return this.info.key;
  }

  get bpmnProcessId(): string {
    return this.info.bpmnProcessId;
  }

  get version(): number {
    return this.info.version;
  }

  element(id: string): Element {
    const e = this.elements.get(id);
    if (!e) throw new Error(`process '${this.bpmnProcessId}' has no element '${id}'`);
    return e;
  }

  /** True when the process has a message start event (its instances hold a start lock). */
  get hasMessageStart(): boolean {
    return (this.messageStart ??= this.startEvents('message').length > 0);
  }

  private messageStart?: boolean;

  /** The process-level start events of one kind (message, timer, signal). */
  startEvents(kind: string): Element[] {
    return [...this.elements.values()].filter(
      (e) => e.type === 'START_EVENT' && e.flowScope === this.bpmnProcessId && e.event?.kind === kind,
    );
  }
}
