// The AIS import with its NMEA decoded in worker threads (the bundled worker, built here as the app
// builds it) against the same import read in one thread: the same summary and the same rows, in the
// same order, on the generator's known truth; and a thread that fails, or a cancel, leaves no rows.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildChild, ROOT } from '../../testing/buildChild';
import { tempDir } from '../../testing/tmp';
import { seedOpenProject } from '../../testing/seedProject';
import { aisHoldings } from '../store/ais';
import { importAis, type AisImportOptions } from './importAis';
import { PORT_AOI, writeNmeaLog } from './fixtures/generate';

let tmp: ReturnType<typeof tempDir>;
let workerFile: string;
let log: string;
let truth: ReturnType<typeof writeNmeaLog>;

beforeAll(async () => {
  tmp = tempDir('qw-ais-threads-');
  // The bundle loads its packages (ggencoder, aisparser) from a node_modules beside it, as in the app.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp.dir, 'node_modules'), 'dir');
  workerFile = await buildChild('electron/node/ais/nmeaDecodeWorker.ts', path.join(tmp.dir, 'nmeaDecodeWorker.cjs'));
  log = path.join(tmp.dir, 'rajin.nmea');
  // 2.5 MB, about 37,000 lines: fragments, two stations, swapped lines, bad checksums, far traffic.
  truth = writeNmeaLog(log, { stepMin: 1 });
}, 60_000);
afterAll(() => tmp.cleanup());

/** Imports the log into a new project; answers the summary (less its id) and every row as stored, in order. */
async function imported(name: string, opts: Omit<AisImportOptions, 'bufferKm'>) {
  const p = seedOpenProject(fs.mkdtempSync(path.join(tmp.dir, `${name}-`)), { site: { name: 'Rajin', aoi: PORT_AOI } });
  try {
    const { importId, ...summary } = await importAis(p.store, [log], { bufferKm: 30, ...opts });
    expect(importId === null || typeof importId === 'string').toBe(true);
    const db = new Database(p.file, { readonly: true });
    try {
      const positions = db.prepare('SELECT mmsi, t, lon, lat, sog, cog, heading, nav_status FROM ais_position ORDER BY rowid').raw().all();
      const statics = db.prepare('SELECT mmsi, t, name, imo, call_sign, ship_type, length_m, width_m, draught_m, destination FROM ais_static ORDER BY rowid').raw().all();
      return { summary, positions, statics, file: p.file, store: p.store };
    } finally {
      db.close();
    }
  } finally {
    p.store.close();
  }
}

const rowsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return {
      positions: (db.prepare('SELECT count(*) AS n FROM ais_position').get() as { n: number }).n,
      statics: (db.prepare('SELECT count(*) AS n FROM ais_static').get() as { n: number }).n,
      imports: (db.prepare('SELECT count(*) AS n FROM ais_import').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
};

describe('NMEA decoded in worker threads', () => {
  it('gives exactly the summary and rows of the one-thread import, and the generated truth', async () => {
    const inThread = await imported('one', { decoding: { workerFile: null } });
    // At one report a minute a few vessels repeat a report word for word within the minute: duplicates
    // the generator's truth counts as kept (the import before threads counted them so too).
    expect(inThread.summary).toMatchObject({ bad: { bad_checksum: truth.badChecksum, incomplete_multipart: truth.incomplete }, statics: truth.staticsDistinct + 1 });
    expect(inThread.summary.kept + inThread.summary.duplicates).toBe(truth.positionsInside + truth.duplicates);
    expect(inThread.positions).toHaveLength(inThread.summary.kept);
    for (const threads of [1, 2, 3]) {
      const threaded = await imported(`threads${threads}`, { decoding: { workerFile, threads } });
      expect(threaded.summary).toEqual({ ...inThread.summary, files: [{ ...inThread.summary.files[0]!, path: log }] });
      expect(threaded.positions).toEqual(inThread.positions);
      expect(threaded.statics).toEqual(inThread.statics);
    }
  });

  it('reads fragments split across chunks (and so across threads) as one thread reads them', async () => {
    // 4 KiB chunks: about 60 lines each, so chunk edges fall between the two parts of many type 5 messages.
    const inThread = await imported('small-one', { decoding: { workerFile: null, chunkBytes: 4096 } });
    const threaded = await imported('small-threads', { decoding: { workerFile, threads: 2, chunkBytes: 4096 } });
    expect(inThread.summary.bad.incomplete_multipart).toBe(truth.incomplete);
    expect(inThread.summary.statics).toBe(truth.staticsDistinct + 1);
    expect(threaded.summary).toEqual(inThread.summary);
    expect(threaded.positions).toEqual(inThread.positions);
    expect(threaded.statics).toEqual(inThread.statics);
    // And as the whole-megabyte chunks read them.
    const whole = await imported('whole-one', { decoding: { workerFile: null } });
    expect(threaded.summary).toEqual(whole.summary);
    expect(threaded.positions).toEqual(whole.positions);
  });

  it('a thread that fails mid-import fails the import, which writes nothing; the next import runs', async () => {
    // The real worker, with a listener that throws at the third chunk it is given (as a crash would).
    const crashing = path.join(tmp.dir, 'crashingWorker.cjs');
    fs.writeFileSync(crashing, `let n = 0;\nrequire('node:worker_threads').parentPort.on('message', () => { if (++n === 3) throw new Error('decoder crashed'); });\nrequire(${JSON.stringify(workerFile)});\n`);
    const p = seedOpenProject(fs.mkdtempSync(path.join(tmp.dir, 'crash-')), { site: { name: 'Rajin', aoi: PORT_AOI } });
    try {
      await expect(importAis(p.store, [log], { bufferKm: 30, decoding: { workerFile: crashing, threads: 1, chunkBytes: 64 * 1024 } })).rejects.toThrow('decoder crashed');
      expect(aisHoldings(p.store)).toMatchObject({ positions: 0, statics: 0, imports: [] });
      expect(rowsIn(p.file)).toEqual({ positions: 0, statics: 0, imports: 0 });
      const again = await importAis(p.store, [log], { bufferKm: 30, decoding: { workerFile, threads: 2 } });
      expect(again).toMatchObject({ state: 'done', bad: { bad_checksum: truth.badChecksum } });
      expect(again.kept + again.duplicates).toBe(truth.positionsInside + truth.duplicates);
    } finally {
      p.store.close();
    }
  });

  it('a cancel mid-import writes nothing', async () => {
    const p = seedOpenProject(fs.mkdtempSync(path.join(tmp.dir, 'cancel-')), { site: { name: 'Rajin', aoi: PORT_AOI } });
    try {
      const controller = new AbortController();
      let updates = 0;
      const r = await importAis(p.store, [log], {
        bufferKm: 30,
        signal: controller.signal,
        decoding: { workerFile, threads: 2, chunkBytes: 64 * 1024 },
        onProgress: (done, total) => {
          updates++;
          if (done / total > 0.4) controller.abort();
        },
      });
      expect(r).toMatchObject({ state: 'cancelled', importId: null });
      expect(updates).toBeGreaterThan(2);
      expect(rowsIn(p.file)).toEqual({ positions: 0, statics: 0, imports: 0 });
    } finally {
      p.store.close();
    }
  });
});
