import type { Locator, Page } from "@playwright/test";

export class PolicyPage {
  readonly title: Locator;
  readonly rules: Locator;
  readonly appliesTo: Locator;
  readonly delete: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
    this.rules = page.getByTestId("rule-row");
    this.appliesTo = page.getByTestId("endpoint-item");
    this.delete = page.getByRole("button", { name: "Delete…", exact: true });
  }
}
