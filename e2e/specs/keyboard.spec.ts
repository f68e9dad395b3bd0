import { expect, type Locator, type Page, test } from "@playwright/test";
import { applyYaml, deletePolicy, policyYaml } from "../api";
import { EditorPage } from "../pages/EditorPage";
import { HistoryPage } from "../pages/HistoryPage";
import { PolicyPage } from "../pages/PolicyPage";
import { publicIngressPolicy } from "../pages/policyYaml";
import { Shell } from "../pages/Shell";
import { WizardPage } from "../pages/WizardPage";
import { saveScreenshot } from "../screenshot";

const NAME = "e2e-keyboard-allowlist";

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, { back = false, limit = 60 } = {}): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((el) => el !== null && document.activeElement === el, handle)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${String(target)} not reached with ${limit} presses of Tab`);
}

/** The focused element, described for a failure message. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el === null
      ? "null"
      : `${el.tagName.toLowerCase()}#${el.id} ${el.getAttribute("aria-label") ?? el.textContent?.slice(0, 40) ?? ""}`;
  });
}

test.afterEach(async ({ request }) => deletePolicy(request, "GlobalNetworkPolicy", NAME));

test("a keyboard alone authors IBM's allowlist in the wizard and applies it", async ({ page, request }, testInfo) => {
  const shell = new Shell(page);
  const wizard = new WizardPage(page);
  await shell.open("policies");
  await tabTo(page, shell.nav.getByRole("link", { name: "Wizard", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveTitle("Wizard · demo · Palisade");

  // The tabs: one Tab stop, arrows move between them.
  await tabTo(page, page.getByRole("tab", { name: "Pre-DNAT allowlist" }));
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Deny NodePorts" })).toBeFocused();
  await expect(page.getByRole("tabpanel", { name: "Deny NodePorts" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: "Pre-DNAT allowlist" })).toHaveAttribute("aria-selected", "true");

  for (const [label, text] of [
    ["Load balancer IPs", "169.46.7.238"],
    ["Client CIDRs allowed", "203.0.113.0/24"],
    ["Ports", "80"],
    ["Name (optional)", NAME],
  ] as const) {
    await tabTo(page, wizard.field(label));
    await page.keyboard.type(text);
  }
  await expect(wizard.yaml).toContainText(`name: ${NAME}`, { timeout: 45_000 }); // Monaco's first load
  await expect(wizard.yaml).toContainText("preDNAT: true");

  // Through the generated YAML: Tab moves on and never types into it, and the editor says so.
  const editor = wizard.yaml.locator("textarea");
  await tabTo(page, editor);
  await expect(page.getByTestId("editor-keys")).toContainText("Tab moves to the next control");
  await expect(editor).toHaveAttribute("aria-describedby", /.+/);
  const before = await editor.inputValue();
  await page.keyboard.press("Tab");
  await expect(editor).not.toBeFocused();
  expect(await editor.inputValue()).toBe(before);

  // Review (diff + dry run), then confirm: each step takes the focus as it replaces the button that led to it.
  await tabTo(page, wizard.review);
  await page.keyboard.press("Enter");
  await expect(wizard.reviewPanel.getByTestId("apply-result")).toHaveAttribute("data-outcome", "dry-run");
  await expect(wizard.reviewPanel, await focused(page)).toBeFocused();
  await tabTo(page, wizard.confirm);
  await saveScreenshot(page, testInfo, "keyboard-wizard-confirm-focused");
  await page.keyboard.press("Enter");
  await expect(wizard.result).toHaveAttribute("data-outcome", "applied");
  await expect(wizard.reviewPanel, await focused(page)).toBeFocused();
  expect(await policyYaml(request, "GlobalNetworkPolicy", NAME)).toContain("203.0.113.0/24");
});

test("the editor's Tab indents; Escape then Tab leaves it, as the hint below it says", async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.openNew();
  const textarea = editor.editor.locator("textarea");
  await expect(page.getByTestId("editor-keys")).toHaveText("Tab indents. To leave the editor, press Esc then Tab.");
  await editor.editor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Tab");
  await expect(textarea).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(textarea).not.toBeFocused();
  // Shift+Tab back in: the release was for one Tab only.
  await page.keyboard.press("Shift+Tab");
  await expect(textarea).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(textarea).toBeFocused();

  // Dry run keeps the focus while pending; its result lands in a live region that was there before it.
  await expect(page.getByTestId("apply-result-region")).toHaveAttribute("aria-live", "polite");
  await expect(editor.result).toHaveCount(0);
  await editor.dryRun.focus();
  await page.keyboard.press("Enter");
  await expect(editor.result).toHaveAttribute("data-outcome", "dry-run");
  await expect(editor.dryRun).toBeFocused();
});

test("opening a policy from the table names the page, announces it and puts the focus at its start", async ({
  page,
}) => {
  const shell = new Shell(page);
  await shell.open("policies");
  await expect(page).toHaveTitle("Policies · demo · Palisade");
  await expect(page.getByTestId("policy-count")).toHaveAttribute("role", "status");
  await tabTo(page, page.getByRole("link", { name: "allow-vrrp", exact: true }));
  await page.keyboard.press("Enter");
  await expect(new PolicyPage(page).title).toHaveText(/allow-vrrp/);
  await expect(page).toHaveTitle("allow-vrrp · Policies · demo · Palisade");
  await expect(page.getByTestId("route-announcer")).toHaveText("allow-vrrp · Policies");
  await expect(page.locator("main")).toBeFocused();
});

test("Cancel in the delete dialog gives the focus back to Delete…", async ({ page }) => {
  await page.goto("/c/demo/policies/GlobalNetworkPolicy/allow-vrrp");
  const policy = new PolicyPage(page);
  await tabTo(page, policy.delete);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("delete-impact")).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Cancel" }));
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(policy.delete).toBeFocused();
});

test("the cluster select switches on Enter, not on every arrow key", async ({ page }) => {
  await page.route("**/api/v1/clusters", async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as { items: { name: string }[] };
    const demo = body.items[0];
    await route.fulfill({ response: res, json: { ...body, items: [...body.items, { ...demo, name: "other" }] } });
  });
  await page.goto("/c/demo/policies");
  const select = page.getByTestId("cluster-select");
  await expect(select.locator("option")).toHaveCount(2);
  await select.focus();
  await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue("other");
  await expect(page).toHaveURL(/\/c\/demo\/policies$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/c\/other\/policies$/);
});

test("the policy sets' tabs are one Tab stop, and arrows, Home and End move between them", async ({ page }) => {
  await page.goto("/c/demo/policy-sets");
  const publicTab = page.getByRole("tab", { name: "Public network" });
  const privateTab = page.getByRole("tab", { name: "Private network" });
  await tabTo(page, publicTab);
  await page.keyboard.press("ArrowRight");
  await expect(privateTab).toBeFocused();
  await expect(privateTab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Private network" })).toContainText("allow-all-workers-private");
  await page.keyboard.press("ArrowRight"); // wraps
  await expect(publicTab).toBeFocused();
  await page.keyboard.press("End");
  await expect(privateTab).toBeFocused();
  await page.keyboard.press("Home");
  await expect(publicTab).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft"); // wraps
  await expect(privateTab).toHaveAttribute("aria-selected", "true");
  // Tab leaves the tablist for the panel: the other tab is not a Tab stop.
  await page.keyboard.press("Tab");
  await expect(publicTab).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.closest("[role=tabpanel]") !== null)).toBe(true);
});

test("every pod and interface in the graph can be picked without a pointer", async ({ page }) => {
  await page.goto("/c/demo/graph");
  const pick = page.getByLabel("Interface or pod (or click one)");
  await tabTo(page, pick);
  const pod = await pick.locator("optgroup[label=Pods] option").first().getAttribute("value");
  expect(pod).toMatch(/^wep\//);
  await pick.selectOption(pod ?? "");
  await expect(page.getByTestId("focus-panel")).toContainText(/^Pod /);
});

test("explain announces its verdict in a live region", async ({ page }) => {
  await page.goto("/c/demo/explain?endpoint=hep%2F10.176.48.106-worker-public&ip=203.0.113.50&protocol=TCP&port=22");
  await expect(page.getByTestId("explain-announcer")).toHaveAttribute("aria-live", "polite");
  await expect(page.getByTestId("explain-announcer")).toHaveText(/^(Allowed|Denied)/);
  // Asking again keeps the focus on the button while the answer is pending.
  await page.getByRole("button", { name: "Explain" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("explain-announcer")).toHaveText(/^(Allowed|Denied)/);
  await expect(page.getByRole("button", { name: "Explain" })).toBeFocused();
});

const SMALL = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  // A 1280 × 720 laptop at 200% zoom.
  { name: "zoom-200", viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 },
] as const;

for (const screen of SMALL) {
  test.describe(`on a ${screen.name} screen`, () => {
    test.use({ viewport: screen.viewport, deviceScaleFactor: "deviceScaleFactor" in screen ? 2 : 1 });

    test("the navigation is behind Menu and no page scrolls sideways", async ({ page }, testInfo) => {
      await page.goto("/c/demo/policies");
      await expect(page.getByTestId("policy-row").first()).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      const menu = page.getByRole("button", { name: "Menu" });
      await expect(nav).toBeHidden();
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await expect(page.getByTestId("cluster-select")).toBeInViewport();
      await expect(page.getByRole("button", { name: /^Theme:/ })).toBeInViewport();
      await saveScreenshot(page, testInfo, `${screen.name}-policies`);
      // The table's own scroll area is most of the screen, not a sliver.
      const body = await page.locator(".vtable-body").boundingBox();
      expect(body?.height ?? 0).toBeGreaterThan(200);

      for (const view of [
        "Flows",
        "Graph",
        "Host endpoints",
        "Selectors",
        "Editor",
        "Wizard",
        "Policy sets",
        "Explain",
        "History",
      ]) {
        await menu.click();
        await expect(menu).toHaveAttribute("aria-expanded", "true");
        await nav.getByRole("link", { name: view, exact: true }).click();
        await expect(page).toHaveTitle(`${view} · demo · Palisade`);
        await expect(nav).toBeHidden();
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        // Measured once the view's data has loaded: a table that arrives later can be what overflows.
        await expect(page.locator(".state.loading")).toHaveCount(0, { timeout: 45_000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${view} scrolls sideways`).toBeLessThanOrEqual(0);
        if (view === "Wizard") await saveScreenshot(page, testInfo, `${screen.name}-wizard`);
      }
    });

    test("the History, a diff open, fits the width in both themes", async ({ page, request }, testInfo) => {
      // A long name and a changed line wider than the screen: the diff scrolls in its own box, not the page.
      const name = `e2e-small-history-${"x".repeat(40)}-${Date.now().toString(36)}`;
      await applyYaml(request, publicIngressPolicy(name, 8443, 2100));
      await applyYaml(
        request,
        publicIngressPolicy(name, 8443, 2200).replace("ingress:", `# ${"wide ".repeat(30)}\n  ingress:`),
      );
      await deletePolicy(request, "GlobalNetworkPolicy", name);
      const history = new HistoryPage(page);
      await history.open(`?object=${name}`);
      await expect(history.entries).toHaveCount(3);
      await history.entry("updated").getByText("Diff").click();
      await expect(history.entry("updated").getByTestId("history-diff")).toContainText("+  order: 2200");
      for (const theme of ["light", "dark"] as const) {
        await new Shell(page).useTheme(theme);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, "History scrolls sideways").toBeLessThanOrEqual(0);
        await expect(page.getByRole("link", { name: "Restore this version…" }).first()).toBeInViewport();
        await saveScreenshot(page, testInfo, `${screen.name}-history-${theme}`);
      }
    });
  });
}
