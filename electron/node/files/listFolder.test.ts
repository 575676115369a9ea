// The browser-mode file dialog's listing, on real temporary folders: what the analyst sees in the
// dialog (folders first, sizes, dates, the type filter, hidden files), and what it refuses.
import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher } from '../dispatcher';
import type { ProjectSession } from '../session';
import { tempDir } from '../../testing/tmp';
import { listFolder } from './listFolder';
import { placesUsedBy, RecentPlaces } from './recentPlaces';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('qw-files-');
});
afterEach(() => {
  fs.chmodSync(tmp.dir, 0o700);
  tmp.cleanup();
});

function seed() {
  const d = tmp.dir;
  fs.mkdirSync(path.join(d, 'orders'));
  fs.mkdirSync(path.join(d, 'Archive 10'));
  fs.mkdirSync(path.join(d, 'archive 9'));
  fs.mkdirSync(path.join(d, '.cache'));
  fs.writeFileSync(path.join(d, 'rajin.tif'), Buffer.alloc(1234));
  fs.writeFileSync(path.join(d, 'NAMPO.TIFF'), 'x');
  fs.writeFileSync(path.join(d, 'notes.txt'), 'hello');
  fs.writeFileSync(path.join(d, '.secret.tif'), 'x');
  fs.utimesSync(path.join(d, 'rajin.tif'), new Date('2025-01-14T01:38:45Z'), new Date('2025-01-14T01:38:45Z'));
}

/** Runs `fn` as the unprivileged user "nobody" when the tests run as root (root ignores permission bits). */
async function asUnprivileged<T>(fn: () => Promise<T>): Promise<T> {
  if (process.geteuid?.() !== 0) return fn();
  process.seteuid!(65534);
  try {
    return await fn();
  } finally {
    process.seteuid!(0);
  }
}

describe('listing a folder for the file dialog', () => {
  it('shows folders first, then files, by name as people sort them, with size and modified date', async () => {
    seed();
    const l = await listFolder(tmp.dir);
    expect(l.path).toBe(tmp.dir);
    expect(l.parent).toBe(path.dirname(tmp.dir));
    expect(l.entries.map((e) => e.name)).toEqual(['archive 9', 'Archive 10', 'orders', 'NAMPO.TIFF', 'notes.txt', 'rajin.tif']);
    const tif = l.entries.find((e) => e.name === 'rajin.tif')!;
    expect(tif).toEqual({ name: 'rajin.tif', path: path.join(tmp.dir, 'rajin.tif'), kind: 'file', size: 1234, modified: '2025-01-14T01:38:45.000Z', link: false });
    expect(l.entries.find((e) => e.name === 'orders')).toMatchObject({ kind: 'folder', size: null });
  });

  it('filters files by extension, case-insensitively, and always keeps folders', async () => {
    seed();
    const l = await listFolder(tmp.dir, { extensions: ['tif', 'tiff'] });
    expect(l.entries.map((e) => e.name)).toEqual(['archive 9', 'Archive 10', 'orders', 'NAMPO.TIFF', 'rajin.tif']);
    expect(l.filtered).toBe(1);
  });

  it('leaves hidden files and folders out unless asked, and says how many', async () => {
    seed();
    const off = await listFolder(tmp.dir);
    expect(off.entries.some((e) => e.name.startsWith('.'))).toBe(false);
    expect(off.hidden).toBe(2);
    const on = await listFolder(tmp.dir, { showHidden: true });
    expect(on.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['.cache', '.secret.tif']));
    expect(on.hidden).toBe(0);
  });

  it('gives a normalised absolute path for a path with .. and doubled slashes', async () => {
    seed();
    const l = await listFolder(`${tmp.dir}//orders/../`);
    expect(l.path).toBe(tmp.dir);
    expect(l.entries[0]!.path).toBe(path.join(tmp.dir, 'archive 9'));
  });

  it('says clearly when a folder cannot be read, does not exist, or is a file', async () => {
    seed();
    const locked = path.join(tmp.dir, 'locked');
    fs.mkdirSync(locked, { mode: 0o700 });
    fs.chmodSync(tmp.dir, 0o755); // nobody may reach it, not into it
    await expect(asUnprivileged(() => listFolder(locked))).rejects.toMatchObject({ code: 'io_error', message: `You do not have permission to open the folder ${locked}.` });
    await expect(listFolder(path.join(tmp.dir, 'gone'))).rejects.toMatchObject({ code: 'not_found', message: `The folder ${path.join(tmp.dir, 'gone')} does not exist.` });
    await expect(listFolder(path.join(tmp.dir, 'notes.txt'))).rejects.toMatchObject({ message: `${path.join(tmp.dir, 'notes.txt')} is a file, not a folder.` });
  });

  it('shows a link to a folder as a folder without descending into it, and leaves a link loop out', async () => {
    fs.mkdirSync(path.join(tmp.dir, 'a'));
    fs.symlinkSync('..', path.join(tmp.dir, 'a', 'up')); // a folder that contains its own parent
    fs.symlinkSync('loop', path.join(tmp.dir, 'a', 'loop')); // a link to itself
    fs.writeFileSync(path.join(tmp.dir, 'a', 'scene.tif'), 'x');
    const l = await listFolder(path.join(tmp.dir, 'a'));
    expect(l.entries.map((e) => [e.name, e.kind, e.link])).toEqual([
      ['up', 'folder', true],
      ['scene.tif', 'file', false],
    ]);
    await expect(listFolder(path.join(tmp.dir, 'a', 'loop'))).rejects.toMatchObject({ code: 'io_error', message: expect.stringMatching(/leads back to itself/) });
  });
});

describe('files.list through the dispatcher', () => {
  const dispatch = createDispatcher({} as ProjectSession);

  it('refuses a relative path before touching the disk', async () => {
    const r = await dispatch('files.list', { path: 'orders/../..' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/^Path must be absolute/) } });
  });

  it('lists an absolute path with its type filter', async () => {
    seed();
    const r = await dispatch('files.list', { path: tmp.dir, extensions: ['tif'] });
    expect(r.ok && (r.value as { entries: { name: string }[] }).entries.map((e) => e.name)).toEqual(['archive 9', 'Archive 10', 'orders', 'rajin.tif']);
  });
});

describe('recent places', () => {
  it('keeps the folders imports, exports and saves used, newest first, only those that still exist', () => {
    const places = new RecentPlaces(path.join(tmp.dir, 'data'));
    const a = path.join(tmp.dir, 'a');
    const b = path.join(tmp.dir, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    places.touch(placesUsedBy('scenes.import', { paths: [path.join(a, 'x.tif'), path.join(a, 'y.tif')] }));
    places.touch(placesUsedBy('export.run', { path: path.join(b, 'out.gpkg') }));
    expect(places.list()).toEqual([b, a]);
    places.touch(placesUsedBy('project.open', { path: path.join(a, 'p.quaywatch') }));
    expect(places.list()).toEqual([a, b]);
    fs.rmdirSync(b);
    expect(places.list()).toEqual([a]);
    expect(placesUsedBy('sightings.list', { path: '/x/y' })).toEqual([]);
  });
});
