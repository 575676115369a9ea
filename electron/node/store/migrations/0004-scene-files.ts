// Schema version 4: which file on this disk each scene's imagery is (device, inode, size), so that
// only files that were imported as scenes are ever served or read (imagery/sceneFile.ts). Projects
// from before get the identity of each scene's file as it is now, but only when that is a regular
// TIFF (or, for MBTiles, SQLite) file reached without a link: a crafted older project naming
// /etc/shadow gets nothing recorded, and its scene is refused until imported again.
// Never edit this file after it ships: add a new numbered migration instead.
import path from 'node:path';
import type { Migration } from './index';
import { localImageryIdentity } from '../sceneFiles';

export const migration0004: Migration = {
  version: 4,
  name: 'scene-files',
  up(db) {
    db.exec(`
      -- NULL: no file was recorded (a URL-template scene, or a file that was not imagery when recorded).
      ALTER TABLE scene ADD COLUMN source_dev TEXT;
      ALTER TABLE scene ADD COLUMN source_ino TEXT;
      ALTER TABLE scene ADD COLUMN source_size INTEGER;
    `);
    // Paths are relative to the project file (db.name is the path it was opened with).
    const base = path.dirname(path.resolve(db.name));
    const record = db.prepare('UPDATE scene SET source_dev = ?, source_ino = ?, source_size = ? WHERE id = ?');
    for (const r of db.prepare('SELECT id, source FROM scene').all() as { id: string; source: string }[]) {
      let source: { kind?: unknown; path?: unknown };
      try {
        source = JSON.parse(r.source) as typeof source;
      } catch {
        continue;
      }
      if ((source.kind !== 'geotiff' && source.kind !== 'mbtiles') || typeof source.path !== 'string') continue;
      const identity = localImageryIdentity(path.resolve(base, source.path), source.kind);
      if (identity) record.run(identity.dev, identity.ino, identity.size, r.id);
    }
  },
};
