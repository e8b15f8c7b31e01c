import type { FieldError } from './decision-types';
import { hasForbiddenCharacters, normaliseText, textLength } from './text-rules';
import { isRealDate } from '@iplus/contract';

/**
 * Reads fields out of untrusted JSON and records every problem with its JSON path, so a request gets
 * all its errors at once. Never throws, whatever `raw` is.
 */
export type JsonObject = Record<string, unknown>;

export class FieldReader {
  readonly errors: FieldError[] = [];

  /** Records a problem at `field`. */
  fail(field: string, code: string, message: string): undefined {
    this.errors.push({ field, code, message });
    return undefined;
  }

  /** The value as a plain object, or undefined (and an error) when it is missing or another type. */
  object(value: unknown, field: string, required = true): JsonObject | undefined {
    if (value === undefined || value === null) {
      return required ? this.fail(field, 'required', `${label(field)} is required (an object)`) : undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      return this.fail(field, 'invalid_type', `${label(field)} must be an object, not ${describe(value)}`);
    }
    return value as JsonObject;
  }

  /** Reports keys of `object` that are not in `allowed`. */
  rejectUnknownKeys(object: JsonObject, prefix: string, allowed: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) {
        this.fail(
          join(prefix, key),
          'unknown_field',
          `${label(join(prefix, key))} is not a known field; allowed here: ${allowed.join(', ')}`,
        );
      }
    }
  }

  /**
   * A trimmed, NFC-normalised string of 1..max characters, with no control characters. Empty or
   * blank counts as missing.
   */
  text(
    value: unknown,
    field: string,
    options: { max: number; required?: boolean; multiline?: boolean; what?: string },
  ): string | undefined {
    const { max, required = true, multiline = false } = options;
    const what = options.what ?? 'a text';
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      return required ? this.fail(field, 'required', `${label(field)} is required (${what})`) : undefined;
    }
    if (typeof value !== 'string') {
      return this.fail(field, 'invalid_type', `${label(field)} must be ${what}, not ${describe(value)}`);
    }
    if (hasForbiddenCharacters(value, multiline)) {
      return this.fail(
        field,
        'control_characters',
        `${label(field)} contains control or invisible direction characters${multiline ? '' : ' or line breaks'}; remove them`,
      );
    }
    const text = normaliseText(value, multiline);
    const length = textLength(text);
    if (length > max) {
      return this.fail(
        field,
        'too_long',
        `${label(field)} has ${length} characters; at most ${max} are allowed`,
      );
    }
    return text;
  }

  /** One of `allowed`; the message lists them. */
  oneOf<T extends string>(
    value: unknown,
    field: string,
    allowed: readonly T[],
    required = true,
  ): T | undefined {
    if (value === undefined || value === null || value === '') {
      return required
        ? this.fail(field, 'required', `${label(field)} is required: one of ${allowed.join(', ')}`)
        : undefined;
    }
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      return this.fail(
        field,
        'invalid_value',
        `${label(field)} ${typeof value === 'string' ? `"${clip(value)}"` : describe(value)} is not allowed: use one of ${allowed.join(', ')}`,
      );
    }
    return value as T;
  }

  /** A boolean, or undefined when absent. */
  boolean(value: unknown, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      return this.fail(
        field,
        'invalid_type',
        `${label(field)} must be true or false, not ${describe(value)}`,
      );
    }
    return value;
  }

  /** A real calendar date YYYY-MM-DD between `earliest` and `latest` (inclusive, both YYYY-MM-DD). */
  date(
    value: unknown,
    field: string,
    bounds: { earliest: string; latest: string; required?: boolean },
  ): string | undefined {
    if (value === undefined || value === null || value === '') {
      return bounds.required === false
        ? undefined
        : this.fail(field, 'required', `${label(field)} is required (a date YYYY-MM-DD)`);
    }
    if (typeof value !== 'string') {
      return this.fail(
        field,
        'invalid_type',
        `${label(field)} must be a date YYYY-MM-DD, not ${describe(value)}`,
      );
    }
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      return this.fail(
        field,
        'invalid_date',
        `${label(field)} "${clip(value)}" is not a real date in the form YYYY-MM-DD`,
      );
    }
    const date = value.trim();
    if (date > bounds.latest) {
      return this.fail(
        field,
        'date_in_future',
        `${label(field)} ${date} is in the future (today is ${bounds.latest})`,
      );
    }
    if (date < bounds.earliest) {
      return this.fail(
        field,
        'date_too_old',
        `${label(field)} ${date} is before ${bounds.earliest}; check the year`,
      );
    }
    return date;
  }

  /** An array of at most `max` items, or undefined (and an error). */
  array(value: unknown, field: string, options: { max: number; required?: boolean }): unknown[] | undefined {
    if (value === undefined || value === null) {
      return options.required === false
        ? []
        : this.fail(field, 'required', `${label(field)} is required (a list)`);
    }
    if (!Array.isArray(value)) {
      return this.fail(field, 'invalid_type', `${label(field)} must be a list, not ${describe(value)}`);
    }
    if (value.length > options.max) {
      return this.fail(
        field,
        'too_many',
        `${label(field)} has ${value.length} items; at most ${options.max} are allowed`,
      );
    }
    return value;
  }
}

/** JSON path of `key` under `prefix`. */
export function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

function label(field: string): string {
  return field === '' ? 'the decision' : field;
}

/** Names the JSON type of a value, for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text "${clip(value)}"`;
  return `${typeof value} ${String(value)}`;
}

/** Shortens user input quoted in messages, replacing control characters. */
export function clip(text: string): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
