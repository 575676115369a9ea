// Extracts a zip (a Planet order delivery) refusing what could hurt: entries that climb out of
// the target (../, absolute paths, drive letters), symlinks, and zip bombs (entry count, total size
// against a fixed cap and the target disk's free space, and compression ratio per entry and over the
// whole archive, all checked before a byte is written; actual sizes checked while writing).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { ImportError } from './common';

export interface ZipLimits {
  /** Total uncompressed bytes the archive may declare, whatever the free space. */
  maxTotalBytes: number;
  /** Largest compression ratio allowed for an entry bigger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Largest ratio of the whole archive (all entries against the zip's size) once it unpacks to more than `totalRatioFloorBytes`. */
  maxTotalRatio: number;
  totalRatioFloorBytes: number;
  maxEntries: number;
  /** Free space left on the target's disk after unpacking, for the project's own writes. */
  keepFreeBytes: number;
}

/**
 * GeoTIFFs and masks are compressed already, and metadata JSON/XML shrinks ~10-fold: a ratio of
 * 200 is far beyond any real order, so thousands of small entries of zeros (each under a per-entry
 * floor, together gigabytes) are refused by the ratio over the whole archive, and by free space.
 * A 500-item order has ~1,500 files; 20,000 leaves room for the largest orders Planet delivers.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 64 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 64 * 1024,
  maxTotalRatio: 200,
  totalRatioFloorBytes: 64 * 1024 ** 2,
  maxEntries: 20_000,
  keepFreeBytes: 256 * 1024 ** 2,
};

const MiB = 1024 ** 2;
/** Sizes in the unit a user reads on their disk: "3.2 GB", "850 MB". */
function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= MiB) return `${Math.round(bytes / MiB)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** Free bytes on the disk `dir` will be created on, measured at its nearest existing folder (it may not exist yet). */
function freeSpaceFor(dir: string): { folder: string; free: number } {
  let folder = path.resolve(dir);
  while (!fs.existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  const s = fs.statfsSync(folder);
  return { folder, free: s.bavail * s.bsize };
}

interface Entry {
  name: string;
  entry: yauzl.Entry;
}

function open(zipFile: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    // decodeStrings:false: we validate names ourselves, to name the bad entry in the message.
    yauzl.open(zipFile, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('cannot open')) : resolve(zip),
    ),
  );
}

/** Why an entry name is refused, or null when it is a plain relative path. */
export function unsafeEntryReason(name: string): string | null {
  if (name.includes('\0')) return 'its name contains a NUL byte';
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name)) return 'it has an absolute path';
  const parts = name.split(/[\\/]+/);
  if (parts.includes('..')) return 'its path climbs out of the order folder (../)';
  return null;
}

export interface ExtractOptions {
  /** Called after each entry is written: a large order unpacks for minutes, so the bar must move. */
  onProgress?: (done: number, total: number) => void;
  /** Stops between entries; what was written is removed and an ImportError says so. */
  signal?: AbortSignal;
}

/** Lists and checks every entry, then extracts into `targetDir` (created; removed again on failure or cancel). */
export async function extractZipSafely(zipFile: string, targetDir: string, limitsGiven: Partial<ZipLimits> = DEFAULT_ZIP_LIMITS, opts: ExtractOptions = {}): Promise<void> {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limitsGiven };
  const zipName = path.basename(zipFile);
  let zip: yauzl.ZipFile;
  try {
    zip = await open(zipFile);
  } catch (e) {
    throw new ImportError(zipFile, `${zipName} is not a readable zip file (${(e as Error).message}).`);
  }
  try {
    const entries: Entry[] = [];
    let total = 0;
    const zipBytes = Math.max(1, zip.fileSize);
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const raw = entry.fileName as unknown as Buffer;
        const name = raw.toString('utf8');
        const fail = (why: string) => reject(new ImportError(zipFile, `${zipName} was refused: entry "${name}" ${why}. Nothing was imported.`));
        const unsafe = unsafeEntryReason(name);
        if (unsafe) return fail(unsafe);
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        if (mode === 0o120000) return fail('is a symbolic link');
        if (entries.length >= limits.maxEntries) return fail(`exceeds the limit of ${limits.maxEntries} entries`);
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) return fail(`takes the archive past ${limits.maxTotalBytes} bytes uncompressed (a zip bomb?)`);
        if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
          return fail(`expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}-fold (more than ${limits.maxRatio}: a zip bomb?)`);
        }
        // Many entries each under the floor add up: the archive as a whole must not expand absurdly either.
        if (total > limits.totalRatioFloorBytes && total / zipBytes > limits.maxTotalRatio) {
          return fail(
            `takes the archive to ${size(total)} from a ${size(zipBytes)} zip, more than ${limits.maxTotalRatio}-fold (a zip bomb?)`,
          );
        }
        entries.push({ name, entry });
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (e: Error) => reject(new ImportError(zipFile, `${zipName} is damaged: ${e.message}. Nothing was imported.`)));
      zip.readEntry();
    });

    // Checked against the disk it unpacks to, so an order can never fill that disk (and the project's WAL with it).
    const { folder, free } = freeSpaceFor(targetDir);
    if (total + limits.keepFreeBytes > free) {
      throw new ImportError(
        zipFile,
        `${zipName} was refused: it unpacks to ${size(total)} but only ${size(Math.max(0, free - limits.keepFreeBytes))} can be used on the disk of ${folder} ` +
          `(${size(free)} free, ${size(limits.keepFreeBytes)} kept for the project). Free some space, or unpack the order elsewhere and import its folder. Nothing was imported.`,
      );
    }

    fs.mkdirSync(targetDir, { recursive: true });
    const root = path.resolve(targetDir);
    try {
      let done = 0;
      opts.onProgress?.(0, entries.length);
      for (const { name, entry } of entries) {
        if (opts.signal?.aborted) throw new ImportError(zipFile, `Import of ${zipName} was cancelled; nothing was imported.`);
        const dest = path.resolve(root, name);
        if (!dest.startsWith(root + path.sep) && dest !== root) {
          throw new ImportError(zipFile, `${zipName} was refused: entry "${name}" would be written outside the order folder. Nothing was imported.`);
        }
        if (name.endsWith('/')) {
          fs.mkdirSync(dest, { recursive: true });
          opts.onProgress?.(++done, entries.length);
          continue;
        }
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
          zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))),
        );
        // Never trust the declared size alone: count what really comes out.
        let written = 0;
        const guard = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            written += chunk.length;
            if (written > entry.uncompressedSize) cb(new Error('more data than declared'));
            else cb(null, chunk);
          },
        });
        try {
          await pipeline(stream, guard, fs.createWriteStream(dest, { flags: 'wx' }));
        } catch (e) {
          throw new ImportError(zipFile, `${zipName}: entry "${name}" cannot be extracted (${(e as Error).message}). Nothing was imported.`);
        }
        opts.onProgress?.(++done, entries.length);
      }
    } catch (e) {
      fs.rmSync(root, { recursive: true, force: true });
      throw e;
    }
  } finally {
    zip.close();
  }
}
