import type { Locator, Page } from "@playwright/test";

export class PolicySetsPage {
  readonly foundSets: Locator;
  readonly status: Locator;
  readonly regionSource: Locator;
  readonly files: Locator;
  readonly probes: Locator;
  readonly lockOutClear: Locator;
  readonly result: Locator;
  readonly edited: Locator;
  readonly bringUpToDate: Locator;

  constructor(readonly page: Page) {
    this.foundSets = page.getByTestId("found-set");
    this.status = page.getByTestId("set-status");
    this.regionSource = page.getByTestId("region-source");
    this.files = page.getByTestId("set-file");
    this.probes = page.getByTestId("set-probe");
    this.lockOutClear = page.getByTestId("lock-out-clear");
    this.result = page.getByTestId("apply-result");
    this.edited = page.getByTestId("drift-edited");
    this.bringUpToDate = page.getByRole("button", { name: "Bring up to date…" });
  }

  async open(): Promise<void> {
    await this.page.goto("/c/demo/policy-sets");
  }

  probe(id: string): Locator {
    return this.page.locator(`[data-testid="set-probe"][data-probe="${id}"]`);
  }

  applyButton(changes: number): Locator {
    return this.page.getByRole("button", { name: `Apply ${changes} change${changes === 1 ? "" : "s"} as one` });
  }
}
