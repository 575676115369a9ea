// Test fixture shared by the export and report tests: the demo project in a temp folder, plus the records the demo lacks (a container stack track, reviews, awkward text, a keyed tile template).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createDemoProject } from '../demo/demoProject';
import { ProjectStore } from '../store/projectStore';
import { historyOf } from '../store/history';

/** A key-shaped secret planted where a careless exporter could pick it up. */
export const PLANTED_KEY = 'PLAK-7f3c9e21d4b84a6f-SECRET-DO-NOT-EXPORT';

export interface TestProject {
  dir: string;
  file: string;
  cleanup: () => void;
}

export async function makeTestProject(): Promise<TestProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-export-'));
  const file = path.join(dir, 'demo', 'Rajin.quaywatch');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await createDemoProject(file);
  const store = ProjectStore.open(file, { author: 'tester' });
  // The demo's optical scenes: the fixture's stack is followed on three of them (radar scenes lie between).
  const scenes = store.scenes().filter((s) => s.sensor === 'optical');
  const zones = store.zones();
  const pier1 = zones.find((z) => z.name === 'Pier 1')!;
  const [x0, y0] = pier1.geometry.coordinates[0]![0]!;
  const [x2, y2] = pier1.geometry.coordinates[0]![2]!;
  const cx = (x0 + x2) / 2;
  const cy = (y0 + y2) / 2;
  const d = 0.0002;
  // A container stack followed as one track over three scenes: its dwell is a row of the dwell CSV.
  const track = store.createTrack({ class: 'container_stack', label: 'Stack A' });
  for (const [i, count] of [[1, 12], [2, 14], [3, 9]] as const) {
    store.createSighting({
      sceneId: scenes[i]!.id,
      class: 'container_stack',
      geometry: { type: 'Polygon', coordinates: [[[cx - d, cy - d], [cx + d, cy - d], [cx + d, cy + d], [cx - d, cy + d], [cx - d, cy - d]]] },
      count,
      trackId: track.id,
      confidence: 'probable',
      notes: i === 1 ? 'Stack "A", near crane, 3 rows\nsecond line' : i === 2 ? '=HYPERLINK("x")' : '',
    });
  }
  // A scene whose tile template carries a key in its query string (as a pasted URL would).
  store.createScene({
    siteId: store.sites()[0]!.id,
    acquired: '2025-02-20T01:40:00.000Z',
    provider: 'Planet',
    product: 'PSScene',
    itemId: '20250220_014000_00_24ab',
    footprint: null,
    cloudCover: 0.9,
    gsd: 3,
    credit: '© Planet Labs PBC',
    source: { kind: 'xyz', template: `https://tiles.example.invalid/{z}/{x}/{y}.png?api_key=${PLANTED_KEY}` },
  });
  // Reviews: one of each verdict, on the first vessel sightings.
  // Chosen by acquisition time and vessel name, not by creation order (equal timestamps would make it random).
  const acquired = new Map(store.scenes().map((s) => [s.id, s.acquired]));
  const vesselName = new Map(store.vessels().map((v) => [v.id, v.name]));
  const vesselSightings = store
    .sightings()
    .filter((s) => s.class === 'vessel')
    .sort((a, b) => acquired.get(a.sceneId)!.localeCompare(acquired.get(b.sceneId)!) || (vesselName.get(a.vesselId!) ?? '').localeCompare(vesselName.get(b.vesselId!) ?? ''));
  historyOf(store).run(
    'Reviews',
    (tx) =>
      (['confirmed', 'disputed', 'rejected'] as const).forEach((verdict, i) =>
        tx.put('review', { id: randomUUID(), sightingId: vesselSightings[i]!.id, reviewer: 'reviewer', verdict, comment: `checked ${verdict}`, at: `2025-03-0${i + 1}T10:00:00.000Z` }),
      ),
    { origin: 'import', author: 'reviewer' },
  );
  // Closed before the tests open it: a project may be open in one place at a time.
  store.close();
  return { dir, file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
