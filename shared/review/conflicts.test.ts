// Conflict detection: same object (overlap or distance), different authors, different class/vessel/count.
import type { LonLat, Review, Sighting } from '../domain';
import { orientedBox } from '../measure';
import { findConflicts } from './conflicts';

let n = 0;
const at = (m: number): LonLat => [130, 42 + m / 111_050];
const s = (author: string, o: Partial<Sighting> = {}): Sighting => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  sceneId: 'scene',
  class: 'vessel',
  geometry: { type: 'Point', coordinates: at(0) },
  zoneId: null,
  zoneOverridden: false,
  confidence: 'confirmed',
  count: null,
  vesselId: null,
  trackId: null,
  notes: '',
  author,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  origin: 'marked',
  originDetail: '',
  verified: true,
  ...o,
});
const review = (sightingId: string, verdict: Review['verdict'], t = '2025-02-01T00:00:00.000Z'): Review => ({ id: `r-${++n}`, sightingId, reviewer: 'rev', verdict, comment: '', at: t });

describe('findConflicts', () => {
  it('finds two analysts marking one object as different classes, vessels or counts', () => {
    const a = s('alice', { vesselId: 'V1' });
    const b = s('bob', { geometry: { type: 'Point', coordinates: at(10) }, vesselId: 'V2' });
    const c = s('alice', { class: 'container_stack', count: 10, geometry: { type: 'Point', coordinates: at(500) } });
    const d = s('bob', { class: 'container_stack', count: 14, geometry: { type: 'Point', coordinates: at(505) } });
    const found = findConflicts([a, b, c, d]);
    expect(found.map((f) => f.differences)).toEqual([['vessel'], ['count']]);
    expect(found[0]!.distanceM).toBeCloseTo(10, 0);
  });

  it('uses overlap for boxes even when the centres are farther apart than the distance rule', () => {
    const box = orientedBox({ centre: at(0), lengthM: 200, widthM: 30, headingDeg: 0 });
    const a = s('alice', { geometry: box });
    const b = s('bob', { class: 'other', geometry: { type: 'Point', coordinates: at(80) } });
    expect(findConflicts([a, b]).map((f) => f.differences)).toEqual([['class']]);
  });

  it('ignores agreeing marks, one author, other scenes and distant marks', () => {
    const a = s('alice');
    expect(findConflicts([a, s('bob')])).toEqual([]);
    expect(findConflicts([a, s('alice', { class: 'other' })])).toEqual([]);
    expect(findConflicts([a, s('bob', { class: 'other', sceneId: 'other' })])).toEqual([]);
    expect(findConflicts([a, s('bob', { class: 'other', geometry: { type: 'Point', coordinates: at(40) } })])).toEqual([]);
  });

  it('a conflict is settled by a rejection or by confirming both', () => {
    const a = s('alice');
    const b = s('bob', { class: 'other' });
    expect(findConflicts([a, b], [review(a.id, 'confirmed')])).toHaveLength(1);
    expect(findConflicts([a, b], [review(b.id, 'rejected')])).toEqual([]);
    expect(findConflicts([a, b], [review(a.id, 'confirmed'), review(b.id, 'confirmed')])).toEqual([]);
    // The latest verdict counts: a rejection later re-confirmed opens the conflict again.
    expect(findConflicts([a, b], [review(b.id, 'rejected', '2025-02-01T00:00:00.000Z'), review(b.id, 'disputed', '2025-03-01T00:00:00.000Z')])).toHaveLength(1);
  });
});
