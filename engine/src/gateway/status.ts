import * as grpc from '@grpc/grpc-js';
import { Rejection } from '../errors';

/** The gRPC error a client receives for a refused or failed command. */
export function toServiceError(error: unknown): Partial<grpc.ServiceError> {
  if (error instanceof Rejection) {
    return { code: grpc.status[error.code], details: error.message, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: grpc.status.INTERNAL, details: `unexpected engine error: ${message}`, message };
}
