// Errors a user can act on: a code for programs, one sentence for people.
import type { ErrorCode } from '../../shared/api';

export class QuaywatchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'QuaywatchError';
  }
}
