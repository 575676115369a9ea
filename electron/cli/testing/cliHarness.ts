// Test helpers for the CLI: run it in-process, hash project files, and write small input files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../quaywatch';

export interface CliRun {
  code: number;
  out: string;
  err: string[];
}

export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err };
}

/** As `cli`, its error lines joined as one text (a refusal is one line: tests compare it whole). */
export async function cliText(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await cli(...argv);
  return { ...r, err: r.err.join('\n') };
}

/** The project file's bytes, hashed: equal before and after means untouched. */
export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function writeFile(dir: string, name: string, content: string | object): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

/** A closed rectangle polygon in lon/lat. */
export function rect(lon0: number, lat0: number, lon1: number, lat1: number) {
  return { type: 'Polygon', coordinates: [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]] };
}

export function featureCollection(features: { geometry: unknown; properties: Record<string, unknown> }[]) {
  return { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) };
}
