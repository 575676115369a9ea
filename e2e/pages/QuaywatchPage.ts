// Page model of the main window: what a user sees and does, named as they would name it.
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import { watchPageErrors } from '../support/pageErrors';
import type { QuaywatchTestHooks } from '../../renderer/src/testHooks';

type LonLat = [number, number];
type TestHooks = QuaywatchTestHooks;
type StoreState = ReturnType<TestHooks['store']['getState']>;
type HookSighting = StoreState['sightings'][number];

export class QuaywatchPage {
  constructor(readonly page: Page) {
    watchPageErrors(page);
  }

  get map() {
    return this.page.getByTestId('map');
  }

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByTestId('project-name')).not.toHaveText('No project');
    await this.waitForImagery();
  }

  /** Steps to the last scene, which the demo leaves unmarked (no existing mark under a click), and waits for it. */
  async goToUnmarkedLastScene() {
    await this.page.keyboard.press('End');
    await this.waitForImagery();
    await expect(this.sightingCount()).toHaveText('0');
  }

  /**
   * Waits until the map has drawn the current scene's pixels from its own layer: at start the opening
   * scene's preview is drawn first (e2e/opening-preview.spec.ts), and its layer still comes.
   */
  async waitForImagery() {
    // Read as one pair inside the wait: the store may move to another scene while the map draws the first
    // (the opening preview draws sooner than the store settles), so a scene id read once can go stale.
    const drawn = () =>
      this.page.evaluate(() => {
        const w = window as unknown as { __quaywatch?: TestHooks };
        const s = w.__quaywatch?.store.getState();
        const current = s?.scenes[s.sceneIndex]?.id ?? null;
        const map = document.querySelector('[data-testid="map"]');
        if (current === null || !map) return `no current scene yet`;
        const rendered = map.getAttribute('data-rendered-scene-id');
        const layer = map.getAttribute('data-layer-drawn-scene-id');
        const state = map.getAttribute('data-render-state');
        return rendered === current && layer === current && state === 'complete' ? 'drawn' : `current ${current}, rendered ${rendered}, layer ${layer}, ${state}`;
      });
    await expect.poll(drawn, { timeout: 30_000 }).toBe('drawn');
  }

  /** 'ready' when the current scene's imagery was read, 'error' when its file could not be (the map then stays black). */
  currentSourceState(): Promise<string | null> {
    return this.page.evaluate(() => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.currentSourceState());
  }

  projectName() {
    return this.page.getByTestId('project-name');
  }

  sceneItems() {
    return this.page.getByTestId('scene-item');
  }

  currentSceneLabel() {
    return this.page.getByTestId('current-scene-date');
  }

  sceneIndex() {
    return this.page.evaluate(() => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.store.getState().sceneIndex);
  }

  viewState() {
    return this.page.evaluate(() => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.viewState());
  }

  mapViewportCount() {
    return this.page.evaluate(() => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.countViewports());
  }

  async press(key: string) {
    await this.map.click({ position: { x: 5, y: 5 }, force: true, trial: true }).catch(() => {});
    await this.page.keyboard.press(key);
  }

  /** Marks a vessel at the centre of the map with the keyboard shortcut and a click. */
  async markVesselAtCentre() {
    await this.page.keyboard.press('v');
    await expect(this.page.getByTestId('mark-hint')).toBeVisible();
    const box = (await this.map.boundingBox())!;
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(this.page.getByTestId('save-state')).toHaveText('All changes saved');
    await this.page.keyboard.press('Escape');
  }

  sightingCount() {
    return this.page.getByTestId('sighting-count');
  }

  /** A read-only snapshot of the renderer's state, for assertions a user would make by looking. */
  state(): Promise<StoreState> {
    return this.page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __quaywatch: TestHooks }).__quaywatch.store.getState())));
  }

  loadedSceneIds() {
    return this.page.evaluate(() => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.loadedSceneIds());
  }

  compareViewState() {
    return this.page.evaluate(() => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.compareViewState());
  }

  async currentSceneId(): Promise<string> {
    const s = await this.state();
    return s.scenes[s.sceneIndex]!.id;
  }

  /** Sightings on the current scene. */
  async sightingsHere(): Promise<HookSighting[]> {
    const s = await this.state();
    const id = s.scenes[s.sceneIndex]!.id;
    return s.sightings.filter((x) => x.sceneId === id);
  }

  /** Page coordinates of a lon/lat on the main map. */
  async pagePointOf(lonLat: LonLat): Promise<{ x: number; y: number }> {
    const px = await this.page.evaluate((ll) => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.pixelOf(ll), lonLat);
    const box = (await this.map.boundingBox())!;
    return { x: box.x + px![0], y: box.y + px![1] };
  }

  /** Page coordinates of a point given as a share of the map's width and height. */
  async mapPoint(fx: number, fy: number): Promise<{ x: number; y: number }> {
    const box = (await this.map.boundingBox())!;
    return { x: box.x + box.width * fx, y: box.y + box.height * fy };
  }

  async lonLatAtPage(p: { x: number; y: number }): Promise<LonLat> {
    const box = (await this.map.boundingBox())!;
    return (await this.page.evaluate(
      (px) => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.lonLatAt(px),
      [p.x - box.x, p.y - box.y] as [number, number],
    ))!;
  }

  async click(p: { x: number; y: number }, opts: { shift?: boolean } = {}) {
    if (opts.shift) await this.page.keyboard.down('Shift');
    await this.page.mouse.click(p.x, p.y);
    if (opts.shift) await this.page.keyboard.up('Shift');
  }

  async waitSaved() {
    await expect(this.page.getByTestId('save-state')).toHaveText('All changes saved');
  }

  /** Draws a zone through the given map points (Z, clicks, double-click), names it and saves it. */
  async drawZone(points: { x: number; y: number }[], name: string, kind = 'berth') {
    await this.page.keyboard.press('z');
    await expect(this.page.getByTestId('zone-hint')).toBeVisible();
    for (const p of points.slice(0, -1)) await this.page.mouse.click(p.x, p.y);
    const last = points[points.length - 1]!;
    await this.page.mouse.dblclick(last.x, last.y);
    await this.page.getByTestId('zone-name-input').fill(name);
    await this.page.getByTestId('zone-kind-select').selectOption(kind);
    await this.page.getByTestId('zone-save').click();
    await expect(this.page.getByTestId('zone-form')).toHaveCount(0);
    await this.waitSaved();
  }

  /** Marks an oriented box with the vessel tool: bow, stern, one side. */
  async markVesselBox(bow: { x: number; y: number }, stern: { x: number; y: number }, side: { x: number; y: number }) {
    await this.page.keyboard.press('v');
    if ((await this.page.getByTestId('tool-box').getAttribute('class'))?.includes('active') !== true) await this.page.keyboard.press('b');
    await expect(this.page.getByTestId('mark-hint')).toContainText('click bow');
    for (const p of [bow, stern, side]) await this.page.mouse.click(p.x, p.y);
    await this.waitSaved();
    await this.page.keyboard.press('Escape');
  }

  /** Links the selected sighting to a new vessel through the attributes panel. */
  async linkToNewVessel(name: string) {
    await this.page.getByTestId('vessel-select').selectOption('__new');
    await this.page.getByTestId('new-vessel-name').fill(name);
    await this.page.getByTestId('new-vessel-save').click();
    await expect(this.page.getByTestId('vessel-select')).toHaveText(new RegExp(name));
    await this.waitSaved();
  }

  /** Opens the linked vessel's details, fills the given fields and saves. */
  async editVessel(fields: Partial<Record<'name' | 'aliases' | 'imo' | 'mmsi' | 'callSign' | 'flag' | 'lengthM' | 'beamM', string>>) {
    if (!(await this.page.getByTestId('vessel-form').isVisible())) await this.page.getByTestId('vessel-edit').click();
    for (const [k, v] of Object.entries(fields)) await this.page.getByTestId(`vessel-${k}`).fill(v);
    await this.page.getByTestId('vessel-save').click();
  }

  undoButton() {
    return this.page.getByTestId('undo');
  }

  redoButton() {
    return this.page.getByTestId('redo');
  }

  /**
   * How many pixels in a 30×30 square around a page point have the selection's yellow (#fde047):
   * a selected mark shows it, an unselected one does not.
   */
  async highlightPixels(p: { x: number; y: number }): Promise<number> {
    return this.colourPixels(p, [253, 224, 71]);
  }

  /** How many pixels in a square (30 px unless given) around a page point are close to a colour. */
  async colourPixels(p: { x: number; y: number }, [r, g, b]: [number, number, number], size = 30): Promise<number> {
    // Two frames: the map draws on the next animation frame after a change.
    await this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const png = await this.page.screenshot({ clip: { x: p.x - size / 2, y: p.y - size / 2, width: size, height: size } });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    let n = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      if (Math.abs(data[i]! - r) < 30 && Math.abs(data[i + 1]! - g) < 30 && Math.abs(data[i + 2]! - b) < 40) n++;
    }
    return n;
  }

  /** How many of this scene's marks are drawn, and how many of them only by the small staging layer. */
  async drawnMarks(): Promise<{ total: number; staged: number }> {
    return this.page.evaluate(() => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.lastSightingSync());
  }

  /** Ids of the marks drawn in the side-by-side comparison pane. */
  async compareMarkIds(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __quaywatch: TestHooks }).__quaywatch.map.compareSightingIds().sort());
  }

  /** Saves a screenshot of the window for a human to look at (artifacts/<name>.png). */
  async shot(name: string) {
    await this.page.screenshot({ path: `artifacts/${name}.png` });
  }

  async openFileMenu() {
    await this.page.getByTestId('file-menu').click();
  }
}
