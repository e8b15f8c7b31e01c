import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * zeebe.proto is Camunda's, under its licence: we never copy it into the repository, we load the
 * copy that ships inside the installed `zeebe-node` package at run time.
 */
export function zeebeProtoPath(): string {
  return path.join(path.dirname(require.resolve('zeebe-node/package.json')), 'proto', 'zeebe.proto');
}

export function loadGatewayService(): grpc.ServiceDefinition {
  const definition = protoLoader.loadSync(zeebeProtoPath(), {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    gateway_protocol: { Gateway: { service: grpc.ServiceDefinition } };
  };
  return pkg.gateway_protocol.Gateway.service;
}
