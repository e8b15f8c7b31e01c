// Just enough typing of the bpmn-io packages the server-side lint uses (they ship no declarations).
declare module 'bpmn-moddle' {
  export default class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
  }
}

declare module 'bpmnlint' {
  export type LintReport = {
    id: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
  };
  export class Linter {
    constructor(options: { config: Record<string, unknown>; resolver: unknown });
    lint(root: unknown): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint/lib/resolver/node-resolver' {
  export default class NodeResolver {
    constructor(options?: Record<string, unknown>);
  }
}
