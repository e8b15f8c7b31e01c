import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * Where the served zeebe.proto comes from, newest first: `@camunda8/sdk` 8.8 (the gateway
 * protocol with ModifyProcessInstance, MigrateProcessInstance, DeleteResource, user-task job
 * results, FormMetadata), else `zeebe-node` 8.3. Protobuf is backward compatible, so clients built
 * on the older file (zeebe-node 8.3, zbctl 8.4) talk to the newer service unchanged.
 */
const PROTO_SOURCES = [
  { pkg: '@camunda8/sdk', file: path.join('dist', 'proto', 'zeebe.proto') },
  { pkg: 'zeebe-node', file: path.join('proto', 'zeebe.proto') },
];

/**
 * zeebe.proto is Camunda's, under its licence: we never copy it into the repository, we load the
 * copy that ships inside an installed Camunda client package at run time.
 */
export function zeebeProtoPath(): string {
  const tried: string[] = [];
  for (const source of PROTO_SOURCES) {
    let dir: string;
    try {
      dir = path.dirname(require.resolve(`${source.pkg}/package.json`));
    } catch {
      tried.push(`${source.pkg} (not installed)`);
      continue;
    }
    const file = path.join(dir, source.file);
    if (fs.existsSync(file)) return file;
    tried.push(`${source.pkg} (no ${source.file})`);
  }
  throw new Error(`zeebe.proto not found in an installed Camunda client: tried ${tried.join(', ')}`);
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
