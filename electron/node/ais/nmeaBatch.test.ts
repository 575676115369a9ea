// A chunk read at once (readNmeaBatch: a sentence repeated within the chunk is decoded once, its numbers
// copied, its receive time its own) against each of its lines read alone by the reader (NmeaReader):
// the same position reports, in the same order, on the generator's log with its second station's copies.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../testing/tmp';
import { KeepArea } from './area';
import { PORT_AOI, writeNmeaLog } from './fixtures/generate';
import { NmeaReader } from './nmea';
import { POSITION_WIDTH, readNmeaBatch } from './nmeaBatch';

const nullOf = (v: number) => (Number.isNaN(v) ? null : v);

describe('readNmeaBatch', () => {
  it('gives each repeated sentence the numbers of its first reading and its own receive time', () => {
    const tmp = tempDir('qw-ais-batch-');
    try {
      const file = path.join(tmp.dir, 'rajin.nmea');
      writeNmeaLog(file, { stepMin: 3 });
      const text = fs.readFileSync(file, 'utf8');
      const area = new KeepArea([PORT_AOI], 30);

      // Each line alone, through the reader: its single-part position reports.
      const reader = new NmeaReader();
      const expected: unknown[][] = [];
      const sentences = new Map<string, number>();
      let repeats = 0;
      for (const line of text.split('\n')) {
        const r = reader.line(line.replace(/\r$/, ''));
        if (r === null || 'bad' in r || r.decoded.kind !== 'position' || r.decoded.static) continue;
        if (!line.includes('!AIVDM,1,1,')) continue;
        const sentence = line.slice(line.indexOf('!'));
        if (sentences.has(sentence)) repeats++;
        sentences.set(sentence, 1);
        const p = r.decoded.position;
        expected.push([r.t, p.mmsi, p.lon, p.lat, p.sog, p.cog, p.heading, p.navStatus, area.contains(p.lon, p.lat), r.payload]);
      }
      // The log repeats sentences (a second station hears them): what the copy is tested on.
      expect(repeats).toBeGreaterThan(100);

      const b = readNmeaBatch(text, area);
      const got: unknown[][] = [];
      let from = 0;
      for (let i = 0; i < b.inside.length; i++) {
        const v = Array.from(b.positions.subarray(i * POSITION_WIDTH, (i + 1) * POSITION_WIDTH), (x, k) => (k < 4 ? x : nullOf(x)));
        got.push([...v, b.inside[i] === 1, b.payloads.slice(from, b.payloadEnds[i])]);
        from = b.payloadEnds[i]!;
      }
      expect(got.length).toBe(expected.length);
      expect(got).toEqual(expected);
    } finally {
      tmp.cleanup();
    }
  });
});
