// Page model of the main window: what a user sees and does, named as they would name it.
import { expect, type Page } from '@playwright/test';

interface TestHooks {
  map: { pixelOf(lonLat: [number, number]): [number, number] | null; viewState(): { center: number[]; resolution: number } | null; countViewports(): number };
  store: { getState(): { sceneIndex: number; scenes: { id: string; acquired: string }[] } };
}

export class QuaywatchPage {
  constructor(readonly page: Page) {}

  get map() {
    return this.page.getByTestId('map');
  }

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByTestId('project-name')).not.toHaveText('No project');
    await this.waitForImagery();
  }

  /** Waits until the map has drawn the current scene's pixels. */
  async waitForImagery() {
    const sceneId = await this.page.evaluate(() => {
      const w = window as unknown as { __quaywatch: TestHooks };
      const s = w.__quaywatch.store.getState();
      return s.scenes[s.sceneIndex]?.id ?? null;
    });
    await expect(this.map).toHaveAttribute('data-rendered-scene-id', sceneId ?? '', { timeout: 30_000 });
    await expect(this.map).toHaveAttribute('data-render-state', 'complete');
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

  async openFileMenu() {
    await this.page.getByTestId('file-menu').click();
  }
}
