// The AIS thresholds are a project setting: changed through the API as the Analysis view does, one
// undoable step, refused in words when they cannot work together, and a tampered stored value is
// never used (the defaults are, with a warning).
import path from 'node:path';
import type { CallName, RequestOf, ResponseOf } from '../../../shared/api';
import { DEFAULT_AIS_SETTINGS } from '../../../shared/ais/types';
import { createDispatcher } from '../dispatcher';
import { ProjectSession } from '../session';
import { seedProject } from '../../testing/seedProject';
import { tempDir } from '../../testing/tmp';
import { databaseOf } from './projectStore';

let tmp: ReturnType<typeof tempDir>;
let session: ProjectSession;
let file: string;

async function api<K extends CallName>(name: K, req: RequestOf<K>): Promise<ResponseOf<K>> {
  const r = await createDispatcher(session)(name, req);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as ResponseOf<K>;
}
async function apiError(name: CallName, req: unknown) {
  const r = await createDispatcher(session)(name, req);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
  return r.error;
}

beforeEach(() => {
  tmp = tempDir();
  file = seedProject(tmp.dir, { name: 'Test port', zones: [], scenes: [] }).file;
  session = new ProjectSession({ dataDir: path.join(tmp.dir, 'data'), author: 'ana', host: 'cli' });
  session.open(file);
});
afterEach(() => {
  session.close();
  tmp.cleanup();
});

describe('AIS thresholds', () => {
  it('start at the defaults, change as one undoable step with its changes announced, and redo', async () => {
    expect(await api('ais.settings', {})).toEqual(DEFAULT_AIS_SETTINGS);
    const r = await createDispatcher(session)('ais.settings.set', { contradictM: 25_000, windowMin: 45 });
    expect(r.ok).toBe(true);
    // The page learns of the change like any edit (aisStore reloads its thresholds on it).
    expect(r.ok && r.changes?.some((c) => c.entity === 'setting' && c.id === 'ais')).toBe(true);
    expect(await api('ais.settings', {})).toEqual({ ...DEFAULT_AIS_SETTINGS, contradictM: 25_000, windowMin: 45 });
    expect((await api('history.state', {})).undoLabel).toBe('Change AIS thresholds');
    await api('history.undo', {});
    expect(await api('ais.settings', {})).toEqual(DEFAULT_AIS_SETTINGS);
    await api('history.redo', {});
    expect((await api('ais.settings', {})).contradictM).toBe(25_000);
  });

  it('are refused in words when they cannot work together, and nothing changes', async () => {
    const e = await apiError('ais.settings.set', { confirmM: 9_000 });
    expect(e.message).toBe('Those AIS thresholds cannot be used: the confirm distance must be below the contradict distance.');
    expect((await apiError('ais.settings.set', { windowMin: 0 })).message).toBe('Those AIS thresholds cannot be used: the window is at least 1 minute.');
    expect((await apiError('ais.settings.set', { stopKn: 'fast' })).code).toBe('invalid_request');
    expect(await api('ais.settings', {})).toEqual(DEFAULT_AIS_SETTINGS);
    expect((await api('history.state', {})).undoLabel).toBeNull();
  });

  it('a tampered stored value is not used: the defaults are, and the analyst is warned', async () => {
    await api('ais.settings.set', { windowMin: 45 });
    const store = session.requireProject();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      databaseOf(store).prepare("UPDATE setting SET value = ? WHERE id = 'ais'").run(JSON.stringify({ windowMin: -5, confirmM: 1e12 }));
      expect(await api('ais.settings', {})).toEqual(DEFAULT_AIS_SETTINGS);
      databaseOf(store).prepare("UPDATE setting SET value = ? WHERE id = 'ais'").run('{not json');
      expect(await api('ais.settings', {})).toEqual(DEFAULT_AIS_SETTINGS);
      expect(warn).toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
