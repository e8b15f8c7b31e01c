'use strict';
const { contextValue } = require('./lib/context-store');
const { mandateForRecipientOf } = require('./lib/api-types');
const { callPlatform } = require('./lib/iplus-api');

/** The most pages one poll reads (500 mandates each). */
const MAX_PAGES = 20;

/**
 * mandate inbox: polls the inbox of the token's agency (GET /api/mandates?status=issued) and sends one
 * message per mandate it has not sent before: msg.payload = the mandate as its kind of recipient needs it, msg.topic = its id. The ids
 * sent are kept in the node's context, so a restart does not send them again; an id is forgotten once
 * its mandate leaves the inbox (acknowledged or reported: it never comes back as issued).
 * @param {any} RED
 */
module.exports = function (RED) {
  /**
   * @this {unknown}
   * @param {{ iplus: string, name?: string, interval?: number | string, kind?: string, store?: string }} config */
  function MandateInboxNode(config) {
    RED.nodes.createNode(this, config);
    const node = /** @type {import('./lib/iplus-api').NodeRedNode} */ (/** @type {unknown} */ (this));
    node.iplus = RED.nodes.getNode(config.iplus);
    const intervalMs = Math.max(1, Number(config.interval) || 30) * 1000;
    const sent = contextValue(node, 'sent', config.store);
    /** @type {Promise<void> | undefined} */
    let polling;

    /** Reads the inbox and sends the new mandates; a poll asked for while one runs joins it. */
    node.poll = () => {
      polling =
        polling ||
        pollOnce().finally(() => {
          polling = undefined;
        });
      return polling;
    };

    async function pollOnce() {
      try {
        const known = new Set(/** @type {string[]} */ ((await sent.get()) || []));
        /** @type {import('./lib/api-types').Mandate[]} */
        const inbox = [];
        let cursor;
        for (let page = 0; page < MAX_PAGES; page++) {
          const answer = /** @type {any} */ (
            await callPlatform(RED, node, {
              method: 'GET',
              path: '/api/mandates',
              query: { status: 'issued', kind: config.kind || undefined, limit: '500', cursor },
            })
          );
          inbox.push(...(Array.isArray(answer) ? answer : answer.items || []));
          cursor = Array.isArray(answer) ? undefined : answer.nextCursor;
          if (!cursor) break;
        }
        const fresh = inbox.filter((mandate) => !known.has(mandate.id));
        // Remembered before sending: a crash in between loses a message rather than sending one twice.
        await sent.set(inbox.map((mandate) => mandate.id));
        // What this kind of recipient needs of each mandate: a police zone the name and address for
        // the visit, not the number or the court's free text (contract mandateForRecipientOf).
        for (const mandate of fresh)
          node.send({ topic: mandate.id, payload: mandateForRecipientOf(mandate) });
        node.status({
          fill: 'green',
          shape: 'dot',
          text: RED._('iplus-mandate-inbox.status.polled', { count: inbox.length, fresh: fresh.length }),
        });
      } catch (error) {
        node.status({
          fill: 'red',
          shape: 'dot',
          text: String(/** @type {Error} */ (error).message).slice(0, 60),
        });
        node.error(error);
      }
    }

    node.on('input', async (/** @type {any} */ _msg, /** @type {any} */ _send, /** @type {any} */ done) => {
      await node.poll();
      done();
    });

    const first = setTimeout(() => node.poll(), 200);
    const timer = setInterval(() => node.poll(), intervalMs);
    node.on('close', () => {
      clearTimeout(first);
      clearInterval(timer);
    });
  }
  RED.nodes.registerType('iplus-mandate-inbox', MandateInboxNode);
};
