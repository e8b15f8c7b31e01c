import type { Logger } from '@iplus/platform';

export type LogFormat = 'text' | 'json';
export type Level = 'error' | 'warn' | 'info' | 'debug';
const ORDER: Level[] = ['error', 'warn', 'info', 'debug'];

/**
 * One log line on stdout: readable text (`<time> <source> <level>: message {fields}`) or, with
 * IPLUS_LOG_FORMAT=json, one JSON object per line: `time`, `level`, `source`, `msg`, then the fields
 * (a request's `requestId` among them) for a log shipper to index.
 */
export function formatLine(
  format: LogFormat,
  at: Date,
  source: string,
  level: Level,
  message: string,
  fields?: Record<string, unknown>,
): string {
  if (format === 'json')
    return JSON.stringify({ ...fields, time: at.toISOString(), level, source, msg: message });
  const prefix = level === 'info' && source === 'iplus' ? '' : `${source} ${level}: `;
  return `${at.toISOString()} ${prefix}${message}${fields ? ' ' + JSON.stringify(fields) : ''}`;
}

/** Writes lines of one source from the configured level up. */
export function lineLogger(
  write: (line: string) => void,
  format: () => LogFormat,
  level: () => Level,
  source: string,
): Logger {
  const at = (l: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER.indexOf(l) <= ORDER.indexOf(level()))
      write(formatLine(format(), new Date(), source, l, message, fields));
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
