// Runs a CommonJS bundle through V8's code cache, so a start after the first does not compile it again.
// Compiling the host's 2.5 MB bundle, and then each function the first requests run, takes ~50-60 ms of
// every start (Node 20 has no built-in cache: module.enableCompileCache is Node 22). The cache is V8's own
// (vm.Script cachedData), kept in the data folder, and is only ever an accelerator:
// - its file is named by the bundle's SHA-256 (and V8's version and the CPU's architecture): a rebuilt or
//   updated app never runs code cached for another bundle (V8 itself checks only the source's length);
// - its content is checked against a SHA-256 written before it: a truncated or damaged file is ignored
//   (and replaced), never handed to V8, which does not verify the data it is given in a release build;
// - it is written whole to a temporary name and then renamed, so a crash or a second instance never
//   leaves half a file under the real name; the caches of other builds are removed then;
// - when there is no cache, or V8 refuses it (other flags), the bundle compiles as usual, and the cache is
//   written a few seconds later (the first requests' functions are compiled by then and go in too) or
//   when the process exits, whichever comes first. Any failure to read or write it is ignored.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** How long after the start the cache is written: the page's first requests have run their code by then. */
const SAVE_AFTER_MS = 4000;
const DIGEST_BYTES = 32;

export interface CachedRun {
  /** The bundle's module.exports. */
  exports: unknown;
  /** True when this run's code came from the cache (nothing of the bundle was compiled up front). */
  fromCache: boolean;
  /** Writes the cache now, if this run has to (no usable cache was there); later calls do nothing. */
  save(): void;
}

/**
 * Runs `bundleFile` as Node would require it (its own module, `require` relative to it, `__dirname` its
 * folder), its compiled code kept in `cacheDir`.
 */
export function runWithCodeCache(bundleFile: string, cacheDir: string, opts: { saveAfterMs?: number } = {}): CachedRun {
  const source = fs.readFileSync(bundleFile, 'utf8');
  const key = createHash('sha256').update(source).update(`\0${process.versions.v8}\0${process.arch}`).digest('hex').slice(0, 32);
  const base = path.basename(bundleFile, path.extname(bundleFile));
  const cacheFile = path.join(cacheDir, `${base}-${key}.v8cache`);
  const cached = readChecked(cacheFile);
  // The wrapper Node puts around every CommonJS module, so the bundle sees the same five names.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundleFile,
    ...(cached && { cachedData: cached }),
  });
  const fromCache = cached !== null && !script.cachedDataRejected;

  const mod = new Module(bundleFile);
  mod.filename = bundleFile;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundleFile));
  const wrapper = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: Module, f: string, d: string) => void;

  let saved = fromCache;
  const save = () => {
    if (saved) return;
    saved = true;
    try {
      const data = script.createCachedData();
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat([createHash('sha256').update(data).digest(), data]));
      fs.renameSync(tmp, cacheFile);
      for (const f of fs.readdirSync(cacheDir)) {
        if (f.startsWith(`${base}-`) && f.endsWith('.v8cache') && path.join(cacheDir, f) !== cacheFile) fs.rmSync(path.join(cacheDir, f), { force: true });
      }
    } catch {
      // A read-only or full data folder: the next start compiles, as it would without a cache.
    }
  };
  if (!saved) {
    setTimeout(save, opts.saveAfterMs ?? SAVE_AFTER_MS).unref();
    process.once('exit', save);
  }
  wrapper.call(mod.exports, mod.exports, createRequire(bundleFile), mod, bundleFile, path.dirname(bundleFile));
  mod.loaded = true;
  return { exports: mod.exports, fromCache, save };
}

/** The cache's data if its file is whole and unchanged since it was written, else null. */
function readChecked(file: string): Buffer | null {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch {
    return null;
  }
  if (raw.length <= DIGEST_BYTES) return null;
  const data = raw.subarray(DIGEST_BYTES);
  return createHash('sha256').update(data).digest().equals(raw.subarray(0, DIGEST_BYTES)) ? data : null;
}
