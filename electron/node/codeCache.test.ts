// The host's code cache: a start after the first runs the bundle from it; a rebuilt bundle, or a cache
// file damaged or cut short, is never run (the bundle compiles as without a cache, and the cache is
// written anew); the bundle sees what Node's require gives a module. Each "start" runs a copy of the
// bundle at its own path, as V8 would otherwise reuse the script compiled by the previous one in this process.
import fs from 'node:fs';
import path from 'node:path';
import { runWithCodeCache } from './codeCache';
import { tempDir } from '../testing/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir('qw-code-cache-')));
afterEach(() => tmp.cleanup());

// Functions enough for V8 to cache, one requiring a file beside the bundle; `answer` says which build ran.
const bundleSource = (answer: number) => `"use strict";
const dep = require('./dep.cjs');
function area(w, h) { return w * h; }
function label(n) { return 'scene ' + String(n).padStart(3, '0'); }
module.exports = { answer: ${answer}, dep: dep.value, dir: __dirname, file: __filename, area: area(3, 4), label: label(7) };
`;

let starts = 0;
/** One start: the bundle (this source) copied to a folder of its own, run with the one cache folder. */
function start(source: string) {
  const dir = path.join(tmp.dir, `app${++starts}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'dep.cjs'), 'exports.value = "beside";');
  const bundle = path.join(dir, 'hostApp.cjs');
  fs.writeFileSync(bundle, source);
  const run = runWithCodeCache(bundle, cacheDir(), { saveAfterMs: 60_000 });
  return { ...run, exports: run.exports as Record<string, unknown>, bundle, dir };
}
const cacheDir = () => path.join(tmp.dir, 'code-cache');
const cacheFiles = () => (fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()) : []);

it('runs a start after the first from the cache, the bundle seeing its own folder and what lies beside it', () => {
  const first = start(bundleSource(1));
  expect(first.fromCache).toBe(false);
  expect(first.exports).toEqual({ answer: 1, dep: 'beside', dir: first.dir, file: first.bundle, area: 12, label: 'scene 007' });
  first.save();
  expect(cacheFiles()).toHaveLength(1);

  const second = start(bundleSource(1));
  expect(second.fromCache).toBe(true);
  expect(second.exports).toEqual({ answer: 1, dep: 'beside', dir: second.dir, file: second.bundle, area: 12, label: 'scene 007' });
});

it('never runs the cache of another build, even one of the same length, and keeps only the current build cached', () => {
  start(bundleSource(1)).save();
  const rebuilt = start(bundleSource(2));
  expect(rebuilt.fromCache).toBe(false);
  expect(rebuilt.exports.answer).toBe(2);
  rebuilt.save();
  expect(cacheFiles()).toHaveLength(1);
  expect(start(bundleSource(2))).toMatchObject({ fromCache: true, exports: { answer: 2 } });
});

it('ignores a cache file damaged or cut short, and writes it anew', () => {
  start(bundleSource(1)).save();
  const [name] = cacheFiles();
  const file = path.join(cacheDir(), name!);
  const good = fs.readFileSync(file);
  for (const bad of [Buffer.concat([good.subarray(0, good.length - 1), Buffer.from([good[good.length - 1]! ^ 0xff])]), good.subarray(0, good.length >> 1), Buffer.alloc(0)]) {
    fs.writeFileSync(file, bad);
    const run = start(bundleSource(1));
    expect(run.fromCache).toBe(false);
    expect(run.exports).toMatchObject({ answer: 1, area: 12, label: 'scene 007' });
    run.save();
    expect(fs.readFileSync(file).equals(bad)).toBe(false);
    expect(start(bundleSource(1)).fromCache).toBe(true);
  }
});
