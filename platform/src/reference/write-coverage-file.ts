import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageMarkdown } from './coverage-markdown';
import { loadReferenceData, REFERENCE_DATA_DIR } from './load-reference-data';

/** `npm run reference:coverage`: rewrites platform/reference-data/COVERAGE.md from the shipped data. */
export function writeCoverageFile(folder = REFERENCE_DATA_DIR): string {
  const path = join(folder, 'COVERAGE.md');
  writeFileSync(path, coverageMarkdown(loadReferenceData().coverage()));
  return path;
}

if (require.main === module) {
  process.stdout.write(`wrote ${writeCoverageFile()}\n`);
}
