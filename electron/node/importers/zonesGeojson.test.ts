// Zones imported from GeoJSON place sightings by the editing core's one rule (rederiveSightingZones): containment for
// sightings placed by containment, the analyst's choice kept for those placed by hand; deleting a zone uses the same rule.
import fs from 'node:fs';
import path from 'node:path';
import type { PolygonGeometry } from '../../../shared/domain';
import { tempDir } from '../../testing/tmp';
import { editingOf } from '../store/editing';
import { historyOf } from '../store/history';
import { ProjectStore } from '../store/projectStore';
import { importZonesGeojson } from './zonesGeojson';

const square = (x: number, y: number, d = 0.01): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]],
});
const pt = (x: number, y: number) => ({ type: 'Point' as const, coordinates: [x, y] as [number, number] });

let tmp: ReturnType<typeof tempDir>;
let store: ProjectStore;
beforeEach(() => {
  tmp = tempDir('qw-zones-');
  store = ProjectStore.create(path.join(tmp.dir, 'port.quaywatch'), 'Test port', { author: 'ana' });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

function zonesFile(name: string, zones: { name: string; geometry: PolygonGeometry; kind?: string }[]): string {
  const file = path.join(tmp.dir, name);
  const features = zones.map((z) => ({ type: 'Feature', properties: { name: z.name, kind: z.kind ?? 'quay' }, geometry: z.geometry }));
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }, null, 1));
  return file;
}

describe('sightings after a zones import', () => {
  it('take the zone that now contains them, except those the analyst placed by hand; undo and a zone deletion follow the same rule', () => {
    const site = store.createSite({ name: 'Port' });
    const pier1 = store.createZone({ siteId: site.id, name: 'Pier 1', kind: 'quay', geometry: square(130, 42) });
    const scene = store.createScene({
      siteId: site.id, acquired: '2025-01-12T01:38:45.000Z', provider: 'Planet', product: 'PSScene', itemId: null,
      footprint: null, cloudCover: 0, gsd: 3, credit: '', source: { kind: 'geotiff', path: 'a.tif' },
    });
    const open = store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: pt(130.045, 42.005) });
    const inPier1 = store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: pt(130.005, 42.005) });
    // Inside where Berth 3 will be, but the analyst said Pier 1.
    const byHand = store.createSighting({ sceneId: scene.id, class: 'vessel', geometry: pt(130.046, 42.006), zoneId: pier1.id });
    expect([open.zoneId, inPier1.zoneId, byHand.zoneId, byHand.zoneOverridden]).toEqual([null, pier1.id, pier1.id, true]);

    // A new zone around the first sighting; Pier 1 moved away from the second.
    const file = zonesFile('zones.geojson', [
      { name: 'Berth 3', kind: 'berth', geometry: square(130.04, 42) },
      { name: 'Pier 1', geometry: square(130.1, 42) },
    ]);
    const result = importZonesGeojson(store, file);
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 0, sightingsRezoned: 2 });
    const berth3 = store.zones().find((z) => z.name === 'Berth 3')!;
    const zoneOf = () => Object.fromEntries(store.sightings().map((s) => [s.id, [s.zoneId, s.zoneOverridden]]));
    expect(zoneOf()).toEqual({ [open.id]: [berth3.id, false], [inPier1.id]: [null, false], [byHand.id]: [pier1.id, true] });

    // The same file again changes no zone, so it moves no sighting.
    expect(importZonesGeojson(store, file)).toMatchObject({ unchanged: 2, sightingsRezoned: 0 });

    // Deleting Berth 3 in the app leaves its sighting in no zone; the hand-placed one still keeps Pier 1.
    editingOf(store).deleteZone(berth3.id);
    expect(zoneOf()).toEqual({ [open.id]: [null, false], [inPier1.id]: [null, false], [byHand.id]: [pier1.id, true] });

    // Undoing the deletion and then the import puts every sighting back in its zone of before, as one step each.
    historyOf(store).undo();
    expect(zoneOf()).toEqual({ [open.id]: [berth3.id, false], [inPier1.id]: [null, false], [byHand.id]: [pier1.id, true] });
    expect(historyOf(store).state().undoLabel).toBe('Import zones from zones.geojson');
    historyOf(store).undo();
    expect(zoneOf()).toEqual({ [open.id]: [null, false], [inPier1.id]: [pier1.id, false], [byHand.id]: [pier1.id, true] });
  });
});
