import { expect, test } from "@playwright/test";
import { IBM_DEFAULTS_IN_ORDER } from "../pages/ibmDefaults";
import { PoliciesPage } from "../pages/PoliciesPage";
import { PolicyPage } from "../pages/PolicyPage";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

test("the policy table lists IBM's default policies in Calico's evaluation order", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/c\/demo\/policies$/);
  const policies = new PoliciesPage(page);
  // Other kinds (the demo's Kubernetes policies, at order 1000) interleave; IBM's GNPs keep their relative order.
  const globalPolicies = policies.rows.filter({ has: page.locator("td.kind", { hasText: /^GNP$/ }) });
  await expect(globalPolicies.locator(".name a")).toHaveText([...IBM_DEFAULTS_IN_ORDER]);
  await expect(policies.row("allow-bigfix-port")).toContainText("1900");
  await expect(policies.row("allow-node-port-dnat")).toContainText("applyOnForward");
  await expect(policies.row("allow-all-private-default")).toContainText("4 HEP");
  await saveScreenshot(page, testInfo, "policies-light");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "policies-dark");
});

test("filters live in the URL: by stage, by text, and by the endpoint a policy applies to", async ({ page }) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await policies.stage.selectOption("forward");
  await expect(page).toHaveURL(/stage=forward/);
  await expect(policies.names.filter({ hasText: "allow-node-port-dnat" })).toHaveCount(1);
  await expect(policies.names.filter({ hasText: "allow-vrrp" })).toHaveCount(0);

  await policies.open("?q=52311");
  await expect(policies.names).toHaveText(["allow-bigfix-port"]);

  await policies.open("?endpoint=hep%2F10.176.48.106-worker-private");
  await expect(policies.names).toHaveText(["allow-all-private-default"]);
  await expect(policies.count).toHaveText(/^1 of \d+ policies$/);
});

test("a policy page shows its rules in words and the host endpoints it applies to", async ({ page }, testInfo) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await policies.openPolicy("allow-bigfix-port");
  const policy = new PolicyPage(page);
  await expect(policy.title).toHaveText("allow-bigfix-port");
  await expect(policy.rules).toHaveCount(2);
  await expect(policy.rules.first()).toContainText("Allow TCP to port 52311");
  await expect(policy.appliesTo).toHaveCount(4);
  await expect(policy.appliesTo.first()).toContainText("worker-public");
  // Rules are numbered as people count them, and the breadcrumb says where the page is.
  await expect(policy.rules.first().locator("td.num")).toHaveText("1");
  await expect(page.getByTestId("breadcrumb").getByRole("listitem")).toHaveText(["Policies", "allow-bigfix-port"]);
  await expect(page.getByTestId("breadcrumb").locator('[aria-current="page"]')).toHaveText("allow-bigfix-port");
  await saveScreenshot(page, testInfo, "policy-page");
});

test("a name, selector or rule cut at 1280 px can be read whole: its tooltip, or a column widened by drag or keyboard", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const policies = new PoliciesPage(page);
  await policies.open();
  const row = policies.row("allow-node-port-dnat");
  const selector = row.locator("td.selector");
  const cut = (cell: typeof selector) => cell.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(await selector.getAttribute("title")).toBe(await selector.textContent());
  await expect(row.locator("td.types")).toHaveAttribute("title", "Ingress");
  expect(await cut(selector)).toBe(true);

  // From the keyboard: the column edge is a focusable separator; the arrow keys move it.
  const handle = page.getByRole("separator", { name: "Resize the Selector column" });
  await handle.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => cut(selector)).toBe(false);
  await saveScreenshot(page, testInfo, "policies-selector-widened");
  await page.keyboard.press("Escape");
  await expect.poll(() => cut(selector)).toBe(true);

  // With the mouse: drag the Name column's edge to the right.
  const name = row.locator("td.name");
  const nameHandle = page.getByRole("separator", { name: "Resize the Name column" });
  const box = await nameHandle.boundingBox();
  if (box === null) throw new Error("the Name column has no resize handle");
  const widthBefore = (await name.boundingBox())?.width ?? 0;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 150, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await name.boundingBox())?.width ?? 0).toBeGreaterThan(widthBefore + 100);
});

test("a link to a policy or host endpoint that does not exist says so, without retrying, and leads back", async ({
  page,
}) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/clusters/demo/policies/GlobalNetworkPolicy/")) asked.push(r.url());
  });
  await page.goto("/c/demo/policies/GlobalNetworkPolicy/deleted-meanwhile");
  const notFound = page.getByTestId("not-found");
  await expect(page.getByRole("heading", { name: "Policy not found" })).toBeVisible();
  await expect(notFound).toContainText("GlobalNetworkPolicy deleted-meanwhile does not exist in demo");
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  // A 404 is an answer, not a failure: asked once, not again a second later.
  await page.waitForTimeout(1_500);
  expect(asked).toHaveLength(1);
  await notFound.getByRole("link", { name: "Back to the policies" }).click();
  await expect(page).toHaveURL(/\/c\/demo\/policies$/);

  await page.goto("/c/demo/hostendpoints/no-such-interface");
  await expect(page.getByRole("heading", { name: "Host endpoint not found" })).toBeVisible();
  await expect(notFound).toContainText("HostEndpoint no-such-interface does not exist in demo");
  await notFound.getByRole("link", { name: "Back to the host endpoints" }).click();
  await expect(page).toHaveURL(/\/c\/demo\/hostendpoints$/);
});
