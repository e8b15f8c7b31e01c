'use strict';
const { REPORT_OUTCOMES, mandateStatusOf } = require('./lib/api-types');
const { IplusError, callPlatform, evaluate, failed, requiredText } = require('./lib/iplus-api');

/**
 * mandate action: acknowledges a mandate (POST /api/mandates/{id}/acknowledge) or reports on it
 * (POST /api/mandates/{id}/report); sends msg.payload = the mandate's ids and status as the platform now holds them.
 * @param {any} RED
 */
module.exports = function (RED) {
  /**
   * @this {unknown}
   *
   * @param {{ iplus: string, name?: string, action?: string, mandateId?: string, mandateIdType?: string,
   *   outcome?: string, text?: string, textType?: string }} config
   */
  function MandateActionNode(config) {
    RED.nodes.createNode(this, config);
    const node = /** @type {import('./lib/iplus-api').NodeRedNode} */ (/** @type {unknown} */ (this));
    node.iplus = RED.nodes.getNode(config.iplus);
    const action = config.action === 'report' ? 'report' : 'acknowledge';

    node.on('input', async (/** @type {any} */ msg, /** @type {any} */ send, /** @type {any} */ done) => {
      try {
        const mandateId = await requiredText(RED, node, msg, {
          value: config.mandateId || 'payload.id',
          type: config.mandateIdType || 'msg',
          what: 'mandate id',
        });
        const textValue = config.text
          ? await evaluate(RED, node, msg, config.text, config.textType || 'str')
          : undefined;
        const text = typeof textValue === 'string' && textValue.trim() ? textValue.trim() : undefined;
        /** @type {Record<string, string>} */
        let body;
        if (action === 'report') {
          const outcome = config.outcome || msg.outcome;
          if (!REPORT_OUTCOMES.includes(outcome)) {
            throw new IplusError(
              RED._('iplus-mandate-action.errors.outcome', {
                outcome: String(outcome),
                outcomes: REPORT_OUTCOMES.join(', '),
              }),
            );
          }
          body = text ? { outcome, text } : { outcome };
        } else {
          body = text ? { note: text } : {};
        }
        node.status({ fill: 'blue', shape: 'ring', text: mandateId });
        // Sent on: the mandate's ids and status, not the decision's person or conditions.
        msg.payload = mandateStatusOf(
          /** @type {import('./lib/api-types').Mandate} */ (
            await callPlatform(RED, node, {
              method: 'POST',
              path: `/api/mandates/${encodeURIComponent(mandateId)}/${action}`,
              body,
            })
          ),
        );
        node.status({
          fill: 'green',
          shape: 'dot',
          text: RED._(`iplus-mandate-action.status.${action}`, { id: mandateId }),
        });
        send(msg);
        done();
      } catch (error) {
        failed(node, msg, error, done);
      }
    });
  }
  RED.nodes.registerType('iplus-mandate-action', MandateActionNode);
};
