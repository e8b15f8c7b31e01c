import { useEffect, useRef } from 'preact/hooks';
import { api, query } from '../api/client';

/** The longest wait the platform grants (GET /api/mandates/changes). */
const WAIT_SECONDS = 25;
/** At most one reload this often: a screen need not follow every mandate of a busy province. */
const MIN_RELOAD_MS = 1000;
/** After a failed wait (network, platform restarting), the next one starts this much later. */
const RETRY_MS = 5000;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Calls `onChange` when the caller's inbox changes (a mandate issued to the agency, or one of its
 * mandates acknowledged, reported, overdue or moved), so the inbox shows it without a click on
 * "refresh". Each call of the API waits up to 25 s for a change and carries no personal data; the
 * reload it triggers is the audited read.
 */
export function useInboxChanges(onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const stop = new AbortController();
    const { signal } = stop;
    void (async () => {
      let token: string | undefined;
      while (!signal.aborted) {
        try {
          const path = `/api/mandates/changes${token === undefined ? '' : query({ since: token, waitSeconds: WAIT_SECONDS })}`;
          const answer = await api<{ token: string; changed: boolean }>('GET', path, undefined, {
            signal,
            quiet401: true,
          });
          if (signal.aborted) return;
          const changed = token !== undefined && answer.changed;
          token = answer.token;
          if (changed) {
            latest.current();
            await pause(MIN_RELOAD_MS, signal);
          }
        } catch {
          token = undefined;
          await pause(RETRY_MS, signal);
        }
      }
    })();
    return () => stop.abort();
  }, []);
}
