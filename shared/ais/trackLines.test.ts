// AIS tracks as lines for the exports: one per MMSI and UTC day, broken at AIS gaps (a dark spell is not a passage).
import { buildTrackIndex } from './track';
import { aisTrackLines } from './trackLines';
import type { AisPosition } from './types';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const MIN = 60_000;
const at = (mmsi: string, minutes: number, lon = 130.3): AisPosition => ({ mmsi, t: T0 + minutes * MIN, lon, lat: 42.2, sog: 0, cog: null, heading: null, navStatus: null });

describe('AIS track lines', () => {
  it('breaks a track at a silence of the gap threshold, not below it', () => {
    const positions = [at('1', 60), at('1', 70), at('1', 70 + 6 * 60), at('1', 80 + 6 * 60), at('1', 80 + 6 * 60 + 5 * 60 + 59), at('1', 90 + 11 * 60 + 59)];
    const lines = aisTrackLines(buildTrackIndex(positions), { gapH: 6 });
    // 01:00–01:10, then a silence of exactly six hours (a gap), then 07:10 to 13:09 with a 5 h 59 min silence inside (no gap).
    expect(lines.map((l) => [l.from.slice(11, 16), l.to.slice(11, 16), l.coordinates.length])).toEqual([
      ['01:00', '01:10', 2],
      ['07:10', '13:29', 4],
    ]);
    expect(lines[1]!.times).toHaveLength(4);
  });

  it('breaks at midnight UTC, one MMSI at a time, and draws no line of a single message', () => {
    const positions = [at('2', 23 * 60 + 50), at('2', 24 * 60 + 5), at('2', 24 * 60 + 15), at('1', 10), at('1', 20), at('3', 5)];
    const lines = aisTrackLines(buildTrackIndex(positions), { gapH: 6 });
    expect(lines.map((l) => [l.mmsi, l.day, l.coordinates.length])).toEqual([
      ['1', '2025-03-01', 2],
      ['2', '2025-03-02', 2], // its 23:50 message alone is no line
    ]);
  });
});
