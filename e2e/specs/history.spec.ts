import { expect, test } from "@playwright/test";
import { applyYaml, deletePolicy, policyExists, policyState, policyYaml, postToCluster } from "../api";
import { EditorPage } from "../pages/EditorPage";
import { HistoryPage } from "../pages/HistoryPage";
import { PoliciesPage } from "../pages/PoliciesPage";
import { PolicyPage } from "../pages/PolicyPage";
import { publicIngressPolicy } from "../pages/policyYaml";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

/** Each test its own policy, so that one's history is not another's (the history outlives deletes). */
let NAME = "";
const policy = (order: number) => publicIngressPolicy(NAME, 8443, order);

test.describe("the change history", () => {
  test.beforeEach(async ({ request }) => {
    NAME = `e2e-history-${Date.now().toString(36)}`;
    await applyYaml(request, policy(2100));
    await applyYaml(request, policy(2200));
    // A refused change is history too: this one expects a version the policy no longer has.
    const refused = await postToCluster(request, "apply", {
      yaml: policy(2300),
      expected: [{ ref: { kind: "GlobalNetworkPolicy", name: NAME }, resourceVersion: "1" }],
    });
    expect(refused.status()).toBe(409);
  });
  test.afterEach(async ({ request }) => deletePolicy(request, "GlobalNetworkPolicy", NAME));

  test("shows who changed what, when and how it ended, with the diff; filtered by object, user and outcome", async ({
    page,
  }, testInfo) => {
    const history = new HistoryPage(page);
    await history.open();
    await history.object.fill(NAME);
    await expect(history.entries).toHaveCount(3);
    await expect(history.entries.nth(0)).toContainText("Refused");
    await expect(history.entries.nth(0)).toContainText(/it changed after you loaded it/);
    await expect(history.entries.nth(1)).toContainText(`updated GlobalNetworkPolicy ${NAME}`);
    await expect(history.entries.nth(2)).toContainText(`created GlobalNetworkPolicy ${NAME}`);
    await expect(history.entries.nth(1)).toContainText("on demo");
    await history.entries.nth(1).getByText("Diff").click();
    await expect(history.entries.nth(1).getByTestId("history-diff")).toContainText("+  order: 2200");
    await expect(history.entries.nth(1).getByTestId("history-diff")).toContainText("-  order: 2100");
    await expect(page).toHaveURL(new RegExp(`object=${NAME}`));

    await history.outcome.selectOption("refused");
    await expect(history.entries).toHaveCount(1);
    await expect(history.entries.first()).toHaveAttribute("data-outcome", "refused");
    await history.outcome.selectOption("applied");
    await expect(history.entries).toHaveCount(2);
    await history.user.fill("nobody-like-this");
    await expect(page.getByText("No change matches these filters.")).toBeVisible();
    await history.user.fill("");
    await expect(history.entries).toHaveCount(2);

    // The policy's name links to its page.
    await history.entries
      .nth(0)
      .getByRole("link", { name: `GlobalNetworkPolicy ${NAME}` })
      .click();
    await expect(page.getByRole("heading", { name: NAME, level: 1 })).toBeVisible();

    await history.open(`?object=${NAME}`);
    await history.entries.nth(1).getByText("Diff").click();
    await page.setViewportSize({ width: 1280, height: 900 });
    const shell = new Shell(page);
    await shell.useTheme("light");
    await saveScreenshot(page, testInfo, "history-light");
    await shell.useTheme("dark");
    await saveScreenshot(page, testInfo, "history-dark");
    await shell.useTheme("light");
  });

  test("restores an earlier version from the policy's page through the editor's reviewed apply", async ({
    page,
    request,
  }, testInfo) => {
    await page.goto(`/c/demo/policies/GlobalNetworkPolicy/${NAME}`);
    const own = new HistoryPage(page);
    await expect(own.entries).toHaveCount(3);
    const before = await policyState(request, "GlobalNetworkPolicy", NAME);
    expect(before.yaml).toContain("order: 2200");

    await own
      .entry(/created/)
      .getByRole("link", { name: "Restore this version…" })
      .click();
    const editor = new EditorPage(page);
    await editor.editor.locator(".view-lines").waitFor();
    await expect(editor.handoff).toContainText("Opened from the history");
    await expect(editor.handoff).toContainText("nothing has been applied");
    // Nothing is written until the user has reviewed and applied: the cluster still has the newer version.
    expect(await policyYaml(request, "GlobalNetworkPolicy", NAME)).toContain("order: 2200");

    await editor.diff.click();
    await expect(editor.diffResult).toContainText(`update GlobalNetworkPolicy ${NAME}`);
    await editor.dryRun.click();
    await expect(editor.result).toHaveAttribute("data-outcome", "dry-run");
    expect(await policyYaml(request, "GlobalNetworkPolicy", NAME)).toContain("order: 2200");
    await saveScreenshot(page, testInfo, "history-restore-review");
    await editor.apply.click();
    await expect(editor.result).toHaveAttribute("data-outcome", "applied");
    await expect(editor.handoff).toHaveCount(0); // "nothing has been applied" no longer holds
    expect(await policyYaml(request, "GlobalNetworkPolicy", NAME)).toContain("order: 2100");

    // The restore is itself a change in the history, on the policy's page.
    await page.goto(`/c/demo/policies/GlobalNetworkPolicy/${NAME}`);
    await expect(own.entries).toHaveCount(4);
    await expect(own.entries.first()).toContainText("Applied");
    await expect(own.entries.first()).toContainText("updated");
  });

  test("brings a deleted policy back from the History view, with its content, through the editor's reviewed apply", async ({
    page,
    request,
  }, testInfo) => {
    // Deleted as a user deletes it: from its page, through the impact preview.
    await page.goto(`/c/demo/policies/GlobalNetworkPolicy/${NAME}`);
    const policyPage = new PolicyPage(page);
    await policyPage.delete.click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page).toHaveURL(/\/c\/demo\/policies$/);
    expect(await policyExists(request, "GlobalNetworkPolicy", NAME)).toBe(false);

    const history = new HistoryPage(page);
    await history.open(`?object=${NAME}`);
    await expect(history.entries).toHaveCount(4);
    const deleted = history.entries.first();
    await expect(deleted).toContainText(`deleted GlobalNetworkPolicy ${NAME}`);
    await expect(deleted).toHaveAttribute("data-outcome", "applied");
    await deleted.getByText("Diff").click();
    await expect(deleted.getByTestId("history-diff")).toContainText("-  order: 2200");
    await saveScreenshot(page, testInfo, "history-deleted");
    await deleted.getByRole("link", { name: "Restore this version…" }).click();

    // The editor starts a new policy from the deleted version; nothing is written before the review.
    const editor = new EditorPage(page);
    await editor.editor.locator(".view-lines").waitFor();
    await expect(editor.handoff).toContainText("Opened from the history");
    expect(await editor.text()).toContain("order: 2200");
    expect(await policyExists(request, "GlobalNetworkPolicy", NAME)).toBe(false);
    await editor.diff.click();
    await expect(editor.diffResult).toContainText(`create GlobalNetworkPolicy ${NAME}`);
    await editor.dryRun.click();
    await expect(editor.result).toHaveAttribute("data-outcome", "dry-run");
    expect(await policyExists(request, "GlobalNetworkPolicy", NAME)).toBe(false);
    await editor.apply.click();
    // The same session carries on once the policy reads back: its result stays, the hand-off note goes.
    await expect(editor.result).toHaveAttribute("data-outcome", "applied");
    await expect(editor.handoff).toHaveCount(0);
    await expect(editor.result).toContainText(NAME);

    // Back in the policy table with the content it had when deleted.
    const table = new PoliciesPage(page);
    await table.open(`?q=${NAME}`);
    await expect(table.rows).toHaveCount(1);
    await expect(table.row(NAME)).toContainText("2200");
    await expect(table.row(NAME)).toContainText("ibm.role == 'worker_public'");
    await table.openPolicy(NAME);
    await expect(policyPage.title).toHaveText(NAME);
    await expect(policyPage.rules).toHaveCount(1);
    await expect(policyPage.rules.first()).toContainText("8443");
    const live = await policyYaml(request, "GlobalNetworkPolicy", NAME);
    expect(live).toContain("order: 2200");
    expect(live).toContain("- 8443");

    // The restore is the newest change in the history: a create.
    await history.open(`?object=${NAME}`);
    await expect(history.entries).toHaveCount(5);
    await expect(history.entries.first()).toContainText(`created GlobalNetworkPolicy ${NAME}`);
    await expect(history.entries.first()).toHaveAttribute("data-outcome", "applied");
  });
});
