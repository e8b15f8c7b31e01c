import { Client } from 'pg';
import { MandateChanges } from './mandate-changes';
import { MANDATE_CHANNEL } from './migrations/012-mandate-notify';

/** How long the listener waits before it connects again after losing its connection. */
const RECONNECT_MS = 1000;

/**
 * The mandates' changes on PostgreSQL: one connection per instance LISTENs to the channel the
 * mandates' triggers NOTIFY (migration 012), opened when the first client waits for its inbox. A
 * lost connection is opened again; the changes announced meanwhile are not known, so every inbox
 * counts as changed, when the connection is lost and again once it is back.
 */
export function listenForMandateChanges(url: string): { changes: MandateChanges; close(): Promise<void> } {
  let client: Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const open = async (): Promise<Client> => {
    const c = new Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel !== MANDATE_CHANNEL || !n.payload) return;
      const [recipientId = '', province = '', parquetId = ''] = n.payload.split('\t');
      changes.changed({ recipientId, province, parquetId });
    });
    // Until `watch` takes over: a failed connect rejects below.
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query(`LISTEN ${MANDATE_CHANNEL}`);
      return c;
    } catch (e) {
      await c.end().catch(() => undefined);
      throw e;
    }
  };
  const use = async (c: Client): Promise<void> => {
    if (closed) return void (await c.end().catch(() => undefined));
    client = c;
    const lost = () => {
      if (client !== c) return;
      client = undefined;
      changes.changed(undefined);
      if (!closed) reconnect();
    };
    c.on('error', lost);
    c.on('end', lost);
  };
  const reconnect = () => {
    retry = setTimeout(() => {
      open()
        .then(async (c) => {
          await use(c);
          changes.changed(undefined);
        })
        .catch(reconnect);
    }, RECONNECT_MS).unref();
  };
  const changes = new MandateChanges(async () => use(await open()));
  return {
    changes,
    close: async () => {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
