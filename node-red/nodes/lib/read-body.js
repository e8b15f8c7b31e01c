'use strict';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The JSON body of a request to an endpoint the node serves on Node-RED's HTTP node server, read from
 * the stream (the route is registered without Node-RED's body parsers); `undefined` when the body is
 * not JSON or too large.
 * @param {import('node:http').IncomingMessage & { body?: unknown }} req
 * @returns {Promise<unknown>}
 */
async function readJsonBody(req) {
  if (req.body !== undefined && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) return req.body;
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

module.exports = { readJsonBody };
