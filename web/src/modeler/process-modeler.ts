import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import { Linter, type LintReport } from '@camunda/linting';
import LintingModule from '@camunda/linting/modeler';
import '@camunda/linting/assets/linting.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  CreateAppendAnythingModule,
  CreateAppendElementTemplatesModule,
} from 'bpmn-js-create-append-anything';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import modelerModdle from 'modeler-moddle/resources/modeler.json';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { ELEMENT_TEMPLATES } from './element-templates';
import { IPLUS_LINT_PLUGIN } from './iplus-lint';
import { olderThan } from './platform-version';

export type { LintReport };

export interface ProcessModeler {
  importXML(xml: string): Promise<void>;
  saveXML(): Promise<string>;
  /** bpmnlint + Camunda's rules for the diagram's execution platform + the project's own (`iplus/…`); errors also drawn on the canvas. */
  lint(): Promise<LintReport[]>;
  /** Called (debounced) after every change of the diagram. */
  onChange(cb: () => void): void;
  select(elementId: string): void;
  processId(): string;
  templates(): Array<{ id: string; name: string }>;
  destroy(): void;
}

/** The execution platform the linter and the properties panel assume when a diagram names none. */
const PLATFORM = { name: 'Camunda Cloud', version: '8.8.0' };

/**
 * bpmn-js with the Zeebe properties panel, the iplus element templates (chooser, create/append
 * menus) and inline linting. The bpmn.io watermark stays: its licence requires it.
 */
export async function createProcessModeler(canvas: HTMLElement, panel: HTMLElement): Promise<ProcessModeler> {
  const modeler = new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      CloudElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
      CreateAppendAnythingModule,
      CreateAppendElementTemplatesModule,
      LintingModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle, modeler: modelerModdle },
    elementTemplates: ELEMENT_TEMPLATES,
  } as ConstructorParameters<typeof BpmnModeler>[0]);
  const get = <T>(name: string) => modeler.get(name) as T;
  const linter = new Linter({ modeler: 'web', type: 'cloud', plugins: [IPLUS_LINT_PLUGIN] });
  const listeners: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  modeler.on('commandStack.changed', () => {
    clearTimeout(timer);
    timer = setTimeout(() => listeners.forEach((l) => l()), 300);
  });

  function definitions() {
    return (
      modeler as unknown as {
        getDefinitions(): { get(k: string): unknown; set(k: string, v: unknown): void };
      }
    ).getDefinitions();
  }

  return {
    async importXML(xml) {
      await modeler.importXML(xml);
      const defs = definitions();
      if (!defs.get('modeler:executionPlatform')) {
        defs.set('modeler:executionPlatform', PLATFORM.name);
        defs.set('modeler:executionPlatformVersion', PLATFORM.version);
      } else if (olderThan(String(defs.get('modeler:executionPlatformVersion') ?? ''), PLATFORM.version)) {
        // the engine serves Camunda 8.8: a diagram saved by an older Modeler must not be linted (nor
        // its panel restricted) as if it ran on 8.4, or Camunda user tasks would be refused
        defs.set('modeler:executionPlatformVersion', PLATFORM.version);
      }
      get<{ zoom(v: string): void }>('canvas').zoom('fit-viewport');
    },
    async saveXML() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml ?? '';
    },
    async lint() {
      const reports = await linter.lint(definitions());
      const linting = get<{ setErrors(r: LintReport[]): void; activate(): void }>('linting');
      linting.setErrors(reports);
      linting.activate();
      return reports;
    },
    onChange: (cb) => listeners.push(cb),
    select(elementId) {
      const element = get<{ get(id: string): unknown }>('elementRegistry').get(elementId);
      if (!element) return;
      get<{ select(e: unknown): void }>('selection').select(element);
      get<{ scrollToElement(e: unknown): void }>('canvas').scrollToElement(element);
    },
    processId() {
      const root = get<{ getRootElement(): { businessObject: { id: string; processRef?: { id: string } } } }>(
        'canvas',
      ).getRootElement();
      return root.businessObject.processRef?.id ?? root.businessObject.id;
    },
    templates: () => ELEMENT_TEMPLATES.map((t) => ({ id: t.id, name: t.name })),
    destroy: () => {
      clearTimeout(timer);
      modeler.destroy();
    },
  };
}
