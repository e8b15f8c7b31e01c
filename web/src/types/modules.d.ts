// Type shims for the bpmn.io packages that ship no TypeScript declarations. Only what the UI uses.
declare module 'dmn-js/lib/Modeler' {
  export interface DmnView {
    type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression' | string;
    element: { id: string; name?: string };
  }
  export default class DmnModeler {
    constructor(options: Record<string, unknown>);
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): DmnView[];
    getActiveView(): DmnView | undefined;
    open(view: DmnView): Promise<unknown>;
    getActiveViewer():
      | { get(name: string): unknown; on(event: string, cb: (...args: unknown[]) => void): void }
      | undefined;
    on(event: string, cb: (...args: unknown[]) => void): void;
    destroy(): void;
  }
}

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const ZeebePropertiesProviderModule: unknown;
}

declare module 'bpmn-js-element-templates' {
  export const CloudElementTemplatesPropertiesProviderModule: unknown;
}

declare module 'bpmn-js-create-append-anything' {
  export const CreateAppendAnythingModule: unknown;
  export const CreateAppendElementTemplatesModule: unknown;
}

declare module '@bpmn-io/element-template-chooser' {
  const ElementTemplateChooserModule: unknown;
  export default ElementTemplateChooserModule;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const ZeebeBehaviorsModule: unknown;
  export default ZeebeBehaviorsModule;
}

declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}

declare module 'modeler-moddle/resources/modeler.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}

declare module '@camunda/linting' {
  export interface LintReport {
    id: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error' | string;
    rule: string;
    name?: string;
  }
  export class Linter {
    constructor(options?: { modeler?: 'desktop' | 'web'; type?: 'cloud' | 'platform'; plugins?: unknown[] });
    lint(contents: unknown): Promise<LintReport[]>;
  }
}

declare module '@camunda/linting/modeler' {
  const LintingModule: unknown;
  export default LintingModule;
}

// The project's bpmnlint rules and plugin (bpmn/lint-rules, bpmn/bpmnlint-plugin-iplus: CommonJS).
declare module '@iplus/lint-rules/*' {
  const rule: (...args: unknown[]) => unknown;
  export default rule;
}

declare module 'bpmnlint-plugin-iplus' {
  const plugin: { configs: { recommended: { rules: Record<string, string> } } };
  export default plugin;
}

declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}

declare module 'bpmn-js-differ' {
  export function diff(oldDefinitions: unknown, newDefinitions: unknown): unknown;
}
