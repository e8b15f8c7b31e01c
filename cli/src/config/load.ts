import { ConfigError } from './variable';
import { schema, type Config } from './schema';

/**
 * Reads every variable of the schema from `env`, using defaults for the unset ones.
 * Throws a ConfigError listing every wrong value at once, so one start shows all mistakes.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  const errors: ConfigError[] = [];
  for (const [key, variable] of Object.entries(schema)) {
    const raw = env[variable.name];
    try {
      out[key] = variable.parse(raw === undefined ? variable.defaultValue : raw);
    } catch (e) {
      if (e instanceof ConfigError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    const first = errors[0] as ConfigError;
    const all = new ConfigError(first.variable, first.value, first.allowed);
    all.message = errors.map((e) => e.message).join('\n');
    throw all;
  }
  return out as Config;
}

/** The configuration as a table, for `iplus config` and the README. */
export function describeConfig(config?: Config): string {
  const rows = Object.entries(schema).map(([key, v]) => {
    const raw = config ? String((config as Record<string, unknown>)[key]) : undefined;
    const current = raw && v.show ? v.show(raw) : raw;
    return `| \`${v.name}\` | \`${v.defaultValue}\` | ${v.doc} Allowed: ${v.allowed}.${
      current !== undefined && current !== v.defaultValue ? ` Now: \`${current}\`.` : ''
    } |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
