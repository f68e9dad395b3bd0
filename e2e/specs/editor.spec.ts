import { expect, test } from "@playwright/test";
import { applyYaml, deletePolicy, policyExists, policyYaml } from "../api";
import { EditorPage } from "../pages/EditorPage";
import { publicIngressPolicy } from "../pages/policyYaml";
import { saveScreenshot } from "../screenshot";

test("breaking a policy in the editor shows a Calico validation marker on the line", async ({ page }, testInfo) => {
  const editor = new EditorPage(page);
  await editor.openPolicy("GlobalNetworkPolicy", "allow-bigfix-port");
  await expect(editor.validation).toHaveText("Valid");
  await editor.replace("action: Allow", "action: Alow");
  await expect(editor.problems.first()).toContainText('spec.ingress[0].action: the string "Alow" is not allowed');
  await expect(editor.problems.first()).toContainText(/^1[0-9]:\d+/);
  await expect(editor.errorMarkers.first()).toBeVisible();
  // Assistive technology reads the whole text and the problem, with the same 1-based line and column.
  const [line, column] = ((await editor.problems.first().textContent()) ?? "").split(/[: ]/);
  await expect(editor.textRegion.getByTestId("editor-problems")).toContainText(
    `Error, line ${line}, column ${column}: spec.ingress[0].action: the string "Alow" is not allowed`,
  );
  expect(await editor.text()).toContain("action: Alow");
  await expect(editor.apply).toBeDisabled();
  // Diff, Dry run and Apply are all off for the one reason, said once after them.
  await expect(page.getByText("Fix 1 problem first")).toHaveCount(1);
  await expect(page.getByTestId("editor-blocked")).toHaveText("Fix 1 problem first");
  await saveScreenshot(page, testInfo, "editor-marker");
});

const NAME = "e2e-conflict";
const policy = (order: number) => publicIngressPolicy(NAME, 8443, order);

test.describe("apply over a concurrent change", () => {
  test.beforeEach(async ({ request }) => applyYaml(request, policy(2100)));
  test.afterEach(async ({ request }) => deletePolicy(request, "GlobalNetworkPolicy", NAME));

  test("shows both versions, then rebases the user's edit onto the cluster's", async ({ page, request }, testInfo) => {
    const editor = new EditorPage(page);
    await editor.openPolicy("GlobalNetworkPolicy", NAME);
    await editor.replace("8443", "9443");
    await applyYaml(request, policy(2200));
    await expect(editor.apply).toBeEnabled();
    await editor.apply.click();
    await expect(editor.result).toHaveAttribute("data-outcome", "rejected");
    await expect(editor.conflict).toContainText(`GlobalNetworkPolicy ${NAME} changed in the cluster`);
    await expect(editor.conflict.getByTestId("yaml-diff")).toBeVisible();
    await saveScreenshot(page, testInfo, "editor-conflict");

    await editor.rebase.click();
    await expect(editor.conflict).toHaveCount(0);
    await editor.apply.click();
    await expect(editor.result).toHaveAttribute("data-outcome", "applied");
    const live = await policyYaml(request, "GlobalNetworkPolicy", NAME);
    expect(live).toContain("order: 2200");
    expect(live).toContain("- 9443");
  });
});

test.describe("a new policy", () => {
  const NEW = "e2e-diff-then-apply";
  test.afterEach(async ({ request }) => deletePolicy(request, "GlobalNetworkPolicy", NEW));

  test("diff, then apply: the diff's 'does not exist yet' is kept and the create goes through", async ({
    page,
    request,
  }, testInfo) => {
    const editor = new EditorPage(page);
    await editor.openNew();
    await editor.replace("allow-https-public", NEW);
    await expect(editor.validation).toHaveText("Valid");
    await editor.diff.click();
    await expect(editor.diffResult).toContainText(NEW);
    await saveScreenshot(page, testInfo, "editor-new-policy-diff");
    await editor.apply.click();
    await expect(editor.result).toHaveAttribute("data-outcome", "applied");
    expect(await policyExists(request, "GlobalNetworkPolicy", NEW)).toBe(true);
  });
});

test("the diff shows what a change does to traffic across the cluster before it is applied", async ({
  page,
  request,
}, testInfo) => {
  const editor = new EditorPage(page);
  await editor.openPolicy("GlobalNetworkPolicy", "allow-bigfix-port");
  await editor.replace("52311", "52312");
  await editor.diff.click();
  await expect(editor.diffResult).toBeVisible();
  const traffic = page.getByTestId("connectivity");
  await expect(traffic.getByTestId("connectivity-summary")).toContainText("changes in reachability");
  const rows = traffic.getByTestId("connectivity-change");
  // BigFix's TCP port moves: from anywhere outside, the old port closes and the new one opens on the public workers.
  await expect(rows.filter({ hasText: "TCP" }).filter({ hasText: "52311" }).first()).toContainText("allow → deny");
  await expect(rows.filter({ hasText: "TCP" }).filter({ hasText: "52312" }).first()).toContainText("deny → allow");
  await expect(rows.first()).toContainText("ibm.role=worker_public");
  await traffic.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, "editor-connectivity");
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, testInfo, "editor-connectivity-dark");
  await page.emulateMedia({ colorScheme: "light" });
  // Nothing was written.
  expect(await policyYaml(request, "GlobalNetworkPolicy", "allow-bigfix-port")).toContain("52311");
});
