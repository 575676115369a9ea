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
import { lineOf, splitLines } from './lines';
import { NmeaReader, type NmeaLineResult } from './nmea';
import { RecentMessages } from './recentMessages';
import { POSITION_WIDTH, RECORD_MESSAGE, RECORD_POSITION, type NmeaBatch } from './nmeaBatch';
import { NmeaDecoding, type NmeaDecodingOptions } from './nmeaDecoding';
import { sourcesOf, textChunksOf, type Source } from './sources';
import type { AisBadReason, AisFileFormat, AisImportSummary } from './types';

export interface AisImportOptions {
  bufferKm: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Where NMEA is decoded (worker threads beside the bundle, by default): tests and benchmarks name the worker. */
  decoding?: NmeaDecodingOptions;
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
  const polygons = keepPolygons(store.sites(), store.zones(), store.scenes());
  const area = new KeepArea(polygons, opts.bufferKm);
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
  // Started at the first NMEA chunk (a CSV import needs no threads), stopped when the import ends.
  let decoding: NmeaDecoding | null = null;
  const decoder = () => (decoding ??= new NmeaDecoding(polygons, opts.bufferKm, opts.decoding));
  try {
    writer = AisImportWriter.begin(store);
    const w = writer;
    const recent = new RecentMessages(DUPLICATE_WINDOW_MS, DUPLICATE_MEMORY);
    // Per MMSI: the identity (name and IMO) it last sent, and the records kept since it began sending it.
    const staticsSeen = new Map<number, { identity: string; records: Set<string> }>();
    const isDuplicate = (key: string, t: number, hash?: number): boolean => recent.isDuplicate(key, t, hash);
    const keepPosition = (t: number, p: DecodedPosition) => {
      if (!area.contains(p.lon, p.lat)) {
        tally.outside++;
        return;
      }
      tally.kept++;
      tally.seen(p.mmsi, t);
      w.position(t, p);
    };
    // A position a decoding thread read and placed: its numbers as the batch holds them (NaN = null).
    const keepPositionAt = (b: NmeaBatch, i: number) => {
      if (!b.inside[i]) {
        tally.outside++;
        return;
      }
      const o = i * POSITION_WIDTH;
      const v = b.positions;
      tally.kept++;
      tally.seen(v[o + 1]!, v[o]!);
      w.positionRow(v[o]!, v[o + 1]!, v[o + 2]!, v[o + 3]!, v[o + 4]!, v[o + 5]!, v[o + 6]!, v[o + 7]!);
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
      const file = await readSource(
        source,
        tally,
        { keepPosition, keepPositionAt, keepStatic, isDuplicate },
        decoder,
        (bytes) => opts.onProgress?.(doneBytes + bytes, totalBytes, label),
        opts.signal,
        opts.decoding?.chunkBytes,
      );
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
    // Saving takes a while after a large read (the position indexes are built once, here): a cancel
    // that arrives meanwhile is heard between its steps, and still leaves nothing written.
    for (const step of writer.finishingSteps()) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (opts.signal?.aborted) break;
      step();
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (opts.signal?.aborted) {
      writer.rollback();
      return summary('cancelled', null);
    }
    const done = summary('done', writer.importId);
    writer.commit(done, `Import AIS: ${tally.kept.toLocaleString('en')} positions, ${tally.statics.toLocaleString('en')} static records (${files.map((f) => path.basename(f.path)).join(', ')})`);
    return done;
  } catch (e) {
    writer?.rollback();
    throw e;
  } finally {
    await (decoding as NmeaDecoding | null)?.close();
    cleanup();
  }
}

/** Chunks being read ahead by the decoding threads: two each keeps every thread busy, and memory flat. */
const IN_FLIGHT_PER_THREAD = 2;

interface Keep {
  keepPosition(t: number, p: DecodedPosition): void;
  keepPositionAt(b: NmeaBatch, i: number): void;
  keepStatic(t: number, s: DecodedStatic): void;
  /** `hash`: the key's keyHash when a decoding thread computed it. */
  isDuplicate(key: string, t: number, hash?: number): boolean;
}

async function readSource(
  source: Source,
  tally: Tally,
  keep: Keep,
  decoder: () => NmeaDecoding,
  progress: (bytes: number) => void,
  signal?: AbortSignal,
  chunkBytes?: number,
): Promise<AisImportSummary['files'][number]> {
  let format: AisFileFormat | null = null;
  let layout: CsvLayout | null = null;
  let csvHeader = false;
  const nmea = new NmeaReader();
  /** Lines the NMEA reader has been given or told of (what it counts to give up fragments). */
  let nmeaLines = 0;
  let lines = 0;
  let messages = 0;
  let notAis = 0;
  let tooLong = 0;
  const readBefore = tally.read;
  const countTooLong = (n: number) => {
    tooLong += n;
    tally.badOne('line_too_long', n);
  };

  const readCsvLine = (line: string, csv: CsvLayout) => {
    lines++;
    if (csvHeader) {
      csvHeader = false;
      return;
    }
    if (line.startsWith('#') && csvLayoutOf(line)) return; // a header repeated (files joined)
    tally.read++;
    const row = readCsvRow(line, csv);
    if ('bad' in row) {
      tally.badOne(row.bad);
      return;
    }
    messages++;
    if (row.position) {
      const p = row.position;
      if (keep.isDuplicate(`${p.mmsi}|${row.t}|${p.lon}|${p.lat}`, row.t)) tally.duplicates++;
      else keep.keepPosition(row.t, p);
    }
    if (row.static) keep.keepStatic(row.t, row.static);
  };

  /** What the reader answered for a line it read itself. */
  const readNmea = (r: NmeaLineResult) => {
    if (r === null) return;
    if ('bad' in r) {
      if (r.bad === 'not_ais') notAis++;
      else tally.read++;
      tally.badOne(r.bad);
      return;
    }
    tally.read++;
    messages++;
    const d = r.decoded;
    if (d.kind === 'bad') {
      tally.badOne(d.reason);
      return;
    }
    if (keep.isDuplicate(r.payload, r.t)) {
      tally.duplicates++;
      return;
    }
    if (d.kind === 'position') keep.keepPosition(r.t, d.position);
    if (d.static) keep.keepStatic(r.t, d.static);
  };

  /** A chunk read ahead (nmeaBatch.ts), taken in the log's order: its counts, its positions, its lines for the reader. */
  const applyBatch = (b: NmeaBatch) => {
    countTooLong(b.tooLong);
    lines += b.lines;
    notAis += b.notAis;
    messages += b.messages;
    tally.read += b.read;
    for (const [reason, n] of Object.entries(b.bad)) tally.badOne(reason as AisBadReason, n);
    let position = 0;
    let message = 0;
    let line = 0;
    let payloadStart = 0;
    for (let k = 0; k < b.kinds.length; k++) {
      const kind = b.kinds[k];
      if (kind === RECORD_POSITION) {
        const payloadEnd = b.payloadEnds[position]!;
        if (keep.isDuplicate(b.payloads.slice(payloadStart, payloadEnd), b.positions[position * POSITION_WIDTH]!, b.payloadHashes[position])) tally.duplicates++;
        else keep.keepPositionAt(b, position);
        payloadStart = payloadEnd;
        position++;
      } else if (kind === RECORD_MESSAGE) {
        readNmea(b.decoded[message++]!);
      } else {
        const station = b.lineStation[line];
        if (station !== null && station !== undefined) nmea.lastStation = station;
        nmea.skipTo(nmeaLines + b.lineAt[line]!);
        readNmea(nmea.line(b.lineTexts[line]!));
        line++;
      }
    }
    nmeaLines += b.lines;
    nmea.skipTo(nmeaLines);
    if (b.lastStation !== null) nmea.lastStation = b.lastStation;
  };

  const ahead: { batch: Promise<NmeaBatch>; bytesRead: number }[] = [];
  const takeAhead = async (leave: number) => {
    while (ahead.length > leave && !signal?.aborted) {
      const next = ahead.shift()!;
      applyBatch(await next.batch);
      progress(next.bytesRead);
    }
  };

  for await (const chunk of textChunksOf(source, chunkBytes)) {
    if (signal?.aborted) break;
    countTooLong(chunk.tooLong);
    if (format === null) {
      // The first line that is not blank says what the file is.
      const split = splitLines(chunk.text);
      const first = split.lines.map(lineOf).find((l) => l !== null);
      if (first === undefined) {
        countTooLong(split.tooLong);
        progress(chunk.bytesRead);
        continue;
      }
      layout = csvLayoutOf(first);
      format = layout ? layout.format : 'nmea';
      csvHeader = layout !== null;
    }
    if (layout) {
      const split = splitLines(chunk.text);
      countTooLong(split.tooLong);
      for (const raw of split.lines) {
        const line = lineOf(raw);
        if (line !== null) readCsvLine(line, layout);
      }
      progress(chunk.bytesRead);
      continue;
    }
    const decoding = decoder();
    const batch = decoding.read(chunk.text);
    batch.catch(() => {}); // taken (and its failure thrown) in order, below
    ahead.push({ batch, bytesRead: chunk.bytesRead });
    await takeAhead(IN_FLIGHT_PER_THREAD * Math.max(1, decoding.threads) - 1);
  }
  await takeAhead(0);
  nmea.finish();
  tally.badOne('incomplete_multipart', nmea.incomplete);
  tally.read += nmea.incomplete;
  if (!signal?.aborted && lines + tooLong > 0 && tally.read === readBefore && nmea.incomplete === 0) {
    throw new ImportError(source.name, `${source.name} has no AIS in it: ${notAis + tooLong} line(s), none an AIS sentence (!AIVDM/!AIVDO) or a CSV row with MMSI, time, latitude and longitude.`);
  }
  return { path: source.name, format: format ?? 'nmea', lines: lines + tooLong, messages };
}
