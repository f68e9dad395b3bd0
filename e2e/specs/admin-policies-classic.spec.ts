import { expect, test } from "@playwright/test";
import { CLASSIC_CLUSTER } from "../classic";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

test.use({ viewport: { width: 1280, height: 800 } });

// The classic demo runs Calico v3.31.0 (its ClusterInformation), which enforces AdminNetworkPolicy and
// BaselineAdminNetworkPolicy in their own tiers and not ClusterNetworkPolicy (docs/calico-semantics.md §8).
test("on Calico v3.31 the ANP and BANP sit in their tiers, and the ClusterNetworkPolicy is marked not enforced", async ({
  page,
}, testInfo) => {
  await page.goto(`/c/${CLASSIC_CLUSTER}/policies`);
  const rows = page.getByTestId("policy-row");
  const names = rows.locator(".name a");
  await expect(names.first()).toHaveText("shop-guard");
  await expect(rows.first()).toContainText("adminnetworkpolicy");
  await expect(rows.first().getByTestId("enforcement-badge")).toHaveCount(0);
  const tiers = page.getByTestId("tier-chip");
  await expect(tiers.first()).toHaveAttribute("data-tier", "adminnetworkpolicy");
  await expect(tiers.last()).toHaveAttribute("data-tier", "baselineadminnetworkpolicy");
  await expect(tiers.filter({ hasText: "kube-admin" })).toHaveCount(0);
  const last = rows.last();
  await last.scrollIntoViewIfNeeded();
  await expect(names.last()).toHaveText("cluster-dns");
  const badge = last.getByTestId("enforcement-badge");
  await expect(badge).toHaveText("not enforced");
  await expect(badge).toHaveAttribute(
    "title",
    /^Not enforced by Calico v3\.31\.0: only Calico v3\.32 and newer enforce/,
  );
  await saveScreenshot(page, testInfo, "admin-policies-v3.31-light");
  await new Shell(page).useTheme("dark");
  await saveScreenshot(page, testInfo, "admin-policies-v3.31-dark");
});
