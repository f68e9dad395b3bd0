import { expect, test } from "@playwright/test";
import { SIM_CLUSTER } from "../classic";
import { PoliciesPage } from "../pages/PoliciesPage";
import { PolicyPage } from "../pages/PolicyPage";
import { Shell } from "../pages/Shell";
import { WizardPage } from "../pages/WizardPage";
import { saveScreenshot } from "../screenshot";

// The width the dashboard's screenshots are reviewed at.
test.use({ viewport: { width: 1280, height: 800 } });

const policies = `/c/${SIM_CLUSTER}/policies`;

// The same seed on native projectcalico.org/v3 storage, whose ClusterInformation says Calico v3.32.0: it enforces the
// ClusterNetworkPolicy in kube-admin and neither the AdminNetworkPolicy nor the BaselineAdminNetworkPolicy
// (docs/calico-semantics.md §8). The v3.31 side is admin-policies.spec.ts.
test("on Calico v3.32 the ANP and BANP are marked not enforced, and their pages show what they would select", async ({
  page,
}, testInfo) => {
  const list = new PoliciesPage(page);
  await page.goto(policies);
  await expect(page.getByTestId("calico-version")).toContainText("v3.32.0");
  await expect(page.getByTestId("tier-chip").first()).toHaveAttribute("data-tier", "kube-admin");
  await expect(page.getByTestId("tier-chip").filter({ hasText: "adminnetworkpolicy" })).toHaveCount(0);
  const cnp = list.rows.filter({ hasText: "cluster-dns" });
  await expect(cnp.getByTestId("enforcement-badge")).toHaveCount(0);
  // Listed after every evaluated tier, each with the badge and why.
  const last = list.rows.last();
  await last.scrollIntoViewIfNeeded();
  await expect(list.names.last()).toHaveText("default");
  await expect(last.getByTestId("enforcement-badge")).toHaveText("not enforced");
  const anp = list.rows.filter({ hasText: "shop-guard" });
  await expect(anp.getByTestId("enforcement-badge")).toHaveAttribute(
    "title",
    /^Not enforced by Calico v3\.32\.0: only Calico v3\.29 to v3\.31 enforce AdminNetworkPolicy/,
  );

  // Its page: what it would select, labelled as such, not "Applies to (0)".
  await page.goto(`${policies}/AdminNetworkPolicy/shop-guard`);
  const policy = new PolicyPage(page);
  await expect(policy.title).toHaveText("shop-guard");
  await expect(page.getByRole("heading", { name: /^Applies to/ })).toHaveCount(0);
  const would = page.getByRole("heading", { name: /^Would apply to \(\d+\) not enforced$/ });
  await expect(would).toBeVisible();
  await expect(page.getByTestId("would-apply-note")).toContainText("applies to no endpoint");
  await expect(policy.appliesTo.first()).toContainText("shop");
  const shown = Number(/\((\d+)\)/.exec((await would.textContent()) ?? "")?.[1]);
  expect(shown).toBeGreaterThan(0);
  await saveScreenshot(page, testInfo, "not-enforced-policy-light");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "not-enforced-policy-dark");

  // An enforced one still says what it applies to.
  await page.goto(`${policies}/ClusterNetworkPolicy/cluster-dns`);
  await expect(page.getByRole("heading", { name: /^Applies to \(\d+\)$/ })).toBeVisible();
  await expect(page.getByTestId("would-apply-note")).toHaveCount(0);
});

test("the tier form checks built-in tiers by Calico v3.32's rules", async ({ page }) => {
  await page.goto(policies);
  await page.getByRole("link", { name: "New tier…" }).click();
  const wizard = new WizardPage(page);
  const order = wizard.field("Order (optional: without one the tier runs after every ordered tier)");
  const fieldErrors = page.locator(".field-error");
  await wizard.field("Name").fill("kube-admin");
  await order.fill("5");
  await expect(
    fieldErrors.filter({ hasText: 'Calico v3.32 requires the built-in tier "kube-admin" to have order 1000' }),
  ).toBeVisible();
  await expect(wizard.review).toHaveAttribute("aria-disabled", "true");
  // An ordinary name from v3.32 on: the v3.31 admin tiers' fixed orders no longer apply.
  await wizard.field("Name").fill("adminnetworkpolicy");
  await expect(page.getByTitle("Tier YAML")).toContainText("name: adminnetworkpolicy");
  await expect(fieldErrors).toHaveCount(0);
});
