import { expect, test } from "@playwright/test";
import { ExplainPage } from "../pages/ExplainPage";
import { FlowsPage } from "../pages/FlowsPage";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

test("a denied flow on the demo: Calico's deciding policy and rule, Palisade agreeing, then its explain", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new Shell(page);
  await shell.open("policies");
  await shell.navigateTo("Flows");
  const flows = new FlowsPage(page);
  await expect(flows.source).toContainText("the demo's flow source: connected");

  // Pods calling nginx on port 80: the seed's access-nginx admits only run=access, so the rest end at the tier's end.
  await flows.filter({ endpoint: "nginx", action: "Deny" });
  await expect(flows.rows.first()).toBeVisible();
  await expect(flows.rows.filter({ hasNotText: "default/nginx-5d9c8f6b7c-*" })).toHaveCount(0);
  await flows.pickFirst();
  await expect(flows.detail).toContainText("reported by the destination (ingress policy)");
  const deciding = flows.calicoTrace.locator("li.deciding");
  await expect(deciding).toHaveText(/end of tier default \(selected by access-nginx\): Deny/);
  await expect(deciding.getByRole("link")).toHaveAttribute("href", /policies\/KubernetesNetworkPolicy\/access-nginx/);
  await expect(flows.agreement).toHaveText("agrees");
  await expect(flows.palisadeTrace).toHaveAttribute("data-verdict", "deny");
  await saveScreenshot(page, testInfo, "flows-denied-light");
  await shell.useTheme("dark");
  await saveScreenshot(page, testInfo, "flows-denied-dark");
  await shell.useTheme("light");

  await flows.detail.getByRole("link", { name: "Open in Explain" }).click();
  const explain = new ExplainPage(page);
  await expect(page).toHaveURL(/\/explain\?endpoint=wep%2Fdefault%2Fnginx-/);
  await expect(page.getByLabel("Peer endpoint")).toHaveValue(/^wep\//);
  await expect(explain.result).toHaveAttribute("data-verdict", "deny");
  await expect(explain.result).toContainText("access-nginx");
});

test("hit counts: the policies table's column, the policy page's rules and the busiest rules", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new Shell(page);
  await shell.open("policies");
  const row = page.getByTestId("policy-row").filter({ hasText: "access-nginx" });
  await expect(row.getByTestId("policy-hits")).toHaveText(/^[1-9][\d,]*$/);
  await row.getByRole("link", { name: "access-nginx" }).click();
  const traffic = page.getByTestId("policy-traffic");
  await expect(traffic).toContainText(/\d+ allowed/);
  await expect(traffic.getByTestId("rule-hits-row")).toHaveText([
    /ingress rule 1\s*Allow\s*[1-9]/,
    /end of tier \(ingress\)\s*Deny\s*[1-9]/,
  ]);
  await saveScreenshot(page, testInfo, "policy-hits");

  await shell.open("flows?tab=hits");
  await expect(page.getByRole("heading", { name: "Busiest rules" })).toBeVisible();
  // The demo reports only pods' flows, as Felix does (no host endpoint reporters), and access-nginx both allows and
  // denies them, so no policy only denies.
  await expect(page.getByRole("region", { name: "Policies that only deny" })).toContainText("No policy only denied");
  await saveScreenshot(page, testInfo, "flows-rule-hits");
});
