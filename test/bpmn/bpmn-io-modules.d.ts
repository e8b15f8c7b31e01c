// Just enough typing of the bpmn-io packages the model tests use (they ship no declarations).
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    [key: string]: unknown;
  }
  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: Array<{ message: string }>;
    elementsById: Record<string, ModdleElement>;
  }
  export default class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}

declare module 'bpmnlint' {
  export type LintReport = { id: string; message: string; category: 'error' | 'warn' | 'info' };
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

declare module '@bpmn-io/element-templates-validator' {
  export function validateZeebe(template: unknown): {
    valid: boolean;
    errors: Array<{ message: string }> | null;
    warnings?: Array<{ message: string }>;
  };
}
