// The workbench's tools one by one: timeline filters and jump, preloading, compare (swipe and side
// by side), select/multi-select/move (3 at once, one undo)/rotate/delete with undo labels, container counts, measuring,
// the cheat sheet and the error toasts.
import { test, expect, type Page } from '@playwright/test';
import { QuaywatchPage } from './pages/QuaywatchPage';
import { hostPerTest } from './support/host';
import type { WindowWithTestHooks } from '../renderer/src/testHooks';

const each = hostPerTest();

/** Starts the host on a fresh home and opens the demo project, on its first or last scene if asked. */
async function openDemo(page: Page, scene?: 'Home' | 'End'): Promise<QuaywatchPage> {
  const host = await each.start();
  const app = new QuaywatchPage(page);
  await app.open(host.url);
  if (scene) {
    await page.keyboard.press(scene);
    await app.waitForImagery();
  }
  return app;
}

const haversine = ([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]) => {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
};

test('timeline: neighbours preloaded, filters skip scenes, jump to date, compare swipe and side by side', async ({ page }) => {
  const app = await openDemo(page);
  const s0 = await app.state();
  // The next scene's imagery is loaded before the user asks for it.
  await expect(app.map).toHaveAttribute('data-preload-state', 'idle', { timeout: 30_000 });
  expect(await app.loadedSceneIds()).toContain(s0.scenes[1]!.id);
  await page.keyboard.press('ArrowRight');
  await app.waitForImagery();
  await expect(app.map).toHaveAttribute('data-preload-state', 'idle', { timeout: 30_000 });
  expect(new Set(await app.loadedSceneIds())).toEqual(new Set([s0.scenes[0]!.id, s0.scenes[1]!.id, s0.scenes[2]!.id]));

  // Cloud filter: the count says how many pass, and → skips the cloudy ones.
  await page.keyboard.press('Home');
  await page.getByTestId('filter-cloud').selectOption({ label: 'cloud ≤ 10% (unknown excluded)' });
  const clearIdx = s0.scenes.map((s, i) => ((s.cloudCover ?? 0) <= 0.1 ? i : -1)).filter((i) => i >= 0);
  expect(clearIdx.length).toBeLessThan(s0.scenes.length); // the demo has a cloudy scene
  await expect(page.getByTestId('filter-count')).toHaveText(`${clearIdx.length} of ${s0.scenes.length} scenes`);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // leave the select so keys reach the app
  for (const expected of clearIdx.slice(1, 8)) {
    await page.keyboard.press('ArrowRight');
    expect(await app.sceneIndex()).toBe(expected);
  }
  await page.getByTestId('filter-cloud').selectOption({ label: 'any cloud' });

  // Zone filter: scenes where Pier 2 is obscured are skipped.
  const pier2 = s0.zones.find((z) => z.name === 'Pier 2')!;
  await page.getByTestId('filter-zone').selectOption(pier2.id);
  const obs = await page.evaluate(() => (window as unknown as WindowWithTestHooks).__quaywatch.store.getState().observability);
  const pier2Ok = s0.scenes.filter((s) => ['clear', 'partial'].includes(obs.find((o) => o.sceneId === s.id && o.zoneId === pier2.id)?.value ?? 'clear')).length;
  expect(pier2Ok).toBeLessThan(s0.scenes.length);
  await expect(page.getByTestId('filter-count')).toHaveText(`${pier2Ok} of ${s0.scenes.length} scenes`);
  await expect(page.locator('[data-testid=timeline-tick][data-passes=false]')).toHaveCount(s0.scenes.length - pier2Ok);
  await app.shot('workbench-timeline-filter');
  await page.getByTestId('filter-zone').selectOption('');

  // Jump to a date: 16 Dec (the compared scene, the one before it, is then the radar scene of 15 Dec, with Sea Harmony marked).
  const target = s0.scenes[3]!.acquired.slice(0, 10);
  await page.getByTestId('jump-date').fill(target);
  await page.getByTestId('jump-go').click();
  await expect(app.currentSceneLabel()).toContainText(`scene 4 of`);
  await app.waitForImagery();

  // Compare: swipe, then side by side with one shared view.
  await page.keyboard.press('w');
  await expect(app.map).toHaveAttribute('data-compare', 'swipe');
  await expect(page.getByTestId('compare-scene')).toHaveValue(s0.scenes[2]!.id);
  await expect(page.getByTestId('swipe-handle')).toBeVisible();
  await app.waitForImagery();
  await app.shot('workbench-compare-swipe');
  await page.keyboard.press('w');
  await expect(app.map).toHaveAttribute('data-compare', 'side');
  const compareMap = page.getByTestId('compare-map');
  await expect(compareMap).toHaveAttribute('data-rendered-scene-id', s0.scenes[2]!.id, { timeout: 30_000 });
  // The pane shows the compared scene's marks (not this scene's).
  const markedThen = s0.sightings.filter((x) => x.sceneId === s0.scenes[2]!.id).map((x) => x.id).sort();
  expect(markedThen.length).toBeGreaterThan(0);
  await expect.poll(() => app.compareMarkIds()).toEqual(markedThen);
  await app.map.hover();
  await page.mouse.wheel(0, -300);
  // The zoom animates; on a loaded machine it may take longer than a fixed wait: poll until both rest equal.
  await expect.poll(async () => JSON.stringify(await app.compareViewState()) === JSON.stringify(await app.viewState()), { timeout: 10_000 }).toBe(true);
  await app.shot('workbench-compare-side');
  expect(await app.mapViewportCount()).toBe(2);
  await page.keyboard.press('w');
  await expect(app.map).toHaveAttribute('data-compare', 'off');
  expect(await app.mapViewportCount()).toBe(1);
  expect(await app.compareMarkIds()).toEqual([]);
});

test('select, shift-select, box-select, move, rotate, delete, counts and undo labels; measure; cheat sheet; errors', async ({ page }) => {
  const app = await openDemo(page, 'End');

  // Two vessel points and one box.
  await page.keyboard.press('v');
  const a = await app.mapPoint(0.4, 0.6);
  const b = await app.mapPoint(0.6, 0.6);
  await app.click(a);
  await app.waitSaved();
  await app.click(b);
  await app.waitSaved();
  await page.keyboard.press('Escape');
  await app.markVesselBox(await app.mapPoint(0.45, 0.3), await app.mapPoint(0.55, 0.32), await app.mapPoint(0.5, 0.33));
  await expect(app.sightingCount()).toHaveText('3');

  // Click selects one, shift-click adds the other; the map shows exactly the selected ones in yellow.
  expect(await app.highlightPixels(a)).toBe(0);
  await app.click(a);
  expect((await app.state()).selectedIds).toHaveLength(1);
  expect(await app.highlightPixels(a)).toBeGreaterThan(20);
  expect(await app.highlightPixels(b)).toBe(0);
  await app.click(b, { shift: true });
  expect((await app.state()).selectedIds).toHaveLength(2);
  expect(await app.highlightPixels(b)).toBeGreaterThan(20);
  await expect(page.getByTestId('sighting-attributes')).toContainText('2 sightings selected');
  await app.shot('workbench-multi-select');
  await page.keyboard.press('Delete');
  await app.waitSaved();
  await expect(app.sightingCount()).toHaveText('1');
  await expect(app.undoButton()).toContainText('Delete 2 sightings');
  await page.keyboard.press('Control+z');
  await expect(app.sightingCount()).toHaveText('3');
  await expect(page.getByTestId('toast-info').last()).toContainText('Undone: Delete 2 sightings');

  // Shift-drag selects both points with a box.
  await page.keyboard.press('Escape');
  const from = await app.mapPoint(0.35, 0.55);
  const to = await app.mapPoint(0.65, 0.65);
  await page.keyboard.down('Shift');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  expect((await app.state()).selectedIds).toHaveLength(2);

  // All 3 selected: dragging one moves all 3 as one edit, and one Ctrl+Z puts all 3 back.
  await page.keyboard.press('Escape');
  await app.click(a);
  await app.click(b, { shift: true });
  await app.click(await app.mapPoint(0.5, 0.31), { shift: true });
  expect((await app.state()).selectedIds).toHaveLength(3);
  const placed = await app.sightingsHere();
  await page.mouse.move(a.x + 2, a.y, { steps: 2 });
  await page.mouse.move(a.x, a.y, { steps: 2 });
  await page.mouse.down();
  await page.mouse.move(a.x + 40, a.y + 25, { steps: 6 });
  await page.mouse.up();
  await app.waitSaved();
  await expect(app.undoButton()).toContainText('Move 3 sightings');
  const shifted = await app.sightingsHere();
  for (const s of placed) expect(shifted.find((x) => x.id === s.id)!.geometry.coordinates).not.toEqual(s.geometry.coordinates);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast-info').last()).toContainText('Undone: Move 3 sightings');
  await expect.poll(async () => (await app.sightingsHere()).map((s) => JSON.stringify(s.geometry)).sort()).toEqual(placed.map((s) => JSON.stringify(s.geometry)).sort());

  // Drag a point to move it.
  await page.keyboard.press('Escape');
  await app.click(a);
  const movedId = (await app.state()).selectedIds[0];
  const before = (await app.sightingsHere()).find((s) => s.id === movedId)!;
  await page.mouse.move(a.x + 2, a.y, { steps: 2 }); // hover first, as a hand does
  await page.mouse.move(a.x, a.y, { steps: 2 });
  await page.mouse.down();
  await page.mouse.move(a.x + 30, a.y + 20, { steps: 6 });
  await page.mouse.up();
  await app.waitSaved();
  await expect(app.undoButton()).toContainText('Move sighting');
  const after = (await app.sightingsHere()).find((s) => s.id === before.id)!;
  expect(after.geometry.coordinates).not.toEqual(before.geometry.coordinates);

  // Rotate the box with R: its heading turns by 15°.
  const boxCentre = await app.mapPoint(0.5, 0.31);
  await app.click(boxCentre);
  const heading = async () => Number((await page.getByTestId('box-metrics').textContent())!.match(/heading (\d+)°/)![1]);
  const h0 = await heading();
  await page.keyboard.press('r');
  await app.waitSaved();
  await expect(app.undoButton()).toContainText('Rotate sighting');
  // A vessel's heading runs 0–360° (towards its bow): clockwise by 15° is +15 modulo 360.
  await expect.poll(async () => ((await heading()) - h0 + 360) % 360).toBeGreaterThanOrEqual(14);
  expect(((await heading()) - h0 + 360) % 360).toBeLessThanOrEqual(16);

  // A container stack with a count.
  await page.keyboard.press('c');
  if ((await page.getByTestId('tool-box').getAttribute('class'))?.includes('active')) await page.keyboard.press('b');
  await app.click(await app.mapPoint(0.3, 0.45));
  await app.waitSaved();
  await page.keyboard.press('Escape');
  await page.getByTestId('count-input').fill('40');
  await page.getByTestId('count-input').press('Enter');
  await app.waitSaved();
  await expect(page.getByTestId('sighting-item').filter({ hasText: '×40' })).toHaveCount(1);
  await expect(app.undoButton()).toContainText('Edit container count');
  await page.getByTestId('count-input').fill('4.5');
  await page.getByTestId('count-input').press('Enter');
  await expect(page.getByTestId('toast-error')).toContainText('whole number');
  await page.getByTestId('toast-error').getByRole('button', { name: 'Dismiss' }).click();
  await app.shot('workbench-container-count');

  // Measure a distance: true metres between the clicked points.
  await page.keyboard.press('Escape');
  await page.keyboard.press('m');
  const m1 = await app.mapPoint(0.2, 0.8);
  const m2 = await app.mapPoint(0.8, 0.8);
  await app.click(m1);
  await page.mouse.dblclick(m2.x, m2.y);
  const hint = page.getByTestId('measure-hint');
  await expect(hint).toContainText(/\d/);
  const shown = (await hint.textContent())!.match(/· ([\d.,]+) (k?m)\b/)!;
  const metres = Number(shown[1]!.replace(/,/g, '')) * (shown[2] === 'km' ? 1000 : 1);
  const truth = haversine(await app.lonLatAtPage(m1), await app.lonLatAtPage(m2));
  expect(Math.abs(metres - truth) / truth).toBeLessThan(0.02);
  await app.shot('workbench-measure');
  await page.keyboard.press('Escape');

  // Carry forward from the last scene is refused with a reason.
  await app.click(b); // (a was moved above)
  expect((await app.state()).selectedIds).toHaveLength(1);
  await page.keyboard.press('f');
  await expect(page.getByTestId('toast-error')).toContainText('last scene');

  // The cheat sheet lists every tool.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('cheat-sheet');
  for (const text of ['Accept the ghost', 'Draw a zone', 'Carry the selected', 'Measure distance', 'Undo', 'swipe']) await expect(sheet).toContainText(text);
  await app.shot('workbench-cheat-sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});

test('snapping (Shift+S): a mark clicked near a zone corner lands exactly on it, only when on; the choice is remembered', async ({ page }) => {
  const app = await openDemo(page);
  await page.keyboard.press('g'); // ghosts hidden: only zones and this scene's marks to snap to
  await expect(page.getByTestId('tool-snap')).not.toHaveClass(/active/);

  // A zone corner on screen, well away from the marks already there.
  const box = (await app.map.boundingBox())!;
  const marks = await Promise.all((await app.sightingsHere()).map((s) => app.pagePointOf(s.geometry.type === 'Point' ? s.geometry.coordinates : s.geometry.coordinates[0]![0]!)));
  const corners = (await app.state()).zones.flatMap((z) => z.geometry.coordinates[0]!.slice(0, -1));
  let best: { corner: [number, number]; p: { x: number; y: number }; clearance: number } | null = null;
  for (const corner of corners) {
    const p = await app.pagePointOf(corner);
    if (p.x < box.x + 60 || p.x > box.x + box.width - 60 || p.y < box.y + 60 || p.y > box.y + box.height - 60) continue;
    const clearance = Math.min(Infinity, ...marks.map((m) => Math.hypot(m.x - p.x, m.y - p.y)));
    if (!best || clearance > best.clearance) best = { corner, p, clearance };
  }
  expect(best, 'a zone corner on screen').not.toBeNull();
  expect(best!.clearance).toBeGreaterThan(40);
  const { corner, p } = best!;
  const lastMark = async () => (await app.sightingsHere()).at(-1)!.geometry.coordinates as [number, number];
  const onCorner = (c: [number, number]) => Math.hypot(c[0] - corner[0], c[1] - corner[1]) < 1e-9;

  // Off: the mark is where the click was, a few pixels from the corner.
  await page.keyboard.press('v');
  await app.click({ x: p.x + 5, y: p.y + 4 });
  await app.waitSaved();
  expect(onCorner(await lastMark())).toBe(false);

  // On: the same kind of click (6 px off, on the other side) lands exactly on the corner.
  await page.keyboard.press('Shift+S');
  await expect(page.getByTestId('tool-snap')).toHaveClass(/active/);
  await app.click({ x: p.x - 5, y: p.y - 4 });
  await app.waitSaved();
  expect(onCorner(await lastMark())).toBe(true);

  // Remembered after a reload, and off again with the same key.
  await page.reload();
  await app.waitForImagery();
  await expect(page.getByTestId('tool-snap')).toHaveClass(/active/);
  await page.keyboard.press('Shift+S');
  await expect(page.getByTestId('tool-snap')).not.toHaveClass(/active/);
});

test('vessel identity: IMO, MMSI, call sign, flag, length, beam and aliases edited beside the mark; a bad IMO or call sign is refused; one undo step; kept after reload', async ({ page }) => {
  const app = await openDemo(page, 'End');
  await page.keyboard.press('v');
  await app.markVesselBox(await app.mapPoint(0.42, 0.45), await app.mapPoint(0.5, 0.47), await app.mapPoint(0.46, 0.48));
  await app.waitSaved();
  await app.linkToNewVessel('Angara');
  await expect(page.getByTestId('vessel-facts')).toContainText('no identifiers yet');

  // A mistyped IMO (wrong check digit) is refused with the reason beside the field, and nothing is
  // saved; the status bar does not cry "NOT saved" over a refusal that changed nothing.
  await app.editVessel({ imo: '9074728', flag: 'Russia' });
  await expect(page.getByTestId('vessel-imo-error')).toHaveText('That IMO number fails its check digit; check for a typo.');
  await expect(page.getByTestId('vessel-form')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await app.shot('vessel-imo-refused');
  expect((await app.state()).vessels.find((v) => v.name === 'Angara')).toMatchObject({ imo: null, flag: null });

  // Corrected: saved, shown, and a registered length far from the box's is pointed out.
  await app.editVessel({ imo: '9074729', mmsi: '273345120', lengthM: '12', aliases: 'Hai Yang 8, Lady R' });
  await app.waitSaved();
  await expect(page.getByTestId('vessel-form')).toHaveCount(0);
  await expect(page.getByTestId('vessel-facts')).toContainText('IMO 9074729 · MMSI 273345120 · Russia · 12 m · aka Hai Yang 8, Lady R');
  await expect(page.getByTestId('vessel-length-mismatch')).toContainText('Angara is 12 m long');

  // A call sign of 8 characters is refused beside its field, in the API's words; nothing is saved.
  const facts = 'IMO 9074729 · MMSI 273345120 · Russia · 12 m · aka Hai Yang 8, Lady R';
  await app.editVessel({ callSign: 'UBCD7890', beamM: '4' });
  await expect(page.getByTestId('vessel-callSign-error')).toHaveText('A call sign has 3 to 7 letters and digits.');
  await expect(page.getByTestId('vessel-beamM-error')).toHaveCount(0);
  await expect(page.getByTestId('vessel-form')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  expect((await app.state()).vessels.find((v) => v.name === 'Angara')).toMatchObject({ callSign: null, beamM: null });

  // Typed in lower case: stored as the ITU writes it, shown in the facts line with the beam; one undo step.
  await app.editVessel({ callSign: 'ubcd7' });
  await app.waitSaved();
  await expect(page.getByTestId('vessel-form')).toHaveCount(0);
  const withCallSign = 'IMO 9074729 · MMSI 273345120 · call sign UBCD7 · Russia · 12 × 4 m · aka Hai Yang 8, Lady R';
  await expect(page.getByTestId('vessel-facts')).toContainText(withCallSign);
  await app.shot('workbench-vessel-details');
  await expect(app.undoButton()).toHaveAttribute('title', /Edit vessel Angara/);
  await app.undoButton().click();
  await expect(page.getByTestId('vessel-facts')).toContainText(facts);
  await app.redoButton().click();
  await expect(page.getByTestId('vessel-facts')).toContainText(withCallSign);
  await app.waitSaved();

  await page.reload();
  await app.waitForImagery();
  expect((await app.state()).vessels.find((v) => v.name === 'Angara')).toMatchObject({
    imo: '9074729',
    mmsi: '273345120',
    callSign: 'UBCD7',
    flag: 'Russia',
    lengthM: 12,
    beamM: 4,
    aliases: ['Hai Yang 8', 'Lady R'],
  });
});

test('a new mark shows at once while it is saved; a refused mark goes away and a refused move snaps back, with the reason', async ({ page }) => {
  const app = await openDemo(page);
  await page.keyboard.press('g');
  const before = (await app.sightingsHere()).length;
  // The host answers slowly and then refuses, as it would on a full disk (the disk-full path itself
  // is tested against a real SQLite file in the store's tests).
  let release: () => void = () => {};
  const answered = new Promise<void>((r) => (release = r));
  await page.route('**/api/sightings.create', async (route) => {
    await answered;
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'disk_full', message: 'The disk is full: nothing was saved. Free some space and try again.' } }),
    });
  });
  await page.keyboard.press('v');
  const p = await app.mapPoint(0.3, 0.75);
  await app.click(p);
  await expect(page.getByTestId('save-state')).not.toHaveText('All changes saved');
  expect(await app.highlightPixels(p)).toBeGreaterThan(20); // shown while saving
  release();
  await expect(page.getByTestId('toast-error').last()).toContainText('The disk is full');
  expect(await app.highlightPixels(p)).toBe(0);
  expect((await app.sightingsHere()).length).toBe(before);

  // A refused move puts the mark back where it is saved.
  await page.unroute('**/api/sightings.create');
  await app.click(p);
  await app.waitSaved();
  await page.keyboard.press('Escape');
  await page.route('**/api/sightings.updateMany', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'read_only', message: 'The project is read-only: nothing was saved.' } }) }),
  );
  await app.click(p);
  await page.mouse.move(p.x + 1, p.y);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x + 60, p.y - 40, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('toast-error').last()).toContainText('read-only');
  expect(await app.highlightPixels({ x: p.x + 60, y: p.y - 40 })).toBe(0);
  expect(await app.highlightPixels(p)).toBeGreaterThan(20);
});

test('a container stack carried forward follows one track, which can be named; the name is kept', async ({ page }) => {
  const app = await openDemo(page, 'Home');
  await page.keyboard.press('c');
  const p = await app.mapPoint(0.35, 0.7);
  await app.click(p);
  await app.waitSaved();
  await page.keyboard.press('Escape'); // back to the select tool; the new stack stays selected
  await page.keyboard.press('f');
  await app.waitSaved();
  const track = page.getByTestId('track-label');
  await expect(track).toBeVisible();

  // Carrying forward named the track; Esc leaves that name as it was, Enter saves a new one.
  const given = await track.inputValue();
  expect(given).toMatch(/container stack/i);
  await track.fill('Stack A-17');
  await page.keyboard.press('Escape');
  await expect(track).toHaveValue(given);
  await track.fill('Stack A-17');
  await page.keyboard.press('Enter');
  await app.waitSaved();
  await expect(app.undoButton()).toContainText(/track/i);

  // The carried copy on the next scene is on the same, named track, after a reload too.
  await page.reload();
  await app.waitForImagery();
  await page.keyboard.press('ArrowRight');
  await app.waitForImagery();
  const s = await app.state();
  const next = s.sightings.filter((x) => x.sceneId === s.scenes[s.sceneIndex]!.id && x.trackId);
  expect(next).toHaveLength(1);
  await app.click(await app.pagePointOf(next[0]!.geometry.coordinates as [number, number]));
  await expect(page.getByTestId('track-label')).toHaveValue('Stack A-17');
});

test('a new mark is staged, joins the scene’s layer when the view moves, and after zooming marks are drawn at their own size', async ({ page }) => {
  const app = await openDemo(page, 'Home');
  await page.keyboard.press('g');
  await page.keyboard.press('4'); // vehicles: violet, a colour found nowhere else on the demo map
  const p = await app.mapPoint(0.3, 0.75);
  await app.click(p);
  await app.waitSaved();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape'); // nothing selected: only the mark's own colour
  // The new mark is drawn by the small staging layer, not by redrawing the scene's big one.
  expect((await app.drawnMarks()).staged).toBe(1);
  const violet: [number, number, number] = [167, 139, 250];
  const before = await app.colourPixels(p, violet, 60);
  expect(before).toBeGreaterThan(40);
  // Two wheel notches in, around the mark: the view's scale changes, the mark stays under the pointer.
  const res0 = (await app.viewState())!.resolution;
  await page.mouse.move(p.x, p.y);
  await page.mouse.wheel(0, -200);
  await expect.poll(async () => (await app.viewState())!.resolution).toBeLessThan(res0 / 1.5);
  await page.waitForTimeout(800); // the zoom settles, then the marks are drawn for the new scale
  const after = await app.colourPixels(p, violet, 60);
  // The move's redraw took it into the big layer.
  expect(await app.drawnMarks()).toMatchObject({ staged: 0, total: (await app.sightingsHere()).length });
  expect(after / before).toBeGreaterThan(0.6);
  expect(after / before).toBeLessThan(1.5);
});
