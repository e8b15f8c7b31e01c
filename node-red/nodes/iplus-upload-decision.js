'use strict';
const { IplusError, callPlatform, failed } = require('./lib/iplus-api');
const { waitForRouting } = require('./lib/wait-for-routing');

const PDF_MAGIC = '%PDF-';
const ROUTING_POLL_MS = 250;

/**
 * upload decision: POST /api/decisions with msg.payload (the decision, as in the API contract) and the
 * PDF (a Buffer in a configured msg property); then, unless told not to, waits for the routing. Sends
 * msg.payload = the decision as the platform holds it, with its mandates.
 * @param {any} RED
 */
module.exports = function (RED) {
  /**
   * @this {unknown}
   * @param {{ iplus: string, name?: string, documentProperty?: string, waitForRouting?: boolean, routingTimeout?: number | string }} config */
  function UploadDecisionNode(config) {
    RED.nodes.createNode(this, config);
    const node = /** @type {import('./lib/iplus-api').NodeRedNode} */ (/** @type {unknown} */ (this));
    node.iplus = RED.nodes.getNode(config.iplus);
    const documentProperty = String(config.documentProperty || 'document').trim();
    const routingTimeoutMs = (Number(config.routingTimeout) || 30) * 1000;
    const closing = new AbortController();

    node.on('input', async (/** @type {any} */ msg, /** @type {any} */ send, /** @type {any} */ done) => {
      try {
        const decision = decisionOf(msg.payload);
        const document = documentOf(msg, decision);
        node.status({ fill: 'blue', shape: 'ring', text: RED._('iplus-upload-decision.status.uploading') });
        const uploaded = await callPlatform(RED, node, {
          method: 'POST',
          path: '/api/decisions',
          body: { decision, document },
          signal: closing.signal,
        });
        let result = /** @type {import('./lib/api-types').Decision} */ (uploaded);
        if (config.waitForRouting !== false) {
          node.status({ fill: 'blue', shape: 'ring', text: RED._('iplus-upload-decision.status.routing') });
          result = await waitForRouting(
            result,
            async () =>
              /** @type {any} */ (
                await callPlatform(RED, node, {
                  method: 'GET',
                  path: `/api/decisions/${encodeURIComponent(result.id)}`,
                  signal: closing.signal,
                })
              ),
            { timeoutMs: routingTimeoutMs, intervalMs: ROUTING_POLL_MS, signal: closing.signal },
          );
        }
        msg.payload = result;
        node.status({
          fill: 'green',
          shape: 'dot',
          text: RED._('iplus-upload-decision.status.done', {
            id: result.id,
            count: (result.mandates || []).length,
          }),
        });
        send(msg);
        done();
      } catch (error) {
        failed(node, msg, error, done);
      }
    });

    node.on('close', () => closing.abort());

    /** @param {unknown} payload */
    function decisionOf(payload) {
      let value = payload;
      if (typeof value === 'string') {
        try {
          value = JSON.parse(value);
        } catch (error) {
          throw new IplusError(
            RED._('iplus-upload-decision.errors.notJson', { reason: /** @type {Error} */ (error).message }),
          );
        }
      }
      if (!value || typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value)) {
        throw new IplusError(RED._('iplus-upload-decision.errors.notDecision'));
      }
      return /** @type {Record<string, unknown>} */ (value);
    }

    /**
     * @param {any} msg
     * @param {Record<string, unknown>} decision
     */
    function documentOf(msg, decision) {
      const pdf = RED.util.getMessageProperty(msg, documentProperty);
      if (!Buffer.isBuffer(pdf)) {
        throw new IplusError(
          RED._('iplus-upload-decision.errors.noDocument', {
            property: documentProperty,
            found: pdf === undefined ? 'nothing' : typeof pdf,
          }),
        );
      }
      if (pdf.subarray(0, PDF_MAGIC.length).toString('latin1') !== PDF_MAGIC) {
        throw new IplusError(RED._('iplus-upload-decision.errors.notPdf', { property: documentProperty }));
      }
      const fileName =
        typeof msg.filename === 'string' && msg.filename.trim()
          ? String(msg.filename).split(/[\\/]/).pop()
          : `${String(decision.reference || 'decision')}.pdf`;
      return { fileName, contentBase64: pdf.toString('base64') };
    }
  }
  RED.nodes.registerType('iplus-upload-decision', UploadDecisionNode);
};
