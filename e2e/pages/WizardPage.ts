import type { Locator, Page } from "@playwright/test";

export class WizardPage {
  readonly yaml: Locator;
  readonly appliesTo: Locator;
  readonly beforeAfter: Locator;
  /** Starts the review (diff + dry run); nothing is written until `confirm`. */
  readonly review: Locator;
  /** The review: each document's change against the cluster and the dry run's outcome. */
  readonly reviewPanel: Locator;
  readonly confirm: Locator;
  readonly result: Locator;
  /** The before/after's first row: what the host endpoint decides now and after applying. */
  readonly hostChange: Locator;
  readonly endToEnd: Locator;
  readonly copy: Locator;
  readonly download: Locator;
  readonly openInEditor: Locator;
  /** The confirmation (or failure) of a copy or download. */
  readonly exportStatus: Locator;
  /** While the form cannot generate a policy: what it still needs. */
  readonly stillNeeded: Locator;

  constructor(
    readonly page: Page,
    /** Another server's origin (e.g. the read-only BFF); the configured baseURL when absent. */
    private readonly origin = "",
  ) {
    this.yaml = page.getByTestId("yaml-editor");
    this.appliesTo = page.getByTestId("endpoint-item");
    this.beforeAfter = page.getByTestId("before-after");
    this.review = page.getByRole("button", { name: "Review and apply…", exact: true });
    this.reviewPanel = page.getByTestId("wizard-review");
    this.confirm = page.getByRole("button", { name: "Confirm apply", exact: true });
    this.result = page.getByTestId("apply-result");
    this.hostChange = page.getByTestId("host-change");
    this.endToEnd = page.getByTestId("end-to-end");
    this.copy = page.getByRole("button", { name: "Copy YAML", exact: true });
    this.download = page.getByRole("button", { name: "Download", exact: true });
    this.openInEditor = page.getByRole("button", { name: "Open in editor", exact: true });
    this.exportStatus = page.getByTestId("export-status");
    this.stillNeeded = page.getByTestId("still-needed");
  }

  async open(mode: "allowlist" | "deny-nodeports"): Promise<void> {
    await this.page.goto(`${this.origin}/c/demo/wizard?mode=${mode}`);
  }

  /** Picks a LoadBalancer Service as the allowlist's destination, by its option label. */
  async pickService(label: string): Promise<void> {
    await this.field("LoadBalancer service").selectOption({ label });
  }

  /** Reviews the YAML (diff + dry run), waits for the dry run to pass, and confirms. */
  async reviewAndApply(): Promise<void> {
    await this.review.click();
    await this.reviewPanel.getByTestId("apply-result").and(this.page.locator('[data-outcome="dry-run"]')).waitFor();
    await this.confirm.click();
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Clicks Download and returns the saved file's suggested name and text. */
  async downloadYaml(): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([this.page.waitForEvent("download"), this.download.click()]);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }
}
