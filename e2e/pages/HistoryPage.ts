import type { Locator, Page } from "@playwright/test";

/** The History view, and the history section a policy's page shows (same entries, same controls). */
export class HistoryPage {
  readonly entries: Locator;
  readonly object: Locator;
  readonly user: Locator;
  readonly outcome: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.entries = page.getByTestId("history-entry");
    this.object = page.getByRole("searchbox", { name: "Object" });
    this.user = page.getByRole("searchbox", { name: "User" });
    this.outcome = page.getByRole("combobox", { name: "Outcome" });
    this.count = page.getByRole("heading", { name: "History" }).locator("..").getByRole("status");
  }

  async open(query = ""): Promise<void> {
    await this.page.goto(`/c/demo/history${query}`);
    await this.page.getByRole("heading", { name: "History", level: 1 }).waitFor();
  }

  /** The entry whose line says `text` (e.g. "updated", "Refused"). */
  entry(text: string | RegExp): Locator {
    return this.entries.filter({ hasText: text });
  }
}
