// The one way a scene's local file (GeoTIFF/COG or MBTiles) is opened, by every reader: the imagery
// route, report chips, MBTiles tiles. Only the file that was imported as that scene is opened: the
// path is opened without following a link at its end, the open handle is fstat'ed and must be the
// device, inode and size recorded at import, and its first bytes must be TIFF/BigTIFF (or SQLite for
// MBTiles). A link swapped in after import, a file replaced by another, or a crafted project row
// naming /etc/shadow or the key file is refused, and nothing of it is read.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { knownCrs } from './common';
import type { Scene } from '../../../shared/domain';
import type { ProjectStore } from '../store/projectStore';
import {
  identityOf, imageryKindOf, recordedSceneFile, sameFile, SCENE_FILE_OPEN_FLAGS,
  type FileIdentity, type LocalImageryKind,
} from '../store/sceneFiles';

/** A scene file that cannot be used: `status` for the imagery route, `message` for people. */
export class SceneFileError extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'SceneFileError';
  }
}

/** An opened local imagery file, proven to be what it claims; read through `handle`, never by path again. */
export interface OpenedImageryFile {
  path: string;
  kind: LocalImageryKind;
  handle: fs.promises.FileHandle;
  size: number;
  identity: FileIdentity;
  close(): Promise<void>;
}

/**
 * The SHA-256 of an opened file's content, read through its handle 4 MiB at a time (memory stays flat
 * whatever the size): how two analysts who imported the same file each on their own find they did.
 */
export async function contentSha256(opened: OpenedImageryFile, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(4 << 20);
  for (let at = 0; at < opened.size; ) {
    if (signal?.aborted) throw new Error('cancelled');
    const { bytesRead } = await opened.handle.read(buf, 0, Math.min(buf.length, opened.size - at), at);
    if (!bytesRead) break;
    hash.update(buf.subarray(0, bytesRead));
    at += bytesRead;
  }
  return hash.digest('hex');
}

const CHANGED = 'The file behind this scene changed since it was imported; import it again.';

/**
 * Opens a local imagery file (at import, or for a scene through openSceneFile): not through a link at
 * the end of its path, a regular file, and `kind` by its first bytes. `refuse` words each refusal.
 */
async function openImagery(file: string, kind: LocalImageryKind, refuse: (why: 'missing' | 'link' | 'not-file' | 'not-kind') => Error): Promise<OpenedImageryFile> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, SCENE_FILE_OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw refuse(code === 'ELOOP' || code === 'EMLINK' ? 'link' : code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'not-file');
  }
  try {
    const st = await handle.stat({ bigint: true });
    if (!st.isFile()) throw refuse('not-file');
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    if (imageryKindOf(head) !== kind) throw refuse('not-kind');
    return { path: file, kind, handle, size: Number(st.size), identity: identityOf(st), close: () => handle.close() };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * The path to import a file by: itself, or, when the path ends in a link, the file the link names
 * (a scene's file is opened without following links, so a link is resolved once, here, by the user's choice).
 */
export function withoutFinalLink(file: string): string {
  return fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ? fs.realpathSync(file) : file;
}

const KIND_NAME: Record<LocalImageryKind, string> = { geotiff: 'a TIFF', mbtiles: 'an MBTiles (SQLite) file' };

/** Opens a file being imported; `onRefusal` turns the reason into the importer's own error. */
export function openImportedFile(file: string, kind: LocalImageryKind, onRefusal: (message: string) => Error): Promise<OpenedImageryFile> {
  const name = path.basename(file);
  return openImagery(file, kind, (why) =>
    onRefusal(
      why === 'missing' ? `${name}: no such file.`
        : why === 'link' ? `${name} is a link; import the file it points to.`
          : why === 'not-file' ? `${name} is not a regular file.`
            : `${name} is not ${kind === 'geotiff' ? 'a readable TIFF' : KIND_NAME[kind]}.`,
    ),
  );
}

/**
 * Which file a scene's pixels are in and what it was at import, as plain data: a worker thread opens it with
 * openRecordedFile and no store (figure/timelapseFrames.ts). Throws SceneFileError as openSceneFile does.
 */
export interface RecordedSceneFile {
  path: string;
  kind: LocalImageryKind;
  recorded: FileIdentity;
}

export function recordedFileOf(store: ProjectStore, scene: Scene): RecordedSceneFile {
  const source = scene.source;
  if (source.kind === 'xyz') throw new SceneFileError(404, 'This scene has no local imagery');
  const file = store.resolveSourcePath(source)!;
  const recorded = recordedSceneFile(store, scene.id);
  if (!recorded) throw new SceneFileError(409, `Quaywatch has no record of importing ${path.basename(file)} as this scene (it is not ${KIND_NAME[source.kind]}, or it was not checked at import); import it again.`);
  return { path: file, kind: source.kind, recorded };
}

/** Opens a scene's file, only if it is still the very file recorded at import (see openSceneFile). */
export async function openRecordedFile({ path: file, kind, recorded }: RecordedSceneFile): Promise<OpenedImageryFile> {
  const opened = await openImagery(file, kind, (why) =>
    why === 'missing' ? new SceneFileError(404, `The scene's file ${path.basename(file)} is missing; put it back where it was or import it again.`) : new SceneFileError(409, CHANGED),
  );
  if (!sameFile(opened.identity, recorded)) {
    await opened.close();
    throw new SceneFileError(409, CHANGED);
  }
  return opened;
}

/**
 * Opens the local file of a scene, only if it is still the very file imported as that scene.
 * Throws SceneFileError (404: gone; 409: not the imported file) with a message that says what to do.
 */
export async function openSceneFile(store: ProjectStore, scene: Scene): Promise<OpenedImageryFile> {
  return openRecordedFile(recordedFileOf(store, scene));
}

/**
 * The checked path of a scene's MBTiles file, for SQLite (which opens files by name). The file is
 * proven to be the imported one just before; SQLite keeps the file it opened for as long as it reads.
 */
export async function sceneMbtilesFile(store: ProjectStore, scene: Scene): Promise<string> {
  const opened = await openSceneFile(store, scene);
  await opened.close();
  return opened.path;
}

/** A GeoTIFF read through the opened handle (geotiff.js would otherwise open the path again). */
export function geoTiffOf(file: OpenedImageryFile): Promise<GeoTIFF> {
  const read = async (offset: number, length: number): Promise<ArrayBuffer> => {
    const buf = new Uint8Array(length);
    await file.handle.read(buf, 0, length, offset);
    return buf.buffer;
  };
  const source = {
    fileSize: file.size,
    fetch: (slices: { offset: number; length: number }[]) => Promise.all(slices.map((s) => read(s.offset, s.length))),
    fetchSlice: async (s: { offset: number; length: number }) => ({ ...s, data: await read(s.offset, s.length) }),
    // The handle belongs to whoever opened it: closing the GeoTIFF must not close it twice.
    close: async () => {},
  };
  return GeoTIFF.fromSource(source as unknown as Parameters<typeof GeoTIFF.fromSource>[0]);
}

/**
 * The CRS a GeoTIFF image is drawn in ("EPSG:32652"), read from its GeoKeys the way OpenLayers reads
 * them (projected first, else geographic), or null when it names none Quaywatch knows.
 */
export function crsOfImage(image: GeoTIFFImage): string | null {
  const keys = image.getGeoKeys();
  const epsg = Number(keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey);
  const crs = `EPSG:${epsg}`;
  return Number.isInteger(epsg) && knownCrs(crs) ? crs : null;
}
