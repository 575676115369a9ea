// Which file on this disk each scene's imagery is: its device, inode and size, recorded when the
// file was imported (or, for projects older than that, when the project was upgraded). A scene's
// file is served and read only while it is still that same file (imagery/sceneFile.ts).
import fs from 'node:fs';
import type { ChangeOrigin } from '../../../shared/calls/editing';
import { historyOf } from './history';
import { databaseOf, type ProjectStore } from './projectStore';

export interface FileIdentity {
  /** st_dev and st_ino as decimal text: inode numbers can exceed 2^53. */
  dev: string;
  ino: string;
  size: number;
  /** SHA-256 of the content, when the importer read it (a file without a provider item id, geotiff.ts). */
  sha256?: string;
}

export type LocalImageryKind = 'geotiff' | 'mbtiles';

/** Opened read-only, never through a link at the end of the path, never blocking on a FIFO or device. */
export const SCENE_FILE_OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** What a file is by its first bytes: TIFF or BigTIFF (either byte order), SQLite (MBTiles), or neither. */
export function imageryKindOf(head: Buffer): LocalImageryKind | null {
  const magic = head.subarray(0, 4).toString('hex');
  if (['49492a00', '4d4d002a', '49492b00', '4d4d002b'].includes(magic)) return 'geotiff';
  if (head.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'mbtiles';
  return null;
}

export function identityOf(st: fs.BigIntStats): FileIdentity {
  return { dev: String(st.dev), ino: String(st.ino), size: Number(st.size) };
}

export const sameFile = (a: FileIdentity, b: FileIdentity) => a.dev === b.dev && a.ino === b.ino && a.size === b.size;

/**
 * The identity of a local imagery file as it is now, or null unless it is a regular file of `kind`
 * by its first bytes, reached without a link at the end of its path. Synchronous: for migrations
 * and the demo builder, which run inside a transaction.
 */
export function localImageryIdentity(file: string, kind: LocalImageryKind): FileIdentity | null {
  let fd: number;
  try {
    fd = fs.openSync(file, SCENE_FILE_OPEN_FLAGS);
  } catch {
    return null;
  }
  try {
    const st = fs.fstatSync(fd, { bigint: true });
    if (!st.isFile()) return null;
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return imageryKindOf(head) === kind ? identityOf(st) : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Records (or, on a re-import, renews) which file a scene's imagery is, as a change to the scene (its
 * file columns, which history keeps with the scene): inside an import it joins the import's step.
 */
export function recordSceneFile(store: ProjectStore, sceneId: string, id: FileIdentity, origin: ChangeOrigin = 'import'): void {
  historyOf(store).run(
    'Record scene file',
    (tx) => {
      const scene = tx.get('scene', sceneId);
      if (!scene) return;
      const hash = id.sha256 === undefined ? {} : { source_sha256: id.sha256 };
      tx.put('scene', { ...scene, columns: { ...scene.columns, source_dev: id.dev, source_ino: id.ino, source_size: id.size, ...hash } });
    },
    { origin },
  );
}

/** The file recorded for a scene, or null when none was (a crafted or pre-upgrade row naming a non-image). */
export function recordedSceneFile(store: ProjectStore, sceneId: string): FileIdentity | null {
  const r = databaseOf(store).prepare('SELECT source_dev AS dev, source_ino AS ino, source_size AS size FROM scene WHERE id = ?').get(sceneId) as
    | { dev: string | null; ino: string | null; size: number | null }
    | undefined;
  return r && r.dev !== null && r.ino !== null && r.size !== null ? { dev: r.dev, ino: r.ino, size: r.size } : null;
}
