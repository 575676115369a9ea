// The faster GetInt (decoder.ts) against ggencoder's own, on every field layout the library reads and on
// random payloads, and whole position reports decoded through both: the same numbers.
import ggencoder from 'ggencoder';
import { mulberry32 } from '../../../shared/prng';
import { CheckedAisDecode, decodeMessage } from './decoder';
import { VESSELS } from './fixtures/generate';

const { AisDecode, AisEncode } = ggencoder;
const ARMOUR = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';

/** A sentence around a payload, its checksum right (CheckedAisDecode does not look at it). */
const sentenceOf = (payload: string) => `!AIVDM,1,1,,A,${payload},0*00`;

/** ggencoder's decoder with its own GetInt (only the checksum test skipped, as in decoder.ts). */
class LibraryGetInt extends AisDecode {
  override validateChecksum(): boolean {
    return true;
  }
}

describe('CheckedAisDecode.GetInt', () => {
  it('reads every bit range of random payloads as the library does, signed and unsigned', () => {
    const rnd = mulberry32(7);
    for (let k = 0; k < 60; k++) {
      const length = 1 + Math.floor(rnd() * 40);
      const payload = Array.from({ length }, () => ARMOUR[Math.floor(rnd() * 64)]).join('');
      const ours = new CheckedAisDecode(sentenceOf(payload));
      const theirs = new LibraryGetInt(sentenceOf(payload));
      // Ranges that run past the payload too (the library reads zeros there).
      for (let start = 0; start < length * 6 + 8; start += 1 + Math.floor(rnd() * 5)) {
        for (const len of [1, 2, 4, 6, 7, 9, 10, 12, 27, 28, 30, 32, 1 + Math.floor(rnd() * 33)]) {
          for (const signed of [false, true]) {
            expect(ours.GetInt(start, len, signed), `${payload} ${start}+${len}${signed ? ' signed' : ''}`).toBe(theirs.GetInt(start, len, signed));
          }
        }
      }
    }
  });

  it('decodes position reports to the same fields as the library', () => {
    const rnd = mulberry32(11);
    for (let k = 0; k < 2000; k++) {
      const v = VESSELS[k % VESSELS.length]!;
      const aistype = v.classB ? 18 : 1 + (k % 3);
      const lon = (rnd() - 0.5) * 360;
      const lat = (rnd() - 0.5) * 180;
      const nmea = new AisEncode({ aistype, mmsi: v.mmsi, navstatus: k % 16, sog: rnd() * 103, cog: rnd() * 360, lon, lat, hdg: Math.floor(rnd() * 512), utc: k % 60 }).nmea;
      const ours = new CheckedAisDecode(nmea);
      const theirs = new LibraryGetInt(nmea);
      for (const field of ['aistype', 'mmsi', 'valid', 'lon', 'lat', 'sog', 'cog', 'hdg', 'navstatus'] as const) expect(ours[field], `${nmea} ${field}`).toEqual(theirs[field]);
      const payload = nmea.split(',')[5]!;
      expect(decodeMessage(nmea, payload, 0).kind).toBe(theirs.valid && !(theirs.lon === 0 && theirs.lat === 0) ? 'position' : 'bad');
    }
  });
});
