// Validates a call's payload against the contract, runs its handler, and never throws:
// every outcome, good or bad, leaves as an ApiResult.
import { apiCalls, type ApiResult, type CallName } from '../../shared/api';
import { handlers } from './handlers';
import { QuaywatchError } from './errors';
import type { ProjectSession } from './session';

export type Dispatch = (name: string, payload: unknown) => Promise<ApiResult<unknown>>;

const isCallName = (name: string): name is CallName => Object.prototype.hasOwnProperty.call(apiCalls, name);

export function createDispatcher(session: ProjectSession, log: (line: string) => void = () => {}): Dispatch {
  return async (name, payload) => {
    if (!isCallName(name)) return { ok: false, error: { code: 'unknown_call', message: `Unknown call "${name.slice(0, 80)}".` } };
    const parsed = apiCalls[name].request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      // The reason first, for the analyst who reads it in a toast; which call and field, for a report.
      const reason = (issue?.message ?? 'the request is malformed').replace(/^./, (c) => c.toUpperCase());
      return { ok: false, error: { code: 'invalid_request', message: `${reason} (invalid ${name} request${where}).` } };
    }
    try {
      const handler = handlers[name] as (req: unknown, s: ProjectSession) => unknown;
      return { ok: true, value: await handler(parsed.data, session) };
    } catch (e) {
      if (e instanceof QuaywatchError) return { ok: false, error: { code: e.code, message: e.message } };
      // Unexpected: keep the detail in the log, give the user a sentence.
      log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'SQLITE_FULL' || err.code === 'ENOSPC') {
        return { ok: false, error: { code: 'io_error', message: 'The disk is full: the change was not saved. Free some space and try again.' } };
      }
      if (err.code === 'SQLITE_READONLY' || err.code === 'EROFS' || err.code === 'EACCES') {
        return { ok: false, error: { code: 'io_error', message: 'The project file is read-only: the change was not saved. Save a copy elsewhere or fix its permissions.' } };
      }
      return { ok: false, error: { code: 'internal', message: `${name} failed unexpectedly: ${(e as Error).message}` } };
    }
  };
}
