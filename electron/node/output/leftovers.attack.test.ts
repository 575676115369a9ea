// Attack: crashes leave large leftovers for ever (half exports, unpacked zip folders, half copies and backups).
// Real crashes: a child process SIGKILLs itself while an output's temporary is half written and while a zipped
// order is being unpacked; the next start (a new session on the same data folder) removes what it left, keeps
// what a live process is still writing, and keeps an unpacked folder that scenes use.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { buildChild, childEnv } from '../../testing/buildChild';
import { tempDir } from '../../testing/tmp';
import { makePlanetOrder, zipFolder } from '../imagery/fixtures/build';
import { importScenes } from '../imagery/importScenes';
import { ProjectSession } from '../session';
import { ProjectStore, databaseOf } from '../store/projectStore';
import { TEMP_PREFIX, TempJournal } from './tempJournal';

let tmp: ReturnType<typeof tempDir>;
let child: string;

beforeAll(async () => {
  tmp = tempDir('qw-leftovers-');
  child = await buildChild('electron/testing/crashMidWriteChild.ts', path.join(tmp.dir, 'crashMidWriteChild.cjs'));
});
afterAll(() => tmp.cleanup());

function project(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'port.quaywatch');
  ProjectStore.create(file, 'Port', { author: 'ana' }).close();
  return file;
}

function run(mode: string, file: string, dataDir: string, arg: string) {
  const proc = spawn(process.execPath, [child, mode, file, dataDir, arg], { env: childEnv() });
  let stderr = '';
  proc.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<string>((resolve) => proc.once('exit', (code, signal) => resolve(`${signal ?? code} ${stderr}`.trim())));
  return { proc, exited };
}

/** Every temporary under `dir`, at any depth. */
const temporaries = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => path.basename(p).startsWith(TEMP_PREFIX));

describe('leftovers of a crash', () => {
  it('a half-written output and a half-unpacked zip are gone on the next start; a live writer keeps its temporary', async () => {
    const dir = path.join(tmp.dir, 'crash');
    const file = project(dir);
    const dataDir = path.join(tmp.dir, 'crash-data');
    const order = makePlanetOrder(path.join(tmp.dir, 'order-6'), Array.from({ length: 3 }, (_, i) => ({ itemId: `20250114_01384${i}_12_2461`, acquired: `2025-01-1${i + 4}T01:38:45Z`, cloudCover: 0, clearPercent: 100, udm2: 'clear' as const })));
    const zip = path.join(tmp.dir, 'order-6.zip');
    zipFolder(order.dir, zip, 'order-6/');

    // Each child's own start cleans what dead processes noted in its data folder, so each crashes with a data
    // folder of its own; their notes are then gathered into one, as if all had run from the app's.
    expect(await run('export', file, `${dataDir}-export`, path.join(dir, 'port.gpkg')).exited).toBe('SIGKILL');
    expect(await run('unpack', file, `${dataDir}-unpack`, zip).exited).toBe('SIGKILL');
    const unpacked = path.join(dir, 'port imagery', 'order-6');
    expect(fs.readdirSync(unpacked).length).toBeGreaterThan(0); // what the crash left
    expect(temporaries(dir)).toHaveLength(1); // the export's half file

    // A writer still at work on another output (its pid alive) while the app starts again.
    const holder = run('hold', project(path.join(tmp.dir, 'other')), `${dataDir}-hold`, path.join(tmp.dir, 'other', 'live.kml'));
    const lines = readline.createInterface({ input: holder.proc.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe('holding');
    fs.mkdirSync(path.join(dataDir, 'in-flight'), { recursive: true });
    for (const d of ['export', 'unpack', 'hold']) {
      const notes = path.join(`${dataDir}-${d}`, 'in-flight');
      for (const n of fs.readdirSync(notes)) fs.renameSync(path.join(notes, n), path.join(dataDir, 'in-flight', n));
    }
    expect(fs.readdirSync(path.join(dataDir, 'in-flight'))).toHaveLength(3);
    // A note that names something not ours (a hand-edited or damaged journal) must never remove it.
    const precious = path.join(tmp.dir, 'precious.txt');
    fs.writeFileSync(precious, 'keep');
    fs.writeFileSync(path.join(dataDir, 'in-flight', '999999999-abc.json'), JSON.stringify({ pid: 999999999, path: precious, startedAt: '' }));

    try {
      new ProjectSession({ dataDir, author: 'ana', host: 'browser' }); // the next start
      expect(temporaries(dir)).toEqual([]);
      expect(fs.existsSync(unpacked)).toBe(false);
      expect(fs.existsSync(precious)).toBe(true);
      expect(temporaries(path.join(tmp.dir, 'other'))).toHaveLength(1); // the live writer's, untouched
      expect(fs.readdirSync(path.join(dataDir, 'in-flight'))).toHaveLength(1); // its note, and only its
    } finally {
      holder.proc.kill('SIGKILL');
      await holder.exited;
    }
    // Once that writer is dead too, the following start removes its temporary.
    new ProjectSession({ dataDir, author: 'ana', host: 'browser' });
    expect(temporaries(path.join(tmp.dir, 'other'))).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'in-flight'))).toEqual([]);
    // And the project still opens, unharmed.
    const store = ProjectStore.open(file, { author: 'ana' });
    expect(databaseOf(store).pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });

  it('keeps an unpacked order whose scenes were saved (the crash came after the import), and every finished backup', async () => {
    const dir = path.join(tmp.dir, 'saved');
    const file = project(dir);
    const dataDir = path.join(tmp.dir, 'saved-data');
    const order = makePlanetOrder(path.join(tmp.dir, 'order-7'), [{ itemId: '20250114_013845_12_2462', acquired: '2025-01-14T01:38:45Z', cloudCover: 0, clearPercent: 100, udm2: 'clear' }]);
    const zip = path.join(tmp.dir, 'order-7.zip');
    zipFolder(order.dir, zip, 'order-7/');
    const journal = TempJournal.inDataDir(dataDir);
    const store = ProjectStore.open(file, { author: 'ana', temporaries: journal });
    const r = await importScenes(store, [zip]);
    store.close();
    expect(r.imported).toHaveLength(1);
    const unpacked = path.join(dir, 'port imagery', 'order-7');
    // As if the process had died between saving the scenes and striking the note off: a note of a dead pid.
    fs.writeFileSync(path.join(dataDir, 'in-flight', '999999999-def.json'), JSON.stringify({ pid: 999999999, path: unpacked, project: file, startedAt: '' }));
    // A migration backup that finished is a real file, not a temporary: never noted, never removed.
    const backup = path.join(dir, 'port.quaywatch.v1.bak');
    fs.writeFileSync(backup, 'a finished backup');
    const half = path.join(dir, `${TEMP_PREFIX}port.quaywatch.v1.bak.0123456789ab`);
    fs.writeFileSync(half, 'half a backup');
    fs.writeFileSync(path.join(dataDir, 'in-flight', '999999999-0.json'), JSON.stringify({ pid: 999999999, path: half, startedAt: '' }));

    new ProjectSession({ dataDir, author: 'ana', host: 'browser' });
    expect(fs.readdirSync(unpacked).length).toBeGreaterThan(0);
    expect(fs.existsSync(half)).toBe(false);
    expect(fs.readFileSync(backup, 'utf8')).toBe('a finished backup');
    expect(fs.readdirSync(path.join(dataDir, 'in-flight'))).toEqual([]);
  });
});
