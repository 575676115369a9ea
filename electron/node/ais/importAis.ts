// Imports AIS logs into a project: every file streamed line by line (NMEA 0183, DMA CSV or plain CSV;
// plain, .gz or in a .zip), positions kept within the buffer around the sites' areas, all static data
// kept (each distinct record of a vessel once), bad lines counted by reason and never fatal, the same
// message from two stations kept once. All or nothing: one transaction, rolled back on cancel or error.
import path from 'node:path';
import { AisImportWriter } from '../store/ais';
import type { ProjectStore } from '../store/projectStore';
import { ImportError } from '../imagery/common';
import { KeepArea, keepPolygons } from './area';
import { csvLayoutOf, readCsvRow, type CsvLayout } from './csv';
import type { DecodedPosition, DecodedStatic } from './decoder';
import { NmeaReader } from './nmea';
import { linesOf, sourcesOf, type Source } from './sources';
import type { AisBadReason, AisFileFormat, AisImportSummary } from './types';

export interface AisImportOptions {
  bufferKm: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
}

/** The same message heard again within this long (a second station, a repeated line) is a duplicate. */
const DUPLICATE_WINDOW_MS = 60_000;
/** Recent messages remembered for the duplicate check; the oldest half is forgotten past this. */
const DUPLICATE_MEMORY = 200_000;

class Tally {
  read = 0;
  kept = 0;
  outside = 0;
  statics = 0;
  duplicates = 0;
  readonly bad: Partial<Record<AisBadReason, number>> = {};
  readonly mmsis = new Set<number>();
  from = Infinity;
  to = -Infinity;

  badOne(reason: AisBadReason, n = 1) {
    if (n > 0) this.bad[reason] = (this.bad[reason] ?? 0) + n;
  }

  seen(mmsi: number, t: number) {
    this.mmsis.add(mmsi);
    if (t < this.from) this.from = t;
    if (t > this.to) this.to = t;
  }
}

export async function importAis(store: ProjectStore, paths: readonly string[], opts: AisImportOptions): Promise<AisImportSummary> {
  const area = new KeepArea(keepPolygons(store.sites(), store.zones(), store.scenes()), opts.bufferKm);
  if (area.empty) throw new ImportError('', 'The project has no area to keep AIS around: give its site an area of interest, draw a zone or import a scene first.');
  const { sources, cleanup } = await sourcesOf(paths, opts.signal);
  const tally = new Tally();
  const files: AisImportSummary['files'] = [];
  const summary = (state: 'done' | 'cancelled', importId: string | null): AisImportSummary => ({
    state,
    files,
    read: tally.read,
    kept: tally.kept,
    outside: tally.outside,
    statics: tally.statics,
    duplicates: tally.duplicates,
    bad: tally.bad,
    vessels: tally.mmsis.size,
    from: Number.isFinite(tally.from) ? new Date(tally.from).toISOString() : null,
    to: Number.isFinite(tally.to) ? new Date(tally.to).toISOString() : null,
    bufferKm: opts.bufferKm,
    importId,
  });
  let writer: AisImportWriter | null = null;
  try {
    writer = AisImportWriter.begin(store);
    const w = writer;
    const recent = new Map<string, number>();
    // Per MMSI: the identity (name and IMO) it last sent, and the records kept since it began sending it.
    const staticsSeen = new Map<number, { identity: string; records: Set<string> }>();
    const isDuplicate = (key: string, t: number): boolean => {
      const before = recent.get(key);
      if (before !== undefined && Math.abs(before - t) <= DUPLICATE_WINDOW_MS) return true;
      recent.set(key, t);
      if (recent.size > DUPLICATE_MEMORY) {
        let drop = DUPLICATE_MEMORY / 2;
        for (const k of recent.keys()) {
          recent.delete(k);
          if (--drop === 0) break;
        }
      }
      return false;
    };
    const keepPosition = (t: number, p: DecodedPosition) => {
      if (!area.contains(p.lon, p.lat)) {
        tally.outside++;
        return;
      }
      tally.kept++;
      tally.seen(p.mmsi, t);
      w.position(t, p);
    };
    const keepStatic = (t: number, s: DecodedStatic) => {
      // Each distinct record of a vessel once (type 5 repeats every 6 minutes; DMA repeats it on every row),
      // and once again after the MMSI sent another name or IMO: one MMSI can be two ships over time, and an
      // identity that comes back must show when it did (shared/ais/identities.ts). A record with neither (type
      // 24 part B) is no change of identity.
      const signature = `${s.name}|${s.imo}|${s.callSign}|${s.shipType}|${s.lengthM}|${s.widthM}|${s.draughtM}|${s.destination}`;
      let seen = staticsSeen.get(s.mmsi);
      const identity = `${s.name?.trim().toUpperCase() ?? ''}|${s.imo ?? ''}`;
      if (s.name !== null || s.imo !== null) {
        if (seen && seen.identity !== identity) seen = undefined;
        if (!seen) staticsSeen.set(s.mmsi, (seen = { identity, records: new Set() }));
      } else if (!seen) staticsSeen.set(s.mmsi, (seen = { identity: '', records: new Set() }));
      if (seen.records.has(signature)) return;
      seen.records.add(signature);
      tally.statics++;
      tally.seen(s.mmsi, t);
      w.static(t, s);
    };

    const totalBytes = sources.reduce((n, s) => n + s.bytes, 0) || 1;
    let doneBytes = 0;
    for (const source of sources) {
      if (opts.signal?.aborted) break;
      const label = `Reading ${path.basename(source.name)}`;
      opts.onProgress?.(doneBytes, totalBytes, label);
      const file = await readSource(source, tally, { keepPosition, keepStatic, isDuplicate }, (bytes) => opts.onProgress?.(doneBytes + bytes, totalBytes, label), opts.signal);
      files.push(file);
      doneBytes += source.bytes;
    }
    if (opts.signal?.aborted) {
      writer.rollback();
      return summary('cancelled', null);
    }
    if (tally.kept + tally.statics === 0) {
      writer.rollback();
      return summary('done', null);
    }
    opts.onProgress?.(totalBytes, totalBytes, 'Saving');
    const done = summary('done', writer.importId);
    writer.commit(done, `Import AIS: ${tally.kept.toLocaleString('en')} positions, ${tally.statics.toLocaleString('en')} static records (${files.map((f) => path.basename(f.path)).join(', ')})`);
    return done;
  } catch (e) {
    writer?.rollback();
    throw e;
  } finally {
    cleanup();
  }
}

interface Keep {
  keepPosition(t: number, p: DecodedPosition): void;
  keepStatic(t: number, s: DecodedStatic): void;
  isDuplicate(key: string, t: number): boolean;
}

async function readSource(source: Source, tally: Tally, keep: Keep, progress: (bytes: number) => void, signal?: AbortSignal): Promise<AisImportSummary['files'][number]> {
  let format: AisFileFormat | null = null;
  let layout: CsvLayout | null = null;
  const nmea = new NmeaReader();
  let lines = 0;
  let messages = 0;
  let notAis = 0;
  let tooLong = 0;
  const readBefore = tally.read;
  for await (const chunk of linesOf(source)) {
    if (signal?.aborted) break;
    tooLong += chunk.tooLong;
    tally.badOne('line_too_long', chunk.tooLong);
    for (const raw of chunk.lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '') continue;
      lines++;
      if (format === null) {
        layout = csvLayoutOf(line);
        format = layout ? layout.format : 'nmea';
        if (layout) continue;
      }
      if (layout) {
        if (line.startsWith('#') && csvLayoutOf(line)) continue; // a header repeated (files joined)
        tally.read++;
        const row = readCsvRow(line, layout);
        if ('bad' in row) {
          tally.badOne(row.bad);
          continue;
        }
        messages++;
        if (row.position) {
          const p = row.position;
          if (keep.isDuplicate(`${p.mmsi}|${row.t}|${p.lon}|${p.lat}`, row.t)) tally.duplicates++;
          else keep.keepPosition(row.t, p);
        }
        if (row.static) keep.keepStatic(row.t, row.static);
        continue;
      }
      const r = nmea.line(line);
      if (r === null) continue;
      if ('bad' in r) {
        if (r.bad === 'not_ais') notAis++;
        else tally.read++;
        tally.badOne(r.bad);
        continue;
      }
      tally.read++;
      messages++;
      const d = r.decoded;
      if (d.kind === 'bad') {
        tally.badOne(d.reason);
        continue;
      }
      if (keep.isDuplicate(r.payload, r.t)) {
        tally.duplicates++;
        continue;
      }
      if (d.kind === 'position') keep.keepPosition(r.t, d.position);
      if (d.static) keep.keepStatic(r.t, d.static);
    }
    progress(chunk.bytesRead);
  }
  nmea.finish();
  tally.badOne('incomplete_multipart', nmea.incomplete);
  tally.read += nmea.incomplete;
  if (!signal?.aborted && lines + tooLong > 0 && tally.read === readBefore && nmea.incomplete === 0) {
    throw new ImportError(source.name, `${source.name} has no AIS in it: ${notAis + tooLong} line(s), none an AIS sentence (!AIVDM/!AIVDO) or a CSV row with MMSI, time, latitude and longitude.`);
  }
  return { path: source.name, format: format ?? 'nmea', lines: lines + tooLong, messages };
}
