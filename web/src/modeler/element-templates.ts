/**
 * The element templates of `bpmn/element-templates/`, bundled at build time so the analyst's
 * modeler offers the iplus task types by name (Create BNG Signalement, Issue Mandate…).
 */
const modules = import.meta.glob('../../../bpmn/element-templates/*.json', {
  eager: true,
  import: 'default',
});

export interface ElementTemplate {
  id: string;
  name: string;
  [key: string]: unknown;
}

/** Every template found, flattened (a file may hold one template or a list). */
export const ELEMENT_TEMPLATES: ElementTemplate[] = Object.values(modules).flatMap((m) =>
  Array.isArray(m) ? (m as ElementTemplate[]) : [m as ElementTemplate],
);
