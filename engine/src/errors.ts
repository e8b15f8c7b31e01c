/**
 * A command the engine refuses, with the gRPC status Zeebe's gateway uses for that case. The
 * message says what is wrong and, where it can, how to fix it.
 */
export type RejectionCode =
  | 'NOT_FOUND'
  | 'FAILED_PRECONDITION'
  | 'INVALID_ARGUMENT'
  | 'ALREADY_EXISTS'
  | 'RESOURCE_EXHAUSTED'
  | 'DEADLINE_EXCEEDED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

export const notFound = (message: string) => new Rejection('NOT_FOUND', message);
export const invalidArgument = (message: string) => new Rejection('INVALID_ARGUMENT', message);
export const failedPrecondition = (message: string) => new Rejection('FAILED_PRECONDITION', message);
