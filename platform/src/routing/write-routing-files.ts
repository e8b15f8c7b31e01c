import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadReferenceData } from '../reference/load-reference-data';
import { routingFiles, ROUTING_DIR } from './routing-files';

/** `npm run routing:generate`: writes bpmn/routing/<P>.dmn and <P>.tests.json from the reference data. */
export function writeRoutingFiles(folder = ROUTING_DIR): string[] {
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of routingFiles(loadReferenceData())) {
    writeFileSync(join(folder, name), content);
    written.push(name);
  }
  return written;
}

if (require.main === module) {
  const written = writeRoutingFiles();
  process.stdout.write(`wrote ${written.length} files to ${ROUTING_DIR}\n`);
}
