import type { Locator, Page } from "@playwright/test";

export class WizardPage {
  readonly yaml: Locator;
  readonly appliesTo: Locator;
  readonly beforeAfter: Locator;
  readonly apply: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.yaml = page.getByTestId("yaml-editor");
    this.appliesTo = page.getByTestId("endpoint-item");
    this.beforeAfter = page.getByTestId("before-after");
    this.apply = page.getByRole("button", { name: "Apply", exact: true });
    this.result = page.getByTestId("apply-result");
  }

  async open(mode: "allowlist" | "deny-nodeports"): Promise<void> {
    await this.page.goto(`/c/demo/wizard?mode=${mode}`);
  }

  /** Picks a LoadBalancer Service as the allowlist's destination, by its option label. */
  async pickService(label: string): Promise<void> {
    await this.field("LoadBalancer service").selectOption({ label });
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }
}
