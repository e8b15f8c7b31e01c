'use strict';
const crypto = require('node:crypto');

const { MANDATE_ACKNOWLEDGED_EVENT, isAcknowledged, mandateStatusOf } = require('./lib/api-types');
const { contextValue } = require('./lib/context-store');
const { IplusError, callPlatform, failed, requiredText } = require('./lib/iplus-api');
const { readJsonBody } = require('./lib/read-body');

const UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
/** How often a node looks for waits past their timeout: one timer per node, whatever it holds. */
const SWEEP_INTERVAL_MS = 1_000;
/** The path, under Node-RED's httpNodeRoot, at which the platform calls back. */
const CALLBACK_PATH = '/iplus/acknowledgement';

/**
 * @typedef {import('./lib/api-types').Mandate} Mandate
 * @typedef {import('./lib/api-types').MandateStatusView} MandateStatusView
 * @typedef {{ mandateId: string, deadline: number, mandate: MandateStatusView, msg: Record<string, unknown> }} Wait
 *   A message held until its mandate is acknowledged, as kept in the node's context store.
 * @typedef {{ status: number, body: Record<string, unknown> }} Answer
 */

/**
 * await acknowledgement: registers a callback on the mandate pointing at an endpoint this node serves
 * (POST <httpNodeRoot>/iplus/acknowledgement/<node id>/<wait id>), holds the message, and sends it on
 * output 1 when the platform calls back, or on output 2 at the timeout. The waits are kept in the
 * node's context (a persistent store survives a restart: the node re-arms from it, and the platform
 * calls back again until it is answered).
 * @param {any} RED
 */
module.exports = function (RED) {
  /** The running node of each id, for the one callback route of the module. */
  const running = new Map();

  /**
   * @this {unknown}
   *
   * @param {{ iplus: string, name?: string, mandateId?: string, mandateIdType?: string,
   *   timeout?: number | string, timeoutUnit?: keyof typeof UNIT_MS, store?: string }} config
   */
  function AwaitAcknowledgementNode(config) {
    RED.nodes.createNode(this, config);
    const node = /** @type {import('./lib/iplus-api').NodeRedNode} */ (/** @type {unknown} */ (this));
    node.iplus = RED.nodes.getNode(config.iplus);
    const timeoutMs = (Number(config.timeout) || 0) * (UNIT_MS[config.timeoutUnit || 'hours'] || 0);
    const stored = contextValue(node, 'waits', config.store);
    /** @type {Map<string, Wait>} */
    const waits = new Map();
    /** The send and done of the messages received since this node started, by wait id. */
    const handlers = new Map();
    /** Waits whose callback is being checked with the platform. */
    const resuming = new Set();

    const persist = () => stored.set(Object.fromEntries(waits));
    const showWaiting = () =>
      waits.size > 0
        ? node.status({
            fill: 'yellow',
            shape: 'ring',
            text: RED._('iplus-await-acknowledgement.status.waiting', { count: waits.size }),
          })
        : undefined;

    // Re-arm: the waits held before a restart or redeploy come back from the context store.
    node.ready = stored.get().then(
      (/** @type {Record<string, Wait> | undefined} */ saved) => {
        for (const [id, wait] of Object.entries(saved || {})) waits.set(id, wait);
        showWaiting();
      },
      (/** @type {Error} */ error) =>
        node.error(RED._('iplus-await-acknowledgement.errors.store', { reason: error.message })),
    );
    running.set(node.id, node);

    node.on('input', async (/** @type {any} */ msg, /** @type {any} */ send, /** @type {any} */ done) => {
      try {
        await node.ready;
        const mandateId = await requiredText(RED, node, msg, {
          value: config.mandateId || 'payload.id',
          type: config.mandateIdType || 'msg',
          what: 'mandate id',
        });
        if (!(timeoutMs > 0)) {
          throw new IplusError(
            RED._('iplus-await-acknowledgement.errors.timeout', {
              timeout: `${config.timeout} ${config.timeoutUnit}`,
            }),
          );
        }
        const base = String((node.iplus && node.iplus.callbackBaseUrl) || '').replace(/\/+$/, '');
        if (!/^https?:\/\//.test(base))
          throw new IplusError(RED._('iplus-await-acknowledgement.errors.noCallbackBaseUrl'));
        // Only its ids and status are sent on or kept while waiting: never the decision's person.
        const mandate = mandateStatusOf(
          /** @type {Mandate} */ (
            await callPlatform(RED, node, {
              method: 'GET',
              path: `/api/mandates/${encodeURIComponent(mandateId)}`,
            })
          ),
        );
        if (isAcknowledged(mandate)) {
          msg.payload = mandate;
          node.status({
            fill: 'green',
            shape: 'dot',
            text: RED._('iplus-await-acknowledgement.status.acknowledged', { id: mandateId }),
          });
          send([msg, null]);
          done();
          return;
        }
        // Kept before the callback is registered: the platform may call back at once.
        const waitId = crypto.randomBytes(16).toString('hex');
        const held = RED.util.cloneMessage(msg);
        delete held.req;
        delete held.res;
        waits.set(waitId, { mandateId, deadline: Date.now() + timeoutMs, mandate, msg: held });
        handlers.set(waitId, { send, done });
        await persist();
        try {
          await callPlatform(RED, node, {
            method: 'POST',
            path: `/api/mandates/${encodeURIComponent(mandateId)}/callbacks`,
            body: { url: `${base}${CALLBACK_PATH}/${encodeURIComponent(node.id)}/${waitId}` },
          });
        } catch (error) {
          waits.delete(waitId);
          handlers.delete(waitId);
          await persist();
          throw error;
        }
        showWaiting();
      } catch (error) {
        failed(node, msg, error, done);
      }
    });

    /**
     * The platform's callback for wait `waitId`: checked against the platform, then the held message
     * goes out on output 1. Answers what the platform is told.
     * @param {string} waitId
     * @param {unknown} body
     * @returns {Promise<Answer>}
     */
    node.acknowledged = async (waitId, body) => {
      await node.ready;
      const wait = waits.get(waitId);
      if (!wait)
        return {
          status: 200,
          body: { resumed: false, detail: 'no message waits here any more (timed out or resumed)' },
        };
      const callback = /** @type {import('./lib/api-types').AcknowledgementCallback} */ (body || {});
      if (
        callback.event !== MANDATE_ACKNOWLEDGED_EVENT ||
        !callback.mandate ||
        callback.mandate.id !== wait.mandateId
      ) {
        return {
          status: 400,
          body: {
            status: 400,
            detail: `expected { "event": "mandate.acknowledged", "mandate": { "id": "${wait.mandateId}" } }`,
          },
        };
      }
      if (resuming.has(waitId))
        return { status: 409, body: { status: 409, detail: 'this callback is being handled' } };
      resuming.add(waitId);
      try {
        const mandate = mandateStatusOf(
          /** @type {Mandate} */ (
            await callPlatform(RED, node, {
              method: 'GET',
              path: `/api/mandates/${encodeURIComponent(wait.mandateId)}`,
            })
          ),
        );
        if (!isAcknowledged(mandate)) {
          return {
            status: 409,
            body: { status: 409, detail: `mandate ${mandate.id} is ${mandate.status}, not acknowledged` },
          };
        }
        if (!waits.has(waitId))
          return { status: 200, body: { resumed: false, detail: 'the wait timed out meanwhile' } };
        release(waitId, 0, mandate);
        node.status({
          fill: 'green',
          shape: 'dot',
          text: RED._('iplus-await-acknowledgement.status.acknowledged', { id: mandate.id }),
        });
        await persist();
        return { status: 200, body: { resumed: true, mandateId: mandate.id } };
      } catch (error) {
        return { status: 502, body: { status: 502, detail: /** @type {Error} */ (error).message } };
      } finally {
        resuming.delete(waitId);
      }
    };

    /**
     * Sends the waits past their deadline on output 2. The node's one timer calls it every second.
     * @param {number} [now]
     */
    node.sweep = (now = Date.now()) => {
      let expired = 0;
      for (const [waitId, wait] of waits) {
        if (wait.deadline > now || resuming.has(waitId)) continue;
        release(waitId, 1, wait.mandate);
        expired += 1;
        node.status({
          fill: 'grey',
          shape: 'dot',
          text: RED._('iplus-await-acknowledgement.status.timedOut', { id: wait.mandateId }),
        });
      }
      if (expired > 0) return persist();
      return Promise.resolve();
    };

    /**
     * Sends a held message on `output` (0 acknowledged, 1 timed out) and forgets its wait.
     * @param {string} waitId
     * @param {0 | 1} output
     * @param {MandateStatusView} mandate
     */
    function release(waitId, output, mandate) {
      const wait = /** @type {Wait} */ (waits.get(waitId));
      waits.delete(waitId);
      const msg = { ...wait.msg, payload: mandate };
      const outputs = output === 0 ? [msg, null] : [null, msg];
      const handler = handlers.get(waitId);
      handlers.delete(waitId);
      if (handler) {
        handler.send(outputs);
        handler.done();
      } else {
        node.send(outputs);
      }
    }

    const sweeper = setInterval(() => {
      node.sweep().catch((/** @type {Error} */ error) => node.error(error.message));
    }, SWEEP_INTERVAL_MS);

    node.on('close', () => {
      clearInterval(sweeper);
      if (running.get(node.id) === node) running.delete(node.id);
    });
  }
  RED.nodes.registerType('iplus-await-acknowledgement', AwaitAcknowledgementNode);

  // One route for every node of the type, registered once: a redeploy or restart does not add routes.
  if (RED.httpNode) {
    RED.httpNode.post(
      `${CALLBACK_PATH}/:nodeId/:waitId`,
      async (/** @type {any} */ req, /** @type {any} */ res) => {
        const node = running.get(req.params.nodeId);
        if (!node) {
          res
            .status(404)
            .type('application/problem+json')
            .json({ status: 404, detail: `no await acknowledgement node ${req.params.nodeId} is running` });
          return;
        }
        const answer = await node.acknowledged(String(req.params.waitId), await readJsonBody(req));
        res.status(answer.status);
        if (answer.status >= 400) res.type('application/problem+json');
        res.json(answer.body);
      },
    );
  }
};
