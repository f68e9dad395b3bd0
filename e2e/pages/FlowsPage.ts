import type { Locator, Page } from "@playwright/test";

/** The Flows view: filters, the flows table, one flow's detail (Calico's trace beside Palisade's explain). */
export class FlowsPage {
  readonly source: Locator;
  readonly rows: Locator;
  readonly detail: Locator;
  readonly calicoTrace: Locator;
  readonly agreement: Locator;
  readonly palisadeTrace: Locator;

  constructor(readonly page: Page) {
    this.source = page.getByTestId("flow-source");
    this.rows = page.getByTestId("flow-row");
    this.detail = page.getByTestId("flow-detail");
    this.calicoTrace = this.detail.getByTestId("calico-trace");
    this.agreement = this.detail.getByTestId("agreement");
    this.palisadeTrace = this.detail.getByTestId("explain-result");
  }

  async filter(filters: { endpoint?: string; action?: "Allow" | "Deny" | "Pass"; range?: string }): Promise<void> {
    const bar = this.page.getByRole("search", { name: "Filter flows" });
    if (filters.range !== undefined) await bar.getByLabel("Time").selectOption({ label: filters.range });
    if (filters.endpoint !== undefined) await bar.getByLabel("Endpoint").fill(filters.endpoint);
    if (filters.action !== undefined) await bar.getByLabel("Action").selectOption(filters.action);
  }

  /** Opens the detail of the first flow shown. */
  async pickFirst(): Promise<void> {
    await this.rows
      .first()
      .getByRole("button", { name: /show this flow/ })
      .click();
  }
}
