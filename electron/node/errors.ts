// Errors a user can act on: a code for programs, one sentence for people.
import type { ErrorCode } from '../../shared/api';

export class QuaywatchError extends Error {
  /** The file concerned, where the code needs one (code 'exists': the file already there, which the UI offers to replace). */
  readonly path?: string;

  constructor(
    readonly code: ErrorCode,
    message: string,
    detail: { path?: string } = {},
  ) {
    super(message);
    this.name = 'QuaywatchError';
    if (detail.path !== undefined) this.path = detail.path;
  }
}
