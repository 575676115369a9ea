// Page model of the dialogs that take work out of the app: Export data, Report, Save figure, Time-lapse, Save a copy
// (File menu or shortcuts).
import { expect, type Locator, type Page } from '@playwright/test';

type Kind = 'export' | 'report' | 'save-copy' | 'figure' | 'timelapse';

export class OutputDialogsPage {
  constructor(readonly page: Page) {}

  dialog(kind: Kind): Locator {
    return this.page.getByTestId(`${kind}-dialog`);
  }

  /** Opens a dialog through File → Export data… / Report… / Save a copy…. */
  async openFromMenu(kind: Kind) {
    await this.page.getByTestId('file-menu').click();
    await this.page.getByTestId(`menu-${kind}`).click();
    await expect(this.dialog(kind)).toBeVisible();
  }

  pathField(kind: Kind): Locator {
    return this.page.getByTestId(`${kind}-path`);
  }

  submit(kind: Kind): Locator {
    return this.page.getByTestId(`${kind}-submit`);
  }

  working(kind: Kind): Locator {
    return this.page.getByTestId(`${kind}-working`);
  }

  /** The "<file> already exists. Replace it?" question inside the dialog. */
  replaceQuestion(kind: Kind): Locator {
    return this.page.getByTestId(`${kind}-replace`);
  }

  async answerReplace(kind: Kind, answer: 'Replace' | 'Cancel') {
    await this.page.getByTestId(`${kind}-replace-${answer === 'Replace' ? 'confirm' : 'cancel'}`).click();
  }

  infoToast(): Locator {
    return this.page.getByTestId('toast-info');
  }

  errorToast(): Locator {
    return this.page.getByTestId('toast-error');
  }

  /** Dismisses every toast, so the next assertion reads only what the next action says. */
  async dismissToasts() {
    // An information toast may fade by itself between listing and clicking it.
    for (const t of await this.page.locator('.toast button[aria-label="Dismiss"]').all()) await t.click({ timeout: 2_000 }).catch(() => {});
    await expect(this.page.locator('.toast')).toHaveCount(0);
  }

  async shot(kind: Kind, name: string) {
    await this.dialog(kind).screenshot({ path: `artifacts/${name}.png` });
  }
}
