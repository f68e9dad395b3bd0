import type { Locator, Page } from "@playwright/test";

export class PoliciesPage {
  readonly rows: Locator;
  readonly names: Locator;
  readonly search: Locator;
  readonly stage: Locator;
  readonly endpoint: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId("policy-row");
    this.names = this.rows.locator(".name a");
    this.search = page.getByLabel("Search policies", { exact: true });
    this.stage = page.getByLabel("Stage", { exact: true });
    this.endpoint = page.getByLabel("Applies to endpoint", { exact: true });
    this.count = page.getByTestId("policy-count");
  }

  async open(query = ""): Promise<void> {
    await this.page.goto(`/c/demo/policies${query}`);
  }

  row(name: string): Locator {
    return this.page.getByRole("row", { name: new RegExp(`\\b${name}\\b`) });
  }

  async openPolicy(name: string): Promise<void> {
    await this.names.getByText(name, { exact: true }).click();
  }
}
