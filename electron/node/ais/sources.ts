// The files an AIS import reads, as text lines, streamed (never a whole file in memory): plain, .gz,
// or the entries of a .zip (unpacked by imagery/safeZip.ts, which refuses bombs and climbing paths,
// into a temporary folder removed afterwards). A line longer than any AIS line is skipped, never held.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { ImportError } from '../imagery/common';
import { extractZipSafely } from '../imagery/safeZip';

/** Longer than any NMEA sentence with tag blocks (~300) or DMA CSV row (~400): anything longer is not AIS. */
export const MAX_LINE = 64 * 1024;

export interface Source {
  /** As the user knows it: the path given, or zip/entry. */
  name: string;
  file: string;
  gzip: boolean;
  bytes: number;
}

/** Expands the paths given (files and .zip archives) into the files to read; `cleanup` removes unpacked zips. */
export async function sourcesOf(paths: readonly string[], signal?: AbortSignal): Promise<{ sources: Source[]; cleanup: () => void }> {
  const temps: string[] = [];
  const cleanup = () => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  const sources: Source[] = [];
  try {
    for (const p of paths) {
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch {
        throw new ImportError(p, `${p} was not found.`);
      }
      if (!st.isFile()) throw new ImportError(p, `${p} is not a file (give the log files themselves, or a .zip of them).`);
      if (/\.zip$/i.test(p)) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-ais-zip-'));
        temps.push(dir);
        await extractZipSafely(p, dir, { maxEntries: 1000 }, { signal });
        for (const f of walk(dir).sort()) {
          const rel = path.relative(dir, f).split(path.sep).join('/');
          if (/(^|\/)(__MACOSX|\.)/.test(rel)) continue;
          sources.push({ name: `${p}/${rel}`, file: f, gzip: /\.gz$/i.test(f), bytes: fs.statSync(f).size });
        }
      } else sources.push({ name: p, file: p, gzip: /\.gz$/i.test(p), bytes: st.size });
    }
    return { sources, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const f = path.join(dir, d.name);
    return d.isDirectory() ? walk(f) : d.isFile() ? [f] : [];
  });
}

export interface LineChunk {
  lines: string[];
  /** Lines skipped for being longer than MAX_LINE, in this chunk. */
  tooLong: number;
  /** Bytes of the file (compressed, for .gz) read so far. */
  bytesRead: number;
}

/**
 * The file's lines, a chunk at a time. A file whose first bytes hold NUL bytes is not text and is
 * refused; a .gz that is not gzip is refused with its name.
 */
export async function* linesOf(source: Source): AsyncGenerator<LineChunk> {
  const raw = fs.createReadStream(source.file, { highWaterMark: 1024 * 1024 });
  const stream = source.gzip ? raw.pipe(zlib.createGunzip()) : raw;
  raw.on('error', (e) => stream.destroy(e));
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let skipping = false;
  let first = true;
  try {
    for await (const buf of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (buf.subarray(0, 4096).includes(0)) throw new ImportError(source.name, `${source.name} is not a text file: an AIS log is NMEA sentences or CSV.`);
      }
      const text = decoder.write(buf);
      const lines = text.split('\n');
      let tooLong = 0;
      // The first piece continues the previous chunk's last line.
      if (skipping) {
        if (lines.length > 1) {
          skipping = false;
          lines[0] = '';
        } else continue;
      } else lines[0] = carry + lines[0]!;
      carry = lines.pop()!;
      if (carry.length > MAX_LINE) {
        carry = '';
        skipping = true;
        tooLong++;
      }
      for (let i = 0; i < lines.length; i++) {
        if (lines[i]!.length > MAX_LINE) {
          lines[i] = '';
          tooLong++;
        }
      }
      yield { lines, tooLong, bytesRead: raw.bytesRead };
    }
    const rest = carry + decoder.end();
    if (!skipping && rest) yield { lines: [rest], tooLong: rest.length > MAX_LINE ? 1 : 0, bytesRead: raw.bytesRead };
  } catch (e) {
    if (e instanceof ImportError) throw e;
    if (source.gzip && (e as { code?: string }).code?.startsWith('Z_')) throw new ImportError(source.name, `${source.name} is not a readable gzip file (${(e as Error).message}).`);
    throw new ImportError(source.name, `${source.name} could not be read (${(e as Error).message}).`);
  } finally {
    raw.destroy();
  }
}
