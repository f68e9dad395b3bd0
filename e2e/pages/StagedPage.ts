import type { Locator, Page } from "@playwright/test";

export class StagedPage {
  readonly rows: Locator;
  readonly promotion: Locator;
  readonly promoted: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId("staged-row");
    this.promotion = page.getByTestId("promotion");
    this.promoted = page.getByTestId("promoted");
  }

  async open(): Promise<void> {
    await this.page.goto("/c/demo/staged");
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }
}
