import { expect, test } from "@playwright/test";
import { PoliciesPage } from "../pages/PoliciesPage";
import { PolicyPage } from "../pages/PolicyPage";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

// The width the dashboard's screenshots are reviewed at.
test.use({ viewport: { width: 1280, height: 800 } });

test("admin network policies sit in their tiers: before the default tier, and the baseline policy last", async ({
  page,
}, testInfo) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await expect(policies.rows.first()).toBeVisible();
  // The admin tiers come first in evaluation order, the baseline tier after default (docs/calico-semantics.md §8).
  await expect(policies.names.first()).toHaveText("shop-guard");
  await expect(policies.row("shop-guard")).toContainText("ANP");
  await expect(policies.row("shop-guard")).toContainText("adminnetworkpolicy");
  await expect(policies.row("shop-guard")).toContainText("kanp.adminnetworkpolicy.shop-guard");
  await expect(policies.names.nth(1)).toHaveText("cluster-dns");
  await expect(policies.row("cluster-dns")).toContainText("kube-admin");
  await expect(policies.names.nth(2)).not.toHaveText(/shop-guard|cluster-dns/);
  const tiers = page.getByTestId("tier-chip");
  await expect(tiers.first()).toHaveAttribute("data-tier", "adminnetworkpolicy");
  await expect(tiers.first()).toContainText("then Pass");
  await expect(tiers.last()).toHaveAttribute("data-tier", "baselineadminnetworkpolicy");
  await saveScreenshot(page, testInfo, "admin-policies-light");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "admin-policies-dark");

  // Its tier names the baseline policy (the BFF test holds it as the last row).
  await policies.open("?q=baselineadminnetworkpolicy");
  await expect(policies.names).toHaveText(["default"]);

  await policies.open();
  await policies.openPolicy("shop-guard");
  const policy = new PolicyPage(page);
  await expect(policy.title).toHaveText("shop-guard");
  await expect(policy.rules.first()).toContainText("Pass");
  await saveScreenshot(page, testInfo, "admin-policy-page-dark");
});
