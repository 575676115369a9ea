// Page model of the Analysis view: what an editor reads (counts beside coverage) and does (filters, open a visit, the Method page).
import { expect, type Locator, type Page } from '@playwright/test';

export class AnalysisPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('analysis-panel');
  }

  async open() {
    await this.page.getByTestId('view-analysis').click();
    await expect(this.panel).toBeVisible();
  }

  async close() {
    await this.page.getByTestId('view-map').click();
    await expect(this.panel).toHaveCount(0);
  }

  /** The row of the visits-per-month-per-zone table for one zone and month. */
  monthRow(zone: string, month: string): Locator {
    return this.page.getByTestId('monthly-zone-table').locator(`tr[data-zone="${zone}"][data-month="${month}"]`);
  }

  visitsIn(zone: string, month: string): Locator {
    return this.monthRow(zone, month).getByTestId('visits');
  }

  visitRows(): Locator {
    return this.page.getByTestId('visit-row');
  }

  chart(kind: string): Locator {
    return this.page.locator(`[data-chart-kind="${kind}"]`);
  }
}
