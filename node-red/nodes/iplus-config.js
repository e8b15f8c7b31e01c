'use strict';

/**
 * The connection to an iplus platform: its base URL, the API token (in Node-RED's credentials, never
 * in the flow JSON) and the URL at which the platform reaches this Node-RED's HTTP endpoints.
 * @param {any} RED
 */
module.exports = function (RED) {
  /**
   * @this {{ name?: string, baseUrl: string, callbackBaseUrl: string }}
   * @param {{ name?: string, baseUrl: string, callbackBaseUrl?: string }} config */
  function IplusConfigNode(config) {
    RED.nodes.createNode(this, config);
    this.name = config.name;
    this.baseUrl = String(config.baseUrl || '').trim();
    this.callbackBaseUrl = String(config.callbackBaseUrl || '').trim();
  }
  RED.nodes.registerType('iplus-config', IplusConfigNode, {
    credentials: { token: { type: 'password' } },
  });
};
