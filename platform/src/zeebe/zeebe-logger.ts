import type { Logger } from '../logger';

/** zeebe-node's log lines, sent to our logger at debug level (its errors at warn). */
export function zeebeLogger(logger: Logger) {
  const line =
    (level: 'debug' | 'warn') =>
    (...args: unknown[]) =>
      logger[level]('zeebe client', { message: args.map(String).join(' ').slice(0, 500) });
  return {
    info: line('debug'),
    debug: line('debug'),
    error: line('warn'),
    warn: line('warn'),
    trace: line('debug'),
  };
}
