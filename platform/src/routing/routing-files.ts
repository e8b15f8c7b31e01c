import { join } from 'node:path';
import type { ReferenceData } from '../reference/types';
import { defaultRoutingTests } from './default-routing-tests';
import { generateRoutingTables } from './routing-file';

/** bpmn/routing/, from platform/src/routing/ and platform/dist/routing/ alike. */
export const ROUTING_DIR = join(__dirname, '..', '..', '..', 'bpmn', 'routing');

/**
 * The content of bpmn/routing/: `<P>.dmn` and `<P>.tests.json` for each province, by file name.
 * What `npm run routing:generate` writes and what a unit test compares the committed files with.
 */
export function routingFiles(reference: ReferenceData): Map<string, string> {
  const files = new Map<string, string>();
  for (const [province, xml] of generateRoutingTables(reference)) {
    files.set(`${province}.dmn`, xml);
    files.set(
      `${province}.tests.json`,
      `${JSON.stringify(defaultRoutingTests(reference, province), null, 2)}\n`,
    );
  }
  return files;
}
