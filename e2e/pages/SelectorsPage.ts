import type { Locator, Page } from "@playwright/test";

export class SelectorsPage {
  readonly input: Locator;
  readonly summary: Locator;
  readonly matches: Locator;
  readonly error: Locator;
  readonly matrix: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByRole("textbox", { name: "Selector" });
    this.summary = page.getByTestId("selector-summary");
    this.matches = page.getByTestId("selector-match");
    this.error = page.getByTestId("selector-error");
    this.matrix = page.getByTestId("selector-matrix");
  }

  async open(): Promise<void> {
    await this.page.goto("/c/demo/selectors");
  }

  /** Types like a person, key by key, so the as-you-type path is what gets tested. */
  async type(selector: string): Promise<void> {
    await this.input.fill("");
    await this.input.pressSequentially(selector, { delay: 5 });
  }
}
