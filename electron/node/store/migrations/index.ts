// The ordered list of schema migrations; the last one's version is the version this code writes.
import type Database from 'better-sqlite3';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-imagery';
import { migration0003 } from './0003-history';
import { migration0004 } from './0004-scene-files';
import { migration0005 } from './0005-change-origins';
import { migration0006 } from './0006-examined';
import { migration0007 } from './0007-provenance';
import { migration0008 } from './0008-ais';
import { migration0009 } from './0009-settings';
import { migration0010 } from './0010-call-sign-beam';
import { migration0011 } from './0011-scene-sensor';
import { migration0012 } from './0012-team';
import { migration0013 } from './0013-team-settlement';
import { migration0014 } from './0014-team-scenes';
import { migration0015 } from './0015-ais-import-seq';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
