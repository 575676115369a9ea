// The product build carries no test hook: `window.__quaywatch` lets any script in the page read the
// store and move the map, so only the test build (npm test, e2e, the benchmarks) may install it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script, no type declarations
import { buildRenderer, nodeEntryOptions } from './build.mjs';
import { build as esbuild } from 'esbuild';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function rendererScripts(testHooks: boolean): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-build-'));
  dirs.push(outDir);
  await buildRenderer({ testHooks, outDir });
  const assets = path.join(outDir, 'assets');
  return fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(assets, f), 'utf8'))
    .join('\n');
}

describe('the renderer build', () => {
  it('installs the test hook and its map probes only in the test build', async () => {
    const product = await rendererScripts(false);
    expect(product).not.toContain('__quaywatch');
    expect(product).not.toContain('firstRenderAt'); // a MapProbes method: the class is dropped too
    const test = await rendererScripts(true);
    expect(test).toContain('__quaywatch');
    expect(test).toContain('firstRenderAt');
  }, 120_000);
});

describe('the host bundle', () => {
  it('loads every module it loads lazily with require: the code-cached host has no import() (the OS keyring, fonts, video)', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-build-'));
    dirs.push(outDir);
    const options = nodeEntryOptions('electron/host/main.ts', 'dist/electron/hostApp.cjs');
    await esbuild({ ...options, outfile: path.join(outDir, 'hostApp.cjs'), sourcemap: false });
    const code = fs.readFileSync(path.join(outDir, 'hostApp.cjs'), 'utf8');
    expect(code).toContain('require("@napi-rs/keyring")');
    for (const mod of options.external as string[]) expect(code).not.toContain(`import("${mod}`);
  }, 120_000);
});
