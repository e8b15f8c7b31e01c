import type { Db } from '../../state/database';

/**
 * Element names per process definition, read once from the stored model (definitions never
 * change after deploy). The v2 API requires `elementName`; an element without a name reports
 * its id, as Operate shows it.
 */
export class ElementNames {
  private readonly byDefinition = new Map<number, Map<string, string>>();
  private readonly statement;

  constructor(db: Db) {
    this.statement = db.prepare('SELECT model FROM process_definition WHERE key = ?');
  }

  /** The name of an element of a definition, or its id when the model gives none. */
  of(definitionKey: number, elementId: string): string {
    let names = this.byDefinition.get(definitionKey);
    if (!names) {
      names = new Map();
      const row = this.statement.get(definitionKey) as { model: string } | undefined;
      const elements = row
        ? (JSON.parse(row.model) as { elements?: Record<string, { name?: string }> }).elements
        : undefined;
      for (const [id, e] of Object.entries(elements ?? {})) if (e.name) names.set(id, e.name);
      this.byDefinition.set(definitionKey, names);
    }
    return names.get(elementId) ?? elementId;
  }
}
