'use strict';
const { problemMessage } = require('./api-types');

/**
 * The one place of the package that talks to the iplus platform: an HTTP call with the config node's
 * base URL and API token, and the error a user sees when it fails, in the platform's own words (the
 * problem+json detail and its field errors).
 *
 * @typedef {import('./api-types').Problem} Problem
 * @typedef {{ baseUrl: string, token: string }} Connection
 * @typedef {{ method: string, path: string, body?: unknown, query?: Record<string, string | undefined>,
 *   justification: string, signal?: AbortSignal }} IplusRequest
 * @typedef {(key: string, substitutions?: Record<string, unknown>) => string} Translate
 * @typedef {{ id: string, type: string, name?: string, iplus?: any, status(s: object): void,
 *   on(event: string, listener: (...args: any[]) => unknown): void, send(msg: unknown): void,
 *   error(err: unknown, msg?: unknown): void, context(): any, [extra: string]: any }} NodeRedNode
 *   What the nodes use of a Node-RED node (RED.nodes.createNode makes `this` one).
 */

/** How long one call may take before it is given up. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Messages shared by every node live in the config node's catalog. */
const NS = 'node-red-contrib-iplus/iplus-config:iplus-config.';

/**
 * An error a user sees: what to fix, in the platform's words when it comes from the platform (`problem`
 * is then its problem document).
 */
class IplusError extends Error {
  /**
   * @param {string} message
   * @param {{ status?: number, problem?: Partial<Problem> }} [details]
   */
  constructor(message, details = {}) {
    super(message);
    this.name = 'IplusError';
    this.status = details.status;
    this.problem = details.problem;
  }

  /**
   * Node-RED puts `String(error)` in a Catch node's msg.error.message: the words alone, no "IplusError:".
   * @override
   */
  toString() {
    return this.message;
  }
}

/**
 * Calls the platform and resolves with the parsed JSON answer; rejects with an IplusError.
 * @param {Connection} connection
 * @param {IplusRequest} request
 * @param {Translate} _
 * @returns {Promise<unknown>}
 */
async function iplusRequest(connection, request, _) {
  const baseUrl = String(connection.baseUrl || '').replace(/\/+$/, '');
  if (!baseUrl) throw new IplusError(_(`${NS}errors.noBaseUrl`));
  if (!connection.token) throw new IplusError(_(`${NS}errors.noToken`));
  const url = new URL(baseUrl + request.path);
  for (const [key, value] of Object.entries(request.query || {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: {
        authorization: `Bearer ${connection.token}`,
        accept: 'application/json, application/problem+json',
        'x-justification': request.justification,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
    });
  } catch (error) {
    const cause = /** @type {Error & { cause?: { code?: string } }} */ (error);
    const reason = cause.cause?.code || cause.message;
    throw new IplusError(_(`${NS}errors.unreachable`, { baseUrl, reason }));
  }
  const text = await response.text();
  if (!response.ok) throw problemError(response.status, text, _);
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    throw new IplusError(
      _(`${NS}errors.notJson`, { baseUrl, request: `${request.method} ${request.path}` }),
      { status: response.status },
    );
  }
}

/**
 * The error for an error answer, in the platform's words as the contract reads a problem: its detail,
 * then each field error with its JSON path — they say what is wrong and how to fix it.
 * @param {number} status
 * @param {string} text the answer's body
 * @param {Translate} _
 */
function problemError(status, text, _) {
  /** @type {Partial<Problem>} */
  let problem = {};
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) problem = parsed;
  } catch {
    if (text) problem = { detail: text.slice(0, 500) };
  }
  const message =
    problem.detail || problem.title || (problem.errors || []).length > 0
      ? problemMessage(/** @type {any} */ (problem))
      : _(`${NS}errors.httpStatus`, { status });
  return new IplusError(message, { status, problem: { ...problem, status } });
}

/**
 * What the platform's audit log records for a request: the Node-RED node that made it.
 * @param {{ id: string, name?: string, type: string }} node
 */
function justificationOf(node) {
  return `Node-RED node "${node.name || node.type}" (${node.id})`;
}

/**
 * Sends `msg` on to a Catch node with the error, the platform's problem document in `msg.problem`.
 * @param {{ status: (s: object) => void }} node
 * @param {Record<string, unknown>} msg
 * @param {unknown} error
 * @param {(err?: Error) => void} done
 */
function failed(node, msg, error, done) {
  const err = error instanceof Error ? error : new Error(String(error));
  if (err instanceof IplusError && err.problem) msg.problem = err.problem;
  node.status({ fill: 'red', shape: 'dot', text: err.message.slice(0, 60) });
  done(err);
}

/**
 * The value of a typed input of the node (msg, flow, global, str…), as a promise.
 * @param {any} RED
 * @param {any} node
 * @param {Record<string, unknown>} msg
 * @param {string} value
 * @param {string} type
 * @returns {Promise<unknown>}
 */
function evaluate(RED, node, msg, value, type) {
  return new Promise((resolve, reject) => {
    RED.util.evaluateNodeProperty(
      value,
      type,
      node,
      msg,
      (/** @type {Error} */ err, /** @type {unknown} */ result) => (err ? reject(err) : resolve(result)),
    );
  });
}

module.exports = { IplusError, iplusRequest, problemError, justificationOf, failed, evaluate };

/**
 * Calls the platform through the node's iplus config node.
 * @param {any} RED
 * @param {any} node a node with `iplus`, its config node
 * @param {Omit<IplusRequest, 'justification'>} request
 */
function callPlatform(RED, node, request) {
  const config = node.iplus;
  if (!config) return Promise.reject(new IplusError(RED._(`${NS}errors.noConfig`)));
  return iplusRequest(
    { baseUrl: config.baseUrl, token: config.credentials && config.credentials.token },
    { ...request, justification: justificationOf(node) },
    RED._,
  );
}

module.exports.callPlatform = callPlatform;

/**
 * A typed input that must give a non-empty text (a decision or mandate id), trimmed.
 * @param {any} RED
 * @param {any} node
 * @param {Record<string, unknown>} msg
 * @param {{ value: string, type: string, what: string }} input
 */
async function requiredText(RED, node, msg, input) {
  const value = await evaluate(RED, node, msg, input.value, input.type);
  if (typeof value !== 'string' || value.trim() === '') {
    const where = input.type === 'msg' ? `msg.${input.value}` : input.value;
    throw new IplusError(RED._(`${NS}errors.required`, { what: input.what, where }));
  }
  return value.trim();
}

module.exports.requiredText = requiredText;
