// Records the SHA-256 of every demo scene the generator writes (the file, and its decoded pixels)
// into electron/node/demo/demoImagery.hashes.json, the fixture demoImagery.test.ts checks against:
// the demo imagery must not change by a byte unless on purpose. Run only when it is meant to change:
//   node scripts/demo-imagery-hashes.mjs
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromArrayBuffer } from 'geotiff';
import { writeDemoImagery } from '../electron/node/demo/demoImagery';

const out = path.join(process.env.QW_ROOT ?? process.cwd(), 'electron', 'node', 'demo', 'demoImagery.hashes.json');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-demo-hashes-'));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
try {
  const data = await writeDemoImagery(dir);
  const scenes: Record<string, { file: string; pixels: string }> = {};
  for (const s of data.scenes) {
    const buf = fs.readFileSync(path.join(dir, s.file));
    const tiff = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const rgb = (await (await tiff.getImage()).readRasters({ interleave: true })) as unknown as Uint8Array;
    scenes[s.file] = { file: sha256(buf), pixels: sha256(rgb) };
  }
  // Radar scenes: float32 amplitude planes, hashed as geotiff.js decodes them (band-interleaved, platform byte order).
  const radarScenes: Record<string, { file: string; pixels: string }> = {};
  for (const s of data.radarScenes) {
    const buf = fs.readFileSync(path.join(dir, s.file));
    const tiff = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const amp = (await (await tiff.getImage()).readRasters({ interleave: true })) as unknown as Float32Array;
    radarScenes[s.file] = { file: sha256(buf), pixels: sha256(new Uint8Array(amp.buffer, amp.byteOffset, amp.byteLength)) };
  }
  const fixture = {
    about: 'SHA-256 of each demo scene file and of its decoded RGB pixels (scripts/demo-imagery-hashes.mjs). A change of "file" alone with "pixels" unchanged means the deflate output changed (zlib), not the generator.',
    zlib: process.versions.zlib,
    scenes,
    radarScenes,
  };
  fs.writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`wrote ${Object.keys(scenes).length} optical and ${Object.keys(radarScenes).length} radar scene hashes to ${out}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
