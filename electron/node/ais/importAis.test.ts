// The AIS import against generated logs with known truth (fixtures/generate.ts), on real project files.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import yazl from 'yazl';
import Database from 'better-sqlite3';
import { tempDir } from '../../testing/tmp';
import { openSession, seedOpenProject, seedProject } from '../../testing/seedProject';
import { aisHoldings, aisPositionsNear, aisPositionsOf, aisStatics, aisVessels } from '../store/ais';
import { historyOf } from '../store/history';
import { ProjectStore } from '../store/projectStore';
import type { ApiResult } from '../../../shared/api';
import type { AisImportSummary } from '../../../shared/calls/ais';
import { importAis } from './importAis';
import { PORT_AOI, VESSELS, writeDmaCsv, writeNmeaLog } from './fixtures/generate';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-ais-')));
afterEach(() => tmp.cleanup());

const project = () => seedOpenProject(tmp.dir, { site: { name: 'Rajin', aoi: PORT_AOI } });

function sha(file: string) {
  return fs.readFileSync(file).toString('base64');
}

async function zip(file: string, entries: Record<string, string>) {
  const z = new yazl.ZipFile();
  for (const [name, src] of Object.entries(entries)) z.addFile(src, name);
  z.end();
  await new Promise<void>((resolve, reject) => z.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
}

describe('NMEA logs', () => {
  it('keeps positions inside the area + buffer and all static data, counts the rest by reason (generated truth)', async () => {
    const log = path.join(tmp.dir, 'rajin.nmea');
    const truth = writeNmeaLog(log);
    const p = project();
    try {
      const r = await importAis(p.store, [log], { bufferKm: 30 });
      expect(r.state).toBe('done');
      expect(r.kept).toBe(truth.positionsInside);
      expect(r.outside).toBe(truth.positionsOutside);
      expect(r.duplicates).toBe(truth.duplicates);
      expect(r.bad.bad_checksum).toBe(truth.badChecksum);
      expect(r.bad.incomplete_multipart).toBe(truth.incomplete);
      expect(r.bad.not_ais).toBe(1); // the $GPRMC line
      expect(r.read).toBe(truth.messages + truth.duplicates); // a message heard twice is read twice, kept once
      // 6 generated vessels, and the type 19 reference (its static data is kept wherever it was).
      expect(r.vessels).toBe(VESSELS.length + 1);
      expect(r.statics).toBe(truth.staticsDistinct + 1);
      expect(r.from).toBe(new Date(truth.from).toISOString());
      expect(r.files).toEqual([{ path: log, format: 'nmea', lines: truth.lines, messages: expect.any(Number) }]);
      // Stored as summarised, per vessel.
      const held = aisHoldings(p.store);
      expect(held.positions).toBe(truth.positionsInside);
      for (const [mmsi, n] of Object.entries(truth.keptBy)) expect(aisPositionsOf(p.store, mmsi, 0, Date.UTC(2100, 0, 1))).toHaveLength(n);
      // The silent vessel: nothing between hour 30 and hour 78 of the generated days.
      const t0 = Date.UTC(2025, 0, 12);
      const angara = aisPositionsOf(p.store, '273345000', t0, t0 + 100 * 3_600_000);
      const gaps = angara.slice(1).map((q, i) => q.t - angara[i]!.t);
      expect(Math.max(...gaps)).toBeGreaterThanOrEqual(47 * 3_600_000);
      // Type 5 reassembled from two fragments: name, IMO, dimensions.
      const statics = aisStatics(p.store);
      expect(statics.find((s) => s.mmsi === '273345000')).toMatchObject({ name: 'ANGARA', imo: '9179842', callSign: 'UBCD7', shipType: 70, lengthM: 120, widthM: 18, draughtM: 6.5, destination: 'RAJIN' });
      // Type 24 A and B of the class B vessel; type 19's static part (far away, kept all the same).
      expect(statics.filter((s) => s.mmsi === '440123456').map((s) => s.name ?? s.callSign).sort()).toEqual(['DS1234', 'SMALL ONE']);
      expect(statics.find((s) => s.mmsi === '367059850')).toMatchObject({ name: 'CAPT.J.RIMES', shipType: 70 });
      // Near the quay at a scene's instant.
      const near = aisPositionsNear(p.store, t0 + 20 * 3_600_000, 30 * 60_000, [130.28, 42.23, 130.32, 42.26]);
      expect(new Set(near.map((q) => q.mmsi)).has('273345000')).toBe(true);
      expect(aisVessels(p.store).find((v) => v.mmsi === '445123000')).toMatchObject({ name: 'SPARTA IV' });
      // Recorded as an import: one step of origin 'import', not on the undo stack.
      expect(historyOf(p.store).state().canUndo).toBe(false);
      expect(historyOf(p.store).list({ limit: 1 })[0]).toMatchObject({ origin: 'import', label: expect.stringMatching(/^Import AIS: /) });
    } finally {
      p.store.close();
    }
  });

  it('reads tag-block times and leading Unix/ISO times as UTC, and joins fragments that come out of order', async () => {
    const log = path.join(tmp.dir, 'mixed.txt');
    fs.writeFileSync(
      log,
      [
        '\\s:a,c:1736640000*5C\\!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C',
        '1736640060.5 !AIVDM,1,1,,A,35NSH95001G?wopE`beasVk@0E5:,0*6F',
        '2025-01-12T00:02:00 !AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C',
        '1736640180 !AIVDM,2,2,4,A,000000000000000,2*20',
        '1736640180 !AIVDM,2,1,4,A,55O0W7`00001L@gCWGA2uItLth@DqtL5@F22220j1h742t0Ht0000000,0*08',
        '!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C',
      ].join('\n'),
    );
    // These reference positions are in San Francisco Bay and New York: give the site that area.
    const p = seedOpenProject(tmp.dir, { site: { aoi: { type: 'Polygon', coordinates: [[[-123, 37], [-73, 37], [-73, 41], [-123, 41], [-123, 37]]] } } });
    try {
      const r = await importAis(p.store, [log], { bufferKm: 30 });
      expect(r.bad).toEqual({ no_time: 1 });
      expect(r.kept).toBe(3);
      expect(aisPositionsOf(p.store, '366053209', 0, Date.UTC(2100, 0, 1))).toEqual([
        { mmsi: '366053209', t: Date.UTC(2025, 0, 12), lon: -122.34161833333333, lat: 37.80211833333333, sog: 0, cog: 219.3, heading: 1, navStatus: 3 },
      ]);
      expect(aisPositionsOf(p.store, '367581220', 0, Date.UTC(2100, 0, 1))[0]!.t).toBe(Date.UTC(2025, 0, 12, 0, 1, 0, 500));
      expect(aisPositionsOf(p.store, '338087471', 0, Date.UTC(2100, 0, 1))[0]).toMatchObject({ t: Date.UTC(2025, 0, 12, 0, 2), heading: null, navStatus: null, sog: 0.1 });
      expect(aisStatics(p.store)).toEqual([expect.objectContaining({ mmsi: '368060190', t: Date.UTC(2025, 0, 12, 0, 3) })]);
    } finally {
      p.store.close();
    }
  });
});

describe('CSV', () => {
  it('reads DMA CSV (dd/mm/yyyy UTC, words for status and type) with the generated truth', async () => {
    const file = path.join(tmp.dir, 'aisdk-2025-01-12.csv');
    const truth = writeDmaCsv(file);
    const p = project();
    try {
      const r = await importAis(p.store, [file], { bufferKm: 30 });
      expect(r.files[0]!.format).toBe('dma-csv');
      expect(r.read).toBe(truth.rows);
      expect(r.kept).toBe(truth.inside);
      expect(r.outside).toBe(truth.outside);
      expect(r.bad).toEqual({});
      // Static columns repeat on every row: each distinct record once.
      expect(r.statics).toBe(VESSELS.length);
      const first = aisPositionsOf(p.store, '273345000', 0, Date.UTC(2100, 0, 1))[0]!;
      expect(first.t).toBe(Date.UTC(2025, 0, 12));
      expect(first.navStatus).toBe(0);
      expect(aisStatics(p.store).find((s) => s.mmsi === '440123456')).toMatchObject({ shipType: 37, imo: null, lengthM: 12, widthM: 4 });
    } finally {
      p.store.close();
    }
  });

  it('reads a plain CSV and counts its bad rows by reason', async () => {
    const file = path.join(tmp.dir, 'plain.csv');
    fs.writeFileSync(
      file,
      ['mmsi,timestamp,lat,lon,sog,cog,heading,name,imo', '273345000,2025-01-14T01:38:45Z,42.2455,130.301,0.1,12,511,ANGARA,9179842', '273345000,1736818800,42.2456,130.3011,,,,,', '273345000,yesterday,42.2,130.3', '0,2025-01-14T01:00:00Z,42.2,130.3', '273345000,2025-01-14T02:00:00Z,95,130.3', 'short'].join('\n'),
    );
    const p = project();
    try {
      const r = await importAis(p.store, [file], { bufferKm: 30 });
      expect(r.kept).toBe(2);
      expect(r.bad).toEqual({ bad_time: 1, bad_mmsi: 1, bad_position: 1, malformed: 1 });
      expect(aisPositionsOf(p.store, '273345000', 0, Date.UTC(2100, 0, 1)).map((q) => q.t)).toEqual([Date.UTC(2025, 0, 14, 1, 38, 45), Date.UTC(2025, 0, 14, 1, 40)]);
    } finally {
      p.store.close();
    }
  });
  it('keeps a repeated static record once, and again when the MMSI comes back to it after another identity (one MMSI, two ships over time)', async () => {
    const file = path.join(tmp.dir, 'reused.csv');
    const row = (h: number, name: string, imo: string) => `273345000,2025-01-14T${String(h).padStart(2, '0')}:00:00Z,42.2455,130.301,0.1,12,511,${name},${imo}`;
    fs.writeFileSync(file, ['mmsi,timestamp,lat,lon,sog,cog,heading,name,imo', row(1, 'ANGARA', '9179842'), row(2, 'ANGARA', '9179842'), row(3, 'LADY R', '9312341'), row(4, 'LADY R', '9312341'), row(5, 'ANGARA', '9179842'), row(6, 'ANGARA', '9179842')].join('\n'));
    const p = project();
    try {
      const r = await importAis(p.store, [file], { bufferKm: 30 });
      expect(r.statics).toBe(3);
      expect(aisStatics(p.store).map((s) => [new Date(s.t).getUTCHours(), s.name])).toEqual([[1, 'ANGARA'], [3, 'LADY R'], [5, 'ANGARA']]);
    } finally {
      p.store.close();
    }
  });
});

describe('compressed and archived logs', () => {
  it('reads .gz and the entries of a .zip like the plain files', async () => {
    const log = path.join(tmp.dir, 'rajin.nmea');
    const truth = writeNmeaLog(log, { stepMin: 30 });
    fs.writeFileSync(`${log}.gz`, zlib.gzipSync(fs.readFileSync(log)));
    const csv = path.join(tmp.dir, 'dma.csv');
    const csvTruth = writeDmaCsv(csv, { stepMin: 30 });
    const archive = path.join(tmp.dir, 'logs.zip');
    await zip(archive, { 'day1/rajin.nmea': log, 'dma.csv': csv });
    const p = project();
    try {
      const gz = await importAis(p.store, [`${log}.gz`], { bufferKm: 30 });
      expect(gz.kept).toBe(truth.positionsInside);
      const z = await importAis(p.store, [archive], { bufferKm: 30 });
      expect(z.files.map((f) => [f.path, f.format])).toEqual([[`${archive}/day1/rajin.nmea`, 'nmea'], [`${archive}/dma.csv`, 'dma-csv']]);
      expect(z.kept).toBe(truth.positionsInside + csvTruth.inside);
      expect(aisHoldings(p.store).imports).toHaveLength(2);
    } finally {
      p.store.close();
    }
  });
});

describe('all or nothing', () => {
  it('a cancelled import writes nothing; ais.import reports progress through its job', async () => {
    const log = path.join(tmp.dir, 'rajin.nmea');
    writeNmeaLog(log, { stepMin: 1 });
    const seeded = seedProject(tmp.dir, { site: { name: 'Rajin', aoi: PORT_AOI } });
    const before = (() => {
      const db = new Database(seeded.file, { readonly: true });
      try {
        return db.prepare('SELECT count(*) AS n FROM edit_step').get() as { n: number };
      } finally {
        db.close();
      }
    })();
    const { session, dispatch } = openSession(tmp.dir, seeded.file);
    try {
      const jobId = '7b0e8f3a-5d2c-4e1b-9a6f-0c3d2e1f4a5b';
      const pending = dispatch('ais.import', { paths: [log], jobId }) as Promise<ApiResult<AisImportSummary>>;
      let status: { state: string; done: number; total: number } | null = null;
      for (let i = 0; i < 200 && !(status && status.done > 0); i++) {
        await new Promise((r) => setTimeout(r, 1));
        const s = (await dispatch('jobs.status', { id: jobId })) as ApiResult<{ state: string; done: number; total: number } | null>;
        status = s.ok ? s.value : null;
      }
      expect(status).toMatchObject({ state: 'running' });
      expect(status!.done).toBeGreaterThan(0);
      // Meanwhile the project refuses other changes rather than let them join the import's transaction.
      const edit = (await dispatch('vessels.create', { kind: 'vessel', name: 'X', aliases: [], imo: null, mmsi: null, flag: null, lengthM: null })) as ApiResult<unknown>;
      expect(edit).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await dispatch('jobs.cancel', { id: jobId })).toMatchObject({ ok: true, value: { cancelled: true } });
      const r = await pending;
      expect(r).toMatchObject({ ok: true, value: { state: 'cancelled', importId: null } });
      const held = (await dispatch('ais.summary', {})) as ApiResult<{ positions: number }>;
      expect(held).toMatchObject({ ok: true, value: { positions: 0, statics: 0, imports: [] } });
    } finally {
      session.close();
    }
    const db = new Database(seeded.file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM edit_step').get()).toEqual(before);
      expect(db.prepare('SELECT count(*) AS n FROM ais_position').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('a cancel while saving (the position indexes being built) writes nothing; the indexes are the same after a first import, a second one and a cancelled one', async () => {
    const log = path.join(tmp.dir, 'rajin.nmea');
    const truth = writeNmeaLog(log, { stepMin: 3 });
    const p = project();
    const db = new Database(p.file, { readonly: true });
    const indexes = () => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name LIKE 'ais_%' AND sql IS NOT NULL ORDER BY name").all();
    const positions = () => (db.prepare('SELECT count(*) AS n FROM ais_position').get() as { n: number }).n;
    try {
      const schema = indexes();
      expect(schema.map((i) => (i as { name: string }).name)).toEqual(['ais_position_mmsi_t', 'ais_position_t', 'ais_static_mmsi_t']);
      const controller = new AbortController();
      const cancelled = await importAis(p.store, [log], {
        bufferKm: 30,
        signal: controller.signal,
        onProgress: (_done, _total, label) => label === 'Saving' && controller.abort(),
      });
      expect(cancelled).toMatchObject({ state: 'cancelled', importId: null });
      expect(positions()).toBe(0);
      expect(indexes()).toEqual(schema);
      // A first import (its indexes built once, at the end), then a second into a project with rows.
      expect(await importAis(p.store, [log], { bufferKm: 30 })).toMatchObject({ state: 'done', kept: truth.positionsInside });
      expect(indexes()).toEqual(schema);
      expect(await importAis(p.store, [log], { bufferKm: 30 })).toMatchObject({ state: 'done', kept: truth.positionsInside });
      expect(indexes()).toEqual(schema);
      expect(positions()).toBe(2 * truth.positionsInside);
      expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
      // The reads by vessel and by time use them.
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(plan('SELECT * FROM ais_position WHERE mmsi = 1 AND t BETWEEN 0 AND 1')).toContain('ais_position_mmsi_t');
      expect(plan('SELECT * FROM ais_position WHERE t BETWEEN 0 AND 1')).toContain('ais_position_t');
    } finally {
      db.close();
      p.store.close();
    }
  });

  it('a file that is not AIS (binary garbage, a 10 MB line, text), or a zip bomb, is refused by name and changes nothing', async () => {
    const good = path.join(tmp.dir, 'good.nmea');
    writeNmeaLog(good, { stepMin: 60 });
    const garbage = path.join(tmp.dir, 'garbage.bin');
    fs.writeFileSync(garbage, Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)));
    const longLine = path.join(tmp.dir, 'long.nmea');
    fs.writeFileSync(longLine, `!AIVDM,1,1,,A,${'1'.repeat(10 * 1024 * 1024)},0*00\n`);
    const text = path.join(tmp.dir, 'notes.txt');
    fs.writeFileSync(text, 'Angara seen at Pier 2\nno AIS here\n');
    const bomb = path.join(tmp.dir, 'bomb.zip');
    const zeros = path.join(tmp.dir, 'zeros.nmea');
    fs.writeFileSync(zeros, Buffer.alloc(200 * 1024 * 1024));
    await zip(bomb, { 'big.nmea': zeros });
    fs.rmSync(zeros);
    const seeded = seedProject(tmp.dir, { site: { name: 'Rajin', aoi: PORT_AOI } });
    const before = sha(seeded.file);
    const store = ProjectStore.open(seeded.file, { author: 't' });
    try {
      await expect(importAis(store, [good, garbage], { bufferKm: 30 })).rejects.toThrow(/garbage\.bin is not a text file/);
      await expect(importAis(store, [good, longLine], { bufferKm: 30 })).rejects.toThrow(/long\.nmea has no AIS in it: 1 line/);
      await expect(importAis(store, [text], { bufferKm: 30 })).rejects.toThrow(/notes\.txt has no AIS in it/);
      await expect(importAis(store, [bomb], { bufferKm: 30 })).rejects.toThrow(/bomb\.zip/);
      expect(aisHoldings(store)).toMatchObject({ positions: 0, statics: 0, imports: [] });
      // Refused imports leave the project writable.
      store.createVessel({ kind: 'vessel', name: 'After', aliases: [], imo: null, mmsi: null, flag: null, lengthM: null, callSign: null, beamM: null });
    } finally {
      store.close();
    }
    expect(sha(seeded.file)).not.toBe(before); // the vessel just added; the AIS tables stayed empty
  });
});
