import { expect, test } from "@playwright/test";
import { PoliciesPage } from "../pages/PoliciesPage";
import { PolicyPage } from "../pages/PolicyPage";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

// The width the dashboard's screenshots are reviewed at.
test.use({ viewport: { width: 1280, height: 800 } });

// The demo (ibm-classic, classic storage) runs Calico v3.31.0 by its ClusterInformation, which enforces
// AdminNetworkPolicy and BaselineAdminNetworkPolicy in their own tiers and not ClusterNetworkPolicy
// (docs/calico-semantics.md §8). The v3.32 side is held by the BFF's admin-policies test.
test("on Calico v3.31 the ANP and BANP sit in their tiers, and the ClusterNetworkPolicy is marked not enforced", async ({
  page,
}, testInfo) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await expect(policies.names.first()).toHaveText("shop-guard");
  await expect(policies.rows.first()).toContainText("kanp.adminnetworkpolicy.shop-guard");
  await expect(policies.rows.first().getByTestId("enforcement-badge")).toHaveCount(0);
  const tiers = page.getByTestId("tier-chip");
  await expect(tiers.first()).toHaveAttribute("data-tier", "adminnetworkpolicy");
  await expect(tiers.first()).toContainText("then Pass");
  await expect(tiers.last()).toHaveAttribute("data-tier", "baselineadminnetworkpolicy");
  await expect(tiers.filter({ hasText: "kube-admin" })).toHaveCount(0);
  const last = policies.rows.last();
  await last.scrollIntoViewIfNeeded();
  await expect(policies.names.last()).toHaveText("cluster-dns");
  const badge = last.getByTestId("enforcement-badge");
  await expect(badge).toHaveText("not enforced");
  await expect(badge).toHaveAttribute(
    "title",
    /^Not enforced by Calico v3\.31\.0: only Calico v3\.32 and newer enforce/,
  );
  await saveScreenshot(page, testInfo, "admin-policies-light");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "admin-policies-dark");

  await policies.openPolicy("cluster-dns");
  const policy = new PolicyPage(page);
  await expect(policy.title).toHaveText("cluster-dns");
  await expect(page.getByTestId("enforcement-badge")).toHaveText("not enforced");
  await expect(page.getByText(/^Not enforced by Calico v3\.31\.0: only Calico v3\.32 and newer enforce/)).toBeVisible();
  await saveScreenshot(page, testInfo, "admin-policy-page-dark");
});
