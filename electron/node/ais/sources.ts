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
import { MAX_LINE } from './lines';


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

export interface TextChunk {
  /** Whole lines (without the '\n' after the last): a line is never cut between two chunks. */
  text: string;
  /** Lines skipped for being longer than MAX_LINE while they spanned chunks (splitLines counts the others). */
  tooLong: number;
  /** Bytes of the file (compressed, for .gz) read so far. */
  bytesRead: number;
}

/**
 * The file's text, a chunk of whole lines at a time (about `chunkBytes`: split with splitLines). A file whose
 * first bytes hold NUL bytes is not text and is refused; a .gz that is not gzip is refused with its name.
 */
export async function* textChunksOf(source: Source, chunkBytes = 1024 * 1024): AsyncGenerator<TextChunk> {
  const raw = fs.createReadStream(source.file, { highWaterMark: chunkBytes });
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
      let text = decoder.write(buf);
      let tooLong = 0;
      if (skipping) {
        // The rest of a line too long to keep: skipped up to its end.
        const nl = text.indexOf('\n');
        if (nl < 0) continue;
        skipping = false;
        text = text.slice(nl + 1);
      } else text = carry + text;
      // The last piece continues in the next chunk.
      const last = text.lastIndexOf('\n');
      carry = last < 0 ? text : text.slice(last + 1);
      if (carry.length > MAX_LINE) {
        carry = '';
        skipping = true;
        tooLong++;
      }
      yield { text: last < 0 ? '' : text.slice(0, last), tooLong, bytesRead: raw.bytesRead };
    }
    const rest = carry + decoder.end();
    if (!skipping && rest) yield { text: rest, tooLong: 0, bytesRead: raw.bytesRead };
  } catch (e) {
    if (e instanceof ImportError) throw e;
    if (source.gzip && (e as { code?: string }).code?.startsWith('Z_')) throw new ImportError(source.name, `${source.name} is not a readable gzip file (${(e as Error).message}).`);
    throw new ImportError(source.name, `${source.name} could not be read (${(e as Error).message}).`);
  } finally {
    raw.destroy();
  }
}
