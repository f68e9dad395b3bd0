import type { Locator, Page } from "@playwright/test";

/** Logged packets: kernel log lines from Felix's Log rules pasted, parsed, named and explained. */
export class PacketLogPage {
  readonly lines: Locator;
  readonly logPrefix: Locator;
  /** "N of M lines read", once read. */
  readonly status: Locator;
  readonly entries: Locator;
  readonly errors: Locator;

  constructor(readonly page: Page) {
    this.lines = page.getByLabel("Log lines");
    this.logPrefix = page.getByLabel("FelixConfiguration logPrefix");
    this.status = page.getByRole("status").filter({ hasText: /lines read/ });
    this.entries = page.getByTestId("packet-log-entry");
    this.errors = page.getByTestId("packet-log-error");
  }

  /** Pastes `lines` (with `logPrefix` when given) and reads them. */
  async read(lines: readonly string[], logPrefix?: string): Promise<void> {
    await this.lines.fill(lines.join("\n"));
    if (logPrefix !== undefined) await this.logPrefix.fill(logPrefix);
    await this.page.getByRole("button", { name: "Read lines" }).click();
  }

  entry(line: number): Locator {
    return this.page.getByRole("article", { name: `Line ${line}` });
  }
}
