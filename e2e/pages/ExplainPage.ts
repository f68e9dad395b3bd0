import type { Locator, Page } from "@playwright/test";

export interface Packet {
  readonly endpoint: string;
  readonly direction?: "Ingress" | "Egress";
  /** The peer's address, or `localHost`: the endpoint's own node itself. */
  readonly ip: string | "localHost";
  readonly protocol: string;
  readonly port: number;
  readonly preDnat?: string;
}

export class ExplainPage {
  readonly result: Locator;
  readonly verdict: Locator;
  readonly decided: Locator;
  /** kube-proxy's translation of a Service destination, above the trace. */
  readonly dnat: Locator;
  /** The stages in order, each with its endpoint and outcome. */
  readonly path: Locator;
  /** The rows that open a stage or mark the DNAT. */
  readonly stageRows: Locator;

  constructor(readonly page: Page) {
    this.result = page.getByTestId("explain-result");
    this.verdict = page.getByTestId("verdict");
    this.decided = page.locator(".trace-step.decided");
    this.dnat = page.getByTestId("dnat");
    this.path = page.getByTestId("stage-path");
    this.stageRows = page.locator(".trace-step.step-stage, .trace-step.step-dnat");
  }

  /** Fills the form as a user would and asks. */
  async explain(p: Packet): Promise<void> {
    await this.page.goto("/c/demo/explain");
    await this.page.getByLabel("Endpoint", { exact: true }).fill(p.endpoint);
    if (p.direction === "Egress") await this.page.getByRole("combobox", { name: /^Direction/ }).selectOption("Egress");
    if (p.ip === "localHost") await this.page.getByLabel("Peer is the endpoint's own node (a host process)").check();
    else await this.page.getByLabel("Peer IP", { exact: true }).fill(p.ip);
    await this.page.getByLabel("Protocol", { exact: true }).fill(p.protocol);
    await this.page.getByLabel("Port", { exact: true }).fill(String(p.port));
    if (p.preDnat !== undefined)
      await this.page.getByLabel("Before DNAT (NodePort/LB)", { exact: true }).fill(p.preDnat);
    await this.page.getByRole("button", { name: "Explain" }).click();
  }
}
