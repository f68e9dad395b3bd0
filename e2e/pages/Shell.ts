import type { Locator, Page } from "@playwright/test";

/** The frame around every view: navigation, cluster switcher, theme. */
export class Shell {
  readonly nav: Locator;
  readonly themeButton: Locator;
  /** Who the cluster sees and whether they can edit ("… · read-only" / "… · can edit"); the reason is its title. */
  readonly permissions: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.themeButton = page.getByRole("button", { name: /^Theme:/ });
    this.permissions = page.getByTestId("permissions");
  }

  async open(view: string, cluster = "demo"): Promise<void> {
    await this.page.goto(`/c/${cluster}/${view}`);
  }

  async navigateTo(label: string): Promise<void> {
    await this.nav.getByRole("link", { name: label, exact: true }).click();
  }

  /** Cycles the theme until `<html data-theme>` is `theme`. */
  async useTheme(theme: "light" | "dark"): Promise<void> {
    for (let i = 0; i < 3; i++) {
      if ((await this.page.locator("html").getAttribute("data-theme")) === theme) return;
      await this.themeButton.click();
    }
  }
}
