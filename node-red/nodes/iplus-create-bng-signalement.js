'use strict';
const { callPlatform, failed, requiredText } = require('./lib/iplus-api');

/**
 * create BNG signalement: POST /api/signalements for the decision (idempotent per decision); sends
 * msg.payload = the signalement.
 * @param {any} RED
 */
module.exports = function (RED) {
  /**
   * @this {unknown}
   * @param {{ iplus: string, name?: string, decisionId?: string, decisionIdType?: string }} config */
  function CreateBngSignalementNode(config) {
    RED.nodes.createNode(this, config);
    const node = /** @type {import('./lib/iplus-api').NodeRedNode} */ (/** @type {unknown} */ (this));
    node.iplus = RED.nodes.getNode(config.iplus);

    node.on('input', async (/** @type {any} */ msg, /** @type {any} */ send, /** @type {any} */ done) => {
      try {
        const decisionId = await requiredText(RED, node, msg, {
          value: config.decisionId || 'payload.id',
          type: config.decisionIdType || 'msg',
          what: 'decision id',
        });
        node.status({ fill: 'blue', shape: 'ring', text: decisionId });
        msg.payload = await callPlatform(RED, node, {
          method: 'POST',
          path: '/api/signalements',
          body: { decisionId },
        });
        node.status({
          fill: 'green',
          shape: 'dot',
          text: RED._('iplus-create-bng-signalement.status.done', { id: msg.payload.id }),
        });
        send(msg);
        done();
      } catch (error) {
        failed(node, msg, error, done);
      }
    });
  }
  RED.nodes.registerType('iplus-create-bng-signalement', CreateBngSignalementNode);
};
