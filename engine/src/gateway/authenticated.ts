import * as grpc from '@grpc/grpc-js';
import { Unauthenticated, type ClientAuthenticator } from '../auth/client-authenticator';

type Handler = (call: unknown, ...rest: unknown[]) => void;

/**
 * Wraps every handler of a service so that it runs only for an authenticated caller: the one
 * place the gateway checks credentials. A call without valid credentials gets UNAUTHENTICATED
 * (16) with a message saying what is missing or wrong; unary and streaming calls alike (the kind
 * is read from the service definition, so a handler added later is covered too).
 */
export function authenticated(
  service: grpc.ServiceDefinition,
  handlers: Record<string, unknown>,
  authenticator: ClientAuthenticator,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const method = service[name];
    if (!method) throw new Error(`no method ${name} in the gateway service`);
    const h = handler as Handler;
    const check = (metadata: grpc.Metadata) => {
      const value = metadata.get('authorization')[0];
      return authenticator.authenticate(value === undefined ? undefined : String(value));
    };
    if (!method.requestStream && !method.responseStream) {
      wrapped[name] = ((
        call: grpc.ServerUnaryCall<unknown, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        check(call.metadata).then(
          () => h(call, callback),
          (e: unknown) => callback(refusal(e), null),
        );
      }) as grpc.UntypedHandleCall;
    } else if (!method.requestStream && method.responseStream) {
      wrapped[name] = ((call: grpc.ServerWritableStream<unknown, unknown>) => {
        check(call.metadata).then(
          () => h(call),
          // 'error' (not destroy) so the stream ends with the status, before any message
          (e: unknown) => call.emit('error', refusal(e)),
        );
      }) as grpc.UntypedHandleCall;
    } else {
      throw new Error(`${name}: client-streaming methods are not served`);
    }
  }
  return wrapped;
}

function refusal(e: unknown): grpc.ServiceError {
  const details =
    e instanceof Unauthenticated
      ? e.message
      : `credentials could not be checked: ${(e as Error)?.message ?? e}`;
  return Object.assign(new Error(details), {
    code: grpc.status.UNAUTHENTICATED,
    details,
    metadata: new grpc.Metadata(),
  });
}
