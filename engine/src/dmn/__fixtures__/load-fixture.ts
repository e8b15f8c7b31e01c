import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDmn, type DmnDefinitions } from '../index';

/** Parses a `.dmn` fixture beside a spec, failing the test with the parser's message if it is refused. */
export function loadFixture(folder: string, file: string): DmnDefinitions {
  const parsed = parseDmn(readFileSync(join(folder, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
  return parsed.definitions;
}

/** The parser's message for a fixture it must refuse. */
export function refusal(folder: string, file: string): string {
  const parsed = parseDmn(readFileSync(join(folder, file), 'utf8'));
  if (parsed.ok) throw new Error(`${file} was accepted`);
  return parsed.message;
}
