import { expect, test } from "@playwright/test";
import { PoliciesPage } from "../pages/PoliciesPage";
import { PolicyPage } from "../pages/PolicyPage";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

// The width the dashboard's screenshots are reviewed at.
test.use({ viewport: { width: 1280, height: 800 } });

// The demo runs Calico v3.32.0, which enforces ClusterNetworkPolicy and no longer AdminNetworkPolicy or
// BaselineAdminNetworkPolicy (docs/calico-semantics.md §8): the classic (v3.31) spec holds the other side.
test("admin network policies: the ClusterNetworkPolicy in kube-admin first; ANP and BANP last, marked not enforced", async ({
  page,
}, testInfo) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await expect(policies.rows.first()).toBeVisible();
  await expect(policies.names.first()).toHaveText("cluster-dns");
  await expect(policies.row("cluster-dns")).toContainText("kube-admin");
  await expect(policies.row("cluster-dns").getByTestId("enforcement-badge")).toHaveCount(0);
  const last = policies.rows.last();
  await last.scrollIntoViewIfNeeded();
  await expect(policies.names.last()).toHaveText("default");
  await expect(last).toContainText("BANP");
  const banp = last.getByTestId("enforcement-badge");
  await expect(banp).toHaveText("not enforced");
  await expect(banp).toHaveAttribute(
    "title",
    /^Not enforced by Calico v3\.32\.0: only Calico v3\.30 to v3\.31 enforce/,
  );
  const anp = policies.row("shop-guard");
  await expect(anp).toContainText("ANP");
  await expect(anp).toContainText("kanp.adminnetworkpolicy.shop-guard");
  await expect(anp.getByTestId("enforcement-badge")).toHaveText("not enforced");
  // Only the tiers Calico v3.32 evaluates: no adminnetworkpolicy, no baselineadminnetworkpolicy.
  const tiers = page.getByTestId("tier-chip");
  await expect(tiers.first()).toHaveAttribute("data-tier", "kube-admin");
  await expect(tiers.first()).toContainText("then Pass");
  await expect(tiers.last()).toHaveAttribute("data-tier", "default");
  await saveScreenshot(page, testInfo, "admin-policies-light");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "admin-policies-dark");

  await policies.openPolicy("shop-guard");
  const policy = new PolicyPage(page);
  await expect(policy.title).toHaveText("shop-guard");
  await expect(page.getByTestId("enforcement-badge")).toHaveText("not enforced");
  await expect(page.getByText(/^Not enforced by Calico v3\.32\.0: only Calico v3\.29 to v3\.31 enforce/)).toBeVisible();
  await expect(policy.rules.first()).toContainText("Pass");
  await saveScreenshot(page, testInfo, "admin-policy-page-dark");
});
