import type { Locator, Page } from "@playwright/test";

export type StageName = "untracked" | "preDNAT" | "normal" | "forward";

export class HostEndpointsPage {
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId("hep-row");
  }

  async open(): Promise<void> {
    await this.page.goto("/c/demo/hostendpoints");
  }

  async openEndpoint(name: string): Promise<HostEndpointPage> {
    await this.rows.getByRole("link", { name, exact: true }).click();
    return new HostEndpointPage(this.page);
  }
}

export class HostEndpointPage {
  readonly title: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
  }

  /** The policy names listed for one stage, in the order shown. */
  stagePolicies(stage: StageName): Locator {
    return this.page.locator(`[data-stage="${stage}"]`).getByTestId("stage-policy").locator("a");
  }
}
