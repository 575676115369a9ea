// The rule book for sightings as tables: what each class may carry, which zone a sighting is in, how a
// patch applies, what a class is called, and why carry forward or "same as previous" is unavailable.
import { SIGHTING_CLASSES, type PolygonGeometry, type Sighting, type SightingClass, type Vessel } from './domain';
import {
  applySightingPatch,
  canHaveCount,
  carryForwardDisabled,
  classLabel,
  classNoun,
  linkableKind,
  nextSceneOf,
  placeInZone,
  sameAsPrevious,
  vesselLinkRefusal,
  zoneOfSighting,
} from './sightingRules';

const square = (x: number, y: number, d = 0.01): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const pt = (x: number, y: number) => ({ type: 'Point' as const, coordinates: [x, y] as [number, number] });
const zones = [
  { id: 'pier1', geometry: square(130, 42) },
  { id: 'pier2', geometry: square(130.02, 42) },
  // Overlaps pier 1's east half: the first zone in the store's order wins.
  { id: 'apron', geometry: square(130.005, 42) },
];

const base: Sighting = {
  id: 's1', sceneId: 'sc1', class: 'vessel', geometry: pt(130.002, 42.005), zoneId: 'pier1', zoneOverridden: false,
  confidence: 'confirmed', count: null, vesselId: null, trackId: null, notes: '', author: 'ana', createdAt: 't0', updatedAt: 't0', origin: 'marked', originDetail: '', verified: true,
};
const vessels: Record<string, Vessel['kind']> = { angara: 'vessel', il76: 'aircraft' };
const ctx = { zones, vesselKind: (id: string) => vessels[id], at: 't1' };

describe('what a class is called', () => {
  it.each<[SightingClass, string, string]>([
    ['vessel', 'vessel', 'Vessel'],
    ['container_stack', 'container stack', 'Container stack'],
    ['aircraft', 'aircraft', 'Aircraft'],
    ['vehicle', 'vehicle', 'Vehicle'],
    // The copies said "object" and "Other"; one name now, in sentences and in lists.
    ['other', 'other object', 'Other object'],
  ])('%s reads "%s" in a sentence and "%s" on its own', (c, noun, label) => {
    expect(classNoun(c)).toBe(noun);
    expect(classLabel(c)).toBe(label);
  });
});

describe('what a class may carry', () => {
  it.each<[SightingClass, Vessel['kind'] | null, boolean]>([
    ['vessel', 'vessel', false],
    ['aircraft', 'aircraft', false],
    ['container_stack', null, true],
    // The renderer offered a new *vessel* for these two; the Node side refused the link.
    ['vehicle', null, false],
    ['other', null, false],
  ])('%s links to %s identities; count: %s', (c, kind, count) => {
    expect(linkableKind(c)).toBe(kind);
    expect(canHaveCount(c)).toBe(count);
  });

  it.each<[SightingClass, Vessel['kind'] | undefined, RegExp | null]>([
    ['vessel', undefined, null],
    ['vessel', 'vessel', null],
    ['vessel', 'aircraft', /^Il-76 is an aircraft: it can only be linked to aircraft sightings\.$/],
    ['aircraft', 'aircraft', null],
    ['aircraft', 'vessel', /^Il-76 is a vessel: it can only be linked to vessel sightings\.$/],
    ['vehicle', undefined, /^Only vessel and aircraft sightings link to an identity; vehicles are followed with a track \(carry them forward\)\.$/],
    ['other', 'vessel', /^Il-76 is a vessel: it can only be linked to vessel sightings\.$/],
    ['other', undefined, /; other objects are followed with a track/],
    ['container_stack', undefined, /; container stacks are followed/],
    ['container_stack', 'aircraft', /^Il-76 is an aircraft: it can only be linked to aircraft sightings\.$/],
  ])('a %s sighting and a %s identity: %s', (c, kind, refusal) => {
    const why = vesselLinkRefusal(c, kind ? { name: 'Il-76', kind } : undefined);
    if (refusal) expect(why).toMatch(refusal);
    else expect(why).toBeNull();
  });
});

describe('the zone of a sighting', () => {
  it.each<[string, Pick<Sighting, 'geometry' | 'zoneId' | 'zoneOverridden'>, string | null]>([
    ['a point in pier 1', { geometry: pt(130.002, 42.005), zoneId: null, zoneOverridden: false }, 'pier1'],
    ['a point in pier 1 and the apron: the first zone wins', { geometry: pt(130.007, 42.005), zoneId: null, zoneOverridden: false }, 'pier1'],
    ['a point in the apron only', { geometry: pt(130.012, 42.005), zoneId: null, zoneOverridden: false }, 'apron'],
    ['a point in no zone', { geometry: pt(130.05, 42.005), zoneId: 'pier1', zoneOverridden: false }, null],
    ['a box whose first corner is in pier 2 (its centre is not)', { geometry: square(130.029, 42.005, 0.004), zoneId: null, zoneOverridden: false }, 'pier2'],
    ['an override wins over containment', { geometry: pt(130.002, 42.005), zoneId: 'pier2', zoneOverridden: true }, 'pier2'],
    ['an override of "no zone" stays', { geometry: pt(130.002, 42.005), zoneId: null, zoneOverridden: true }, null],
  ])('%s', (_, s, zone) => {
    expect(zoneOfSighting(s, zones)).toBe(zone);
  });

  it('placing by hand records an override; placing by containment does not', () => {
    expect(placeInZone(pt(130.002, 42.005), 'pier2', zones)).toEqual({ zoneId: 'pier2', zoneOverridden: true });
    expect(placeInZone(pt(130.025, 42.005), null, zones)).toEqual({ zoneId: 'pier2', zoneOverridden: false });
    expect(placeInZone(pt(131, 42), null, zones)).toEqual({ zoneId: null, zoneOverridden: false });
  });
});

describe('applying a patch', () => {
  const stack: Sighting = { ...base, class: 'container_stack', count: 40 };
  const linked: Sighting = { ...base, vesselId: 'angara' };
  it.each<[string, Sighting, Parameters<typeof applySightingPatch>[1], Partial<Sighting>]>([
    ['moving follows containment', base, { geometry: pt(130.025, 42.005) }, { zoneId: 'pier2', zoneOverridden: false }],
    ['moving keeps a zone chosen by hand', { ...base, zoneId: 'pier2', zoneOverridden: true }, { geometry: pt(130.002, 42.005) }, { zoneId: 'pier2', zoneOverridden: true }],
    ['choosing a zone overrides', base, { zoneId: 'pier2' }, { zoneId: 'pier2', zoneOverridden: true }],
    ['clearing the choice goes back to containment', { ...base, zoneId: 'pier2', zoneOverridden: true }, { zoneId: null }, { zoneId: 'pier1', zoneOverridden: false }],
    ['a stack that becomes a vehicle loses its count', stack, { class: 'vehicle' }, { class: 'vehicle', count: null }],
    ['a count set with the class is kept (the checks refuse it)', stack, { class: 'vehicle', count: 3 }, { count: 3 }],
    ['a vessel that becomes a vehicle loses its vessel', linked, { class: 'vehicle' }, { vesselId: null }],
    ['a vessel that becomes an aircraft loses a vessel identity', linked, { class: 'aircraft' }, { vesselId: null }],
    ['an aircraft linked to an aircraft identity keeps it on a move', { ...base, class: 'aircraft', vesselId: 'il76' }, { geometry: pt(130.003, 42.005) }, { vesselId: 'il76' }],
    ['a link to an identity that no longer exists goes', { ...base, vesselId: 'gone' }, { notes: 'x' }, { vesselId: null, notes: 'x' }],
    ['a link set with the class is kept (the checks refuse it)', base, { class: 'vehicle', vesselId: 'angara' }, { vesselId: 'angara' }],
    ['a track stays across a class change', { ...base, trackId: 't1' }, { class: 'other' }, { trackId: 't1' }],
  ])('%s', (_, before, patch, expected) => {
    const after = applySightingPatch(before, patch, ctx);
    expect(after).toMatchObject({ ...expected, updatedAt: 't1' });
    expect(before.updatedAt).toBe('t0'); // the original is not touched
  });
});

describe('carry forward: possible, or why not', () => {
  const scenes = [{ id: 'sc1' }, { id: 'sc2' }, { id: 'sc3' }];
  it.each<[string, { sceneId: string }[], string | undefined, RegExp | null]>([
    ['nothing selected', [], undefined, /^Select the sightings to carry forward/],
    ['sightings of two scenes', [{ sceneId: 'sc1' }, { sceneId: 'sc2' }], undefined, /^Select sightings of one scene/],
    ['on the last scene', [{ sceneId: 'sc3' }], undefined, /^This is the last scene/],
    ['on the last scene, to a chosen scene', [{ sceneId: 'sc3' }], 'sc1', null],
    ['on an earlier scene', [{ sceneId: 'sc2' }, { sceneId: 'sc2' }], undefined, null],
  ])('%s', (_, selected, to, why) => {
    const r = carryForwardDisabled(selected, scenes, to);
    if (why) expect(r).toMatch(why);
    else expect(r).toBeNull();
  });

  it('the next scene is the one after, in the given order', () => {
    expect(nextSceneOf([{ id: 'a' }, { id: 'b' }], 'a')).toBe('b');
    expect(nextSceneOf([{ id: 'a' }, { id: 'b' }], 'b')).toBeNull();
    expect(nextSceneOf([{ id: 'a' }], 'x')).toBeNull();
  });
});

describe('same as previous (P): the nearest linked sighting of the class, or why not', () => {
  const prev = { id: 'sc1', acquired: '2025-01-12T01:38:45.000Z' };
  const on = (id: string, sceneId: string, cls: SightingClass, x: number, link: Partial<Sighting> = {}): Sighting => ({ ...base, id, sceneId, class: cls, geometry: pt(x, 42.005), ...link });
  const far = on('far', 'sc1', 'vessel', 130.009, { vesselId: 'angara' });
  const near = on('near', 'sc1', 'vessel', 130.0035, { vesselId: 'lady-r' });
  const stack = on('stack', 'sc1', 'container_stack', 130.003, { trackId: 't1' });
  const unlinked = on('bare', 'sc1', 'vessel', 130.003);
  const other = on('elsewhere', 'sc0', 'vessel', 130.003, { vesselId: 'x' });
  const target = on('t', 'sc2', 'vessel', 130.003);
  const all = [far, near, stack, unlinked, other, target];

  it('takes the nearest linked one of the same class on the previous scene', () => {
    const r = sameAsPrevious([target], prev, all);
    expect(r).toEqual({ matches: [{ target, source: near }] });
    const stackNow = on('t2', 'sc2', 'container_stack', 130.009);
    expect(sameAsPrevious([stackNow], prev, all)).toEqual({ matches: [{ target: stackNow, source: stack }] });
  });

  it.each<[string, Sighting[], typeof prev | null, RegExp]>([
    ['nothing selected', [], prev, /^Select a sighting first/],
    ['the first scene', [target], null, /^This is the first scene/],
    ['no linked sighting of the class', [on('v', 'sc2', 'vehicle', 130.003)], prev, /^No linked vehicle on the previous scene \(2025-01-12\) to copy from\.$/],
    ['one of several has none', [target, on('o', 'sc2', 'other', 130.003)], prev, /^No linked other object on the previous scene/],
  ])('%s', (_, targets, previous, why) => {
    const r = sameAsPrevious(targets, previous, all);
    expect('disabled' in r && r.disabled).toMatch(why);
  });
});

it('every class has a noun and a linkable kind decision', () => {
  for (const c of SIGHTING_CLASSES) {
    expect(classNoun(c)).toMatch(/^[a-z ]+$/);
    expect(vesselLinkRefusal(c) === null).toBe(linkableKind(c) !== null);
  }
});
