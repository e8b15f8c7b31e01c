'use strict';
const { MANDATE_KINDS, RECIPIENT_AGENCY_KIND, mandateStatusOf } = require('./lib/api-types');
const { IplusError, callPlatform, failed, requiredText } = require('./lib/iplus-api');

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * issue mandate: POST /api/mandates for the decision, to a chosen agency or routed by the platform;
 * sends msg.payload = the mandate's ids and status. The edit dialog lists the agencies through an admin endpoint of
 * the node (GET /iplus/agencies), which calls GET /api/agencies with the config node's token.
 * @param {any} RED
 */
module.exports = function (RED) {
  /**
   * @this {unknown}
   *
   * @param {{ iplus: string, name?: string, decisionId?: string, decisionIdType?: string, kind: string,
   *   recipientMode?: string, recipient?: string, deadline?: string }} config
   */
  function IssueMandateNode(config) {
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
        const kind = config.kind || 'police_check';
        if (!(/** @type {readonly string[]} */ (MANDATE_KINDS).includes(kind))) {
          throw new IplusError(
            RED._('iplus-issue-mandate.errors.kind', {
              kind,
              kinds: MANDATE_KINDS.join(', '),
            }),
          );
        }
        /** @type {Record<string, string>} */
        const body = { decisionId, kind };
        if (config.recipientMode === 'agency') {
          const recipient = String(config.recipient || '').trim();
          if (!recipient) throw new IplusError(RED._('iplus-issue-mandate.errors.noRecipient'));
          body.recipientId = recipient;
        }
        const deadline = String(config.deadline || '').trim();
        if (deadline) {
          if (!ISO_DURATION.test(deadline) && !ISO_DATE_TIME.test(deadline)) {
            throw new IplusError(RED._('iplus-issue-mandate.errors.deadline', { deadline }));
          }
          body.deadline = deadline;
        }
        node.status({ fill: 'blue', shape: 'ring', text: decisionId });
        // Sent on: the mandate's ids and status, not the decision's person or conditions.
        msg.payload = mandateStatusOf(
          /** @type {import('./lib/api-types').Mandate} */ (
            await callPlatform(RED, node, { method: 'POST', path: '/api/mandates', body })
          ),
        );
        node.status({
          fill: 'green',
          shape: 'dot',
          text: RED._('iplus-issue-mandate.status.done', {
            id: msg.payload.id,
            recipient: msg.payload.recipientId,
          }),
        });
        send(msg);
        done();
      } catch (error) {
        failed(node, msg, error, done);
      }
    });
  }
  RED.nodes.registerType('iplus-issue-mandate', IssueMandateNode);

  // The recipient list of the edit dialog: the agencies of the kind that receives the mandate kind,
  // read with the (deployed) config node's token. Only editor users allowed to read the node see it.
  RED.httpAdmin.get(
    '/iplus/agencies',
    RED.auth.needsPermission('iplus-issue-mandate.read'),
    async (/** @type {any} */ req, /** @type {any} */ res) => {
      const config = RED.nodes.getNode(String(req.query.config || ''));
      if (!config || config.type !== 'iplus-config') {
        res
          .status(404)
          .type('application/problem+json')
          .json({
            status: 404,
            code: 'not_found',
            detail: RED._('iplus-issue-mandate.errors.configNotDeployed'),
          });
        return;
      }
      const kind = /** @type {keyof typeof RECIPIENT_AGENCY_KIND} */ (String(req.query.kind || ''));
      try {
        const agencies = await callPlatform(
          RED,
          { iplus: config, id: config.id, type: 'iplus-issue-mandate' },
          {
            method: 'GET',
            path: '/api/agencies',
            query: {
              kind: RECIPIENT_AGENCY_KIND[kind],
              q: typeof req.query.q === 'string' ? req.query.q : undefined,
              limit: '500',
            },
          },
        );
        res.json(agencies);
      } catch (error) {
        const err = /** @type {IplusError} */ (error);
        res
          .status(err.status && err.status >= 400 ? err.status : 502)
          .type('application/problem+json')
          .json({ ...(err.problem || {}), status: err.status || 502, detail: err.message });
      }
    },
  );
};
