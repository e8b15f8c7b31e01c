import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReferenceData, type ReferenceFiles } from './build-reference-data';
import type { ReferenceData } from './types';

/** platform/reference-data/, from platform/src/reference/ and platform/dist/reference/ alike. */
export const REFERENCE_DATA_DIR = join(__dirname, '..', '..', 'reference-data');

let cached: ReferenceData | undefined;

/**
 * The shipped reference data, read synchronously from platform/reference-data/ on first use and
 * cached for the life of the process (the files change only with a release).
 */
export function loadReferenceData(): ReferenceData {
  cached ??= buildReferenceData(readReferenceFiles(REFERENCE_DATA_DIR));
  return cached;
}

/** Reads the four CSV files the platform uses from `folder`. */
export function readReferenceFiles(folder: string): ReferenceFiles {
  const read = (name: keyof ReferenceFiles) => readFileSync(join(folder, `${name}.csv`), 'utf8');
  return {
    municipalities: read('municipalities'),
    postal_codes: read('postal_codes'),
    police_zones: read('police_zones'),
    agencies: read('agencies'),
  };
}
