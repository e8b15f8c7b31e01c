import { isIP } from 'node:net';
/**
 * One environment variable: its name, a one-line doc, its default and how to parse it.
 * A parser throws a ConfigError that names the variable, the value and what is allowed.
 */
export interface Variable<T> {
  readonly name: string;
  readonly doc: string;
  readonly defaultValue: string;
  readonly allowed: string;
  parse(raw: string): T;
  /** How `iplus config` shows a value that is or holds a secret: `(set)`, or a URL without its password. */
  show?(value: string): string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly allowed: string,
  ) {
    super(`${variable}=${JSON.stringify(value)} is not valid: expected ${allowed}.`);
    this.name = 'ConfigError';
  }
}

function variable<T>(
  name: string,
  defaultValue: string,
  allowed: string,
  doc: string,
  parse: (raw: string) => T | undefined,
): Variable<T> {
  return {
    name,
    doc,
    defaultValue,
    allowed,
    parse(raw: string): T {
      const value = parse(raw.trim());
      if (value === undefined) throw new ConfigError(name, raw, allowed);
      return value;
    },
  };
}

export const text = (name: string, defaultValue: string, doc: string) =>
  variable<string>(name, defaultValue, 'any text', doc, (raw) => raw);

/** A secret (password, client secret): read like text, never printed. */
export const secret = (name: string, doc: string): Variable<string> => ({
  ...variable<string>(name, '', 'any text (never printed)', doc, (raw) => raw),
  show: () => '(set)',
});

export const host = (name: string, defaultValue: string, doc: string) =>
  variable<string>(name, defaultValue, 'a host name or IP address, such as 127.0.0.1', doc, (raw) =>
    /^[A-Za-z0-9.\-:[\]]+$/.test(raw) ? raw : undefined,
  );

export const port = (name: string, defaultValue: string, doc: string) =>
  variable<number>(name, defaultValue, 'a TCP port from 0 to 65535 (0 picks a free one)', doc, (raw) => {
    if (!/^\d+$/.test(raw)) return undefined;
    const n = Number(raw);
    return n <= 65535 ? n : undefined;
  });

export const integer = (name: string, defaultValue: string, min: number, max: number, doc: string) =>
  variable<number>(name, defaultValue, `a whole number from ${min} to ${max}`, doc, (raw) => {
    if (!/^-?\d+$/.test(raw)) return undefined;
    const n = Number(raw);
    return n >= min && n <= max ? n : undefined;
  });

export const oneOf = <T extends string>(name: string, values: readonly T[], defaultValue: T, doc: string) =>
  variable<T>(name, defaultValue, `one of ${values.join(', ')}`, doc, (raw) =>
    (values as readonly string[]).includes(raw) ? (raw as T) : undefined,
  );

export const url = (name: string, defaultValue: string, doc: string) =>
  variable<string>(
    name,
    defaultValue,
    'empty, or an http(s) URL such as http://127.0.0.1:9000',
    doc,
    (raw) => {
      if (raw === '') return '';
      try {
        const u = new URL(raw);
        return u.protocol === 'http:' || u.protocol === 'https:' ? raw.replace(/\/+$/, '') : undefined;
      } catch {
        return undefined;
      }
    },
  );

export const address = (name: string, defaultValue: string, doc: string) =>
  variable<string>(name, defaultValue, 'empty, or host:port such as 127.0.0.1:26500', doc, (raw) =>
    raw === '' || /^[A-Za-z0-9.\-]+:\d{1,5}$/.test(raw) ? raw : undefined,
  );

const ISO_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** ISO 8601 durations limited to days, hours, minutes and seconds (what deadlines use). */
export const duration = (name: string, defaultValue: string, doc: string) =>
  variable<string>(name, defaultValue, 'an ISO 8601 duration such as PT24H, PT30M or P2D', doc, (raw) =>
    ISO_DURATION.test(raw) ? raw : undefined,
  );

/** Comma-separated IP addresses or CIDR ranges (`10.0.0.0/8`); empty is none. */
export const addressList = (name: string, defaultValue: string, doc: string) =>
  variable<string>(
    name,
    defaultValue,
    'empty, or comma-separated IP addresses or CIDR ranges such as 127.0.0.1,10.0.0.0/8',
    doc,
    (raw) => {
      if (raw === '') return '';
      const items = raw.split(',').map((s) => s.trim());
      const ok = items.every((item) => {
        const [ip = '', bits, extra] = item.split('/');
        const family = isIP(ip);
        if (!family || extra !== undefined) return false;
        if (bits === undefined) return true;
        return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
      });
      return ok ? items.join(',') : undefined;
    },
  );

/** A URL with its password replaced by `***`, for messages and `iplus config`. */
export function withoutPassword(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/** Empty, or a postgres:// URL; shown and reported without its password. */
export const databaseUrl = (name: string, doc: string): Variable<string> => {
  const allowed = 'empty (SQLite), or postgres://user:password@host:port/database';
  return {
    name,
    doc,
    defaultValue: '',
    allowed,
    parse(raw: string): string {
      const value = raw.trim();
      if (value === '') return '';
      let ok = /^postgres(ql)?:\/\//.test(value);
      try {
        if (ok) new URL(value);
      } catch {
        ok = false;
      }
      if (!ok) throw new ConfigError(name, withoutPassword(value), allowed);
      return value;
    },
    show: withoutPassword,
  };
};

/** Text that must match `re` (what it allows is said by `allowed`). */
export const matching = (name: string, defaultValue: string, allowed: string, re: RegExp, doc: string) =>
  variable<string>(name, defaultValue, allowed, doc, (raw) => (re.test(raw) ? raw : undefined));
