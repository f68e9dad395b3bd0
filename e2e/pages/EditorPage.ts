import type { Locator, Page } from "@playwright/test";

export class EditorPage {
  readonly editor: Locator;
  readonly problems: Locator;
  readonly errorMarkers: Locator;
  readonly apply: Locator;
  readonly dryRun: Locator;
  readonly diff: Locator;
  readonly result: Locator;
  readonly conflict: Locator;
  readonly validation: Locator;
  readonly rebase: Locator;
  readonly delete: Locator;
  readonly diffResult: Locator;
  /** The banner saying why changes are off (read-only server or RBAC). */
  readonly writeBlocked: Locator;
  /** "Opened from the wizard (…)": text another view handed over. */
  readonly handoff: Locator;
  /** An earlier unsaved draft kept aside, with Switch to it / Discard it. */
  readonly draftAside: Locator;
  /** The editor's full text and problems as labelled, visually hidden document content (MonacoEditor's EditorText). */
  readonly textRegion: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId("yaml-editor");
    this.problems = page.getByTestId("problems").locator("li");
    this.errorMarkers = this.editor.locator(".squiggly-error");
    this.apply = page.getByRole("button", { name: "Apply", exact: true });
    this.dryRun = page.getByRole("button", { name: "Dry run", exact: true });
    this.diff = page.getByRole("button", { name: "Diff against live" });
    this.result = page.getByTestId("apply-result");
    this.conflict = page.getByTestId("conflict");
    this.validation = page.getByTestId("validation-state");
    this.rebase = page.getByRole("button", { name: "Rebase my edits onto the cluster's version" });
    this.delete = page.getByRole("button", { name: "Delete…", exact: true });
    this.diffResult = page.getByTestId("diff-result");
    this.writeBlocked = page.getByTestId("read-only");
    this.handoff = page.getByTestId("handoff");
    this.draftAside = page.getByTestId("draft-aside");
    this.textRegion = page.getByRole("region", { name: "Policy YAML: full text and problems" });
  }

  async openNew(origin = ""): Promise<void> {
    await this.page.goto(`${origin}/c/demo/editor`);
    await this.editor.locator(".view-lines").waitFor();
  }

  /** The whole document, as the editor exposes it to assistive technology (its labelled text region). */
  async text(): Promise<string> {
    return (await this.textRegion.getByTestId("editor-text").textContent()) ?? "";
  }

  async openPolicy(kind: string, name: string): Promise<void> {
    await this.page.goto(`/c/demo/editor?kind=${kind}&name=${encodeURIComponent(name)}`);
    await this.editor.locator(".view-lines").waitFor();
  }

  /** Replaces the first occurrence of `from` in the document by typing, as a user would. */
  async replace(from: string, to: string): Promise<void> {
    await this.editor.locator(".view-lines").click();
    await this.page.keyboard.press("ControlOrMeta+Home");
    await this.page.keyboard.press("ControlOrMeta+f");
    await this.page.keyboard.type(from);
    await this.page.keyboard.press("Escape");
    await this.page.keyboard.type(to);
  }
}
