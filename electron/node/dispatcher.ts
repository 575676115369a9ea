// Validates a call's payload against the contract, runs its handler, and never throws:
// every outcome, good or bad, leaves as an ApiResult.
import { apiCalls, type ApiResult, type CallName } from '../../shared/api';
import { handlers } from './handlers';
import { QuaywatchError } from './errors';
import { readOnlyRefusal } from './store/projectInspect';
import type { ProjectSession } from './session';
import { placesUsedBy } from './files/recentPlaces';
import { gatherChanges } from './store/history';
import { withoutCredentials } from './imagery/templateCredentials';
import type { EntityChange } from '../../shared/api';
import type { Scene } from '../../shared/domain';

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
      const { value, changes } = await gatherChanges(() => handler(parsed.data, session));
      // The folders a successful import, export, open or save used become the file dialog's recent places.
      session.places?.touch(placesUsedBy(name, parsed.data));
      return changes.length ? { ok: true, value, changes: changes.map(forThePage) } : { ok: true, value };
    } catch (e) {
      const refusal = expectedFailure(e, session);
      if (refusal) {
        // Expected (a refusal, a full disk, a read-only project): one line with the reason; a stack would bury it.
        const code = (e as { code?: unknown }).code;
        log(`${name} refused: ${refusal.message}${!(e instanceof QuaywatchError) && typeof code === 'string' ? ` (${code})` : ''}`);
        return { ok: false, error: { code: refusal.code, message: refusal.message, ...(refusal.path !== undefined ? { path: refusal.path } : {}) } };
      }
      // Unexpected: keep the detail in the log, give the user a sentence.
      log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
      return { ok: false, error: { code: 'internal', message: `${name} failed unexpectedly: ${(e as Error).message}` } };
    }
  };
}

/** A change as the page may see it: a scene without its URL template's credentials nor its file identity. */
function forThePage(c: EntityChange): EntityChange {
  if (c.entity !== 'scene' || c.value === null) return c;
  const { columns: _, ...scene } = c.value as Scene & { columns?: unknown };
  return { ...c, value: withoutCredentials(scene) };
}

/** The failures a user can act on, as the sentence they get; null for a real internal error. */
function expectedFailure(e: unknown, session: ProjectSession): QuaywatchError | null {
  if (e instanceof QuaywatchError) return e;
  const readOnly = readOnlyRefusal(session.current?.readOnly ?? null, e);
  if (readOnly) return readOnly;
  const code = String((e as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new QuaywatchError('io_error', 'The disk is full: the change was not saved. Free some space and try again.');
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES') {
    return new QuaywatchError('io_error', 'The project file is read-only: the change was not saved. Save a copy elsewhere or fix its permissions.');
  }
  return null;
}
