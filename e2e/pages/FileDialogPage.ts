// Page model of browser mode's file dialog (renderer/src/files/FileDialog.tsx): places, the folder list,
// the name and format of a save, and the keys an analyst uses in a desktop file dialog.
import { expect, type Locator, type Page } from '@playwright/test';

export class FileDialogPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('file-dialog');
  }

  /** The folder shown, as the path bar holds it. */
  path(): Locator {
    return this.page.getByTestId('file-dialog-path');
  }

  entry(name: string): Locator {
    return this.dialog.locator(`[data-testid="file-dialog-entry"][data-name="${name}"]`);
  }

  entryNames(): Promise<string[]> {
    return this.dialog.getByTestId('file-dialog-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));
  }

  place(kind: 'home' | 'projects' | 'root' | 'recent'): Locator {
    return this.page.getByTestId(`file-dialog-place-${kind}`);
  }

  /** Home, listed: a name typed before the listing arrives would be saved in the folder the dialog opened on. */
  async goHome() {
    await this.place('home').click();
    await this.expectAt((await this.place('home').getAttribute('data-path'))!);
  }

  /** Opens a folder or chooses a file by double-clicking it, as on a desktop. */
  async doubleClick(name: string) {
    await this.entry(name).dblclick();
  }

  async expectAt(folder: string) {
    await expect(this.path()).toHaveAttribute('data-path', folder);
  }

  nameField(): Locator {
    return this.page.getByTestId('file-dialog-name');
  }

  typeFilter(): Locator {
    return this.page.getByTestId('file-dialog-type');
  }

  choose(): Locator {
    return this.page.getByTestId('file-dialog-choose');
  }

  async shot(name: string) {
    await this.dialog.screenshot({ path: `artifacts/${name}.png` });
  }
}
