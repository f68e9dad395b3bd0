import { expect, test } from "@playwright/test";
import { policyExists, policyState, postToCluster } from "../api";
import { EditorPage } from "../pages/EditorPage";
import { ExplainPage } from "../pages/ExplainPage";
import { IBM_DEFAULTS_IN_ORDER } from "../pages/ibmDefaults";
import { PoliciesPage } from "../pages/PoliciesPage";
import { PolicyPage } from "../pages/PolicyPage";
import { publicIngressPolicy } from "../pages/policyYaml";
import { SelectorsPage } from "../pages/SelectorsPage";
import { Shell } from "../pages/Shell";
import { WizardPage } from "../pages/WizardPage";
import { saveScreenshot } from "../screenshot";

// Runs in the "read-only" project: a BFF started with --read-only, as the deployment manifests run it by default.
// Reading, validation, diff, dry-run and explain work; apply and delete are off in the UI and refused by the API.

const KIND = "GlobalNetworkPolicy";
const POLICY = "allow-bigfix-port";
const READ_ONLY_REASON = /--read-only/;
/** What a disabled Apply or Delete says beside itself (ActionButton) or in the editor's banner. */
const READ_ONLY_TEXT = "Palisade runs read-only (--read-only): changes are disabled.";

test("the dashboard says it is read-only; the policy table and a policy page work, Delete is off", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/c\/demo\/policies$/);
  const shell = new Shell(page);
  await expect(shell.permissions).toHaveText(/ · read-only$/);
  await expect(shell.permissions).toHaveAttribute("title", READ_ONLY_REASON);
  const policies = new PoliciesPage(page);
  const globalPolicies = policies.rows.filter({ has: page.locator("td.kind", { hasText: /^GNP$/ }) });
  await expect(globalPolicies.locator(".name a")).toHaveText([...IBM_DEFAULTS_IN_ORDER]);
  await saveScreenshot(page, testInfo, "read-only-policies");

  await policies.openPolicy(POLICY);
  const policy = new PolicyPage(page);
  await expect(policy.title).toHaveText(POLICY);
  await expect(policy.rules.first()).toContainText("Allow TCP to port 52311");
  await expect(policy.delete).toBeDisabled();
  await expect(policy.delete).toHaveAttribute("title", READ_ONLY_REASON);
  await expect(page.getByText(READ_ONLY_TEXT)).toBeVisible();
});

test("the graph, the selector review and explain work on a read-only server", async ({ page }) => {
  await page.goto(`/c/demo/graph?focus=hep%2F10.184.58.23-worker-private&policy=${KIND}%2Fallow-all-private-default`);
  await expect(page.getByTestId("graph-canvas").locator("canvas").first()).toBeVisible();
  await expect(page.getByTestId("focus-panel").locator('[data-stage="normal"]').getByTestId("stage-policy")).toHaveText(
    [/allow-all-private-default/],
  );

  const selectors = new SelectorsPage(page);
  await selectors.open();
  await selectors.type("ibm.role == 'worker_public'");
  await expect(selectors.summary).toContainText("4 matching endpoints");

  const explain = new ExplainPage(page);
  await explain.explain({
    endpoint: "hep/10.176.48.106-worker-public",
    ip: "203.0.113.50",
    protocol: "TCP",
    port: 52311,
  });
  await expect(explain.result).toHaveAttribute("data-verdict", "allow");
  await expect(explain.decided).toContainText(POLICY);
});

test("the editor validates, diffs and dry-runs an edit; Apply and Delete are off and say why", async ({
  page,
  request,
}, testInfo) => {
  const before = await policyState(request, KIND, POLICY);
  const editor = new EditorPage(page);
  await editor.openPolicy(KIND, POLICY);
  await expect(editor.writeBlocked).toContainText(READ_ONLY_TEXT);
  await expect(editor.validation).toHaveText("Valid");
  await editor.replace("52311", "52312");
  await expect(editor.validation).toHaveText("Valid");

  await editor.diff.click();
  await expect(editor.diffResult).toContainText(`update ${KIND} ${POLICY}`);
  // The server runs dry-runs in read-only mode (only apply and delete are write routes): nothing is stored.
  await expect(editor.dryRun).toBeEnabled();
  await editor.dryRun.click();
  await expect(editor.result).toHaveAttribute("data-outcome", "dry-run");
  await expect(editor.result).toContainText("Nothing was written.");

  await expect(editor.apply).toBeDisabled();
  await expect(editor.apply).toHaveAttribute("title", READ_ONLY_REASON);
  await expect(editor.delete).toBeDisabled();
  await expect(editor.delete).toHaveAttribute("title", READ_ONLY_REASON);
  await saveScreenshot(page, testInfo, "read-only-editor");
  expect(await policyState(request, KIND, POLICY)).toEqual(before);
});

test("the wizard generates and previews a policy that cannot be applied but can be copied", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const wizard = new WizardPage(page);
  await wizard.open("allowlist");
  await wizard.field("Load balancer IPs").fill("169.46.7.238");
  await wizard.field("Client CIDRs allowed").fill("203.0.113.0/24");
  await wizard.field("Ports").fill("80");
  await wizard.field("Name (optional)").fill("e2e-read-only-allowlist");
  await expect(wizard.yaml).toContainText("preDNAT: true", { timeout: 45_000 }); // Monaco's first load on a busy machine
  await expect(wizard.appliesTo).toHaveCount(4);
  await expect(wizard.beforeAfter.getByTestId("verdict")).toHaveCount(2);
  // The review dry-runs (a read-only server still answers that); only the confirm is off.
  await wizard.review.click();
  await expect(wizard.reviewPanel.getByTestId("apply-result")).toHaveAttribute("data-outcome", "dry-run");
  await expect(wizard.confirm).toBeDisabled();
  await expect(wizard.confirm).toHaveAttribute("title", READ_ONLY_REASON);
  await expect(page.getByText(READ_ONLY_TEXT)).toBeVisible();

  // Apply is off, but the YAML still leaves the page (wizard.spec.ts checks download and open-in-editor there too).
  await wizard.copy.click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("name: e2e-read-only-allowlist");
  expect(copied).toContain("169.46.7.238/32");
});

test("apply and delete requests are refused with ReadOnly and change nothing; dry-run still answers", async ({
  request,
}) => {
  const before = await policyState(request, KIND, POLICY);
  const edited = before.yaml.replace("52311", "52312");
  expect(edited).not.toBe(before.yaml);
  const created = publicIngressPolicy("e2e-read-only-new", 8443);
  const yaml = `${edited}---\n${created}`;

  const apply = await postToCluster(request, "apply", { yaml });
  expect(apply.status()).toBe(403);
  expect(await apply.json()).toMatchObject({ statusCode: 403, code: "ReadOnly", message: READ_ONLY_REASON });
  const del = await postToCluster(request, "delete", { targets: [{ ref: { kind: KIND, name: POLICY } }] });
  expect(del.status()).toBe(403);
  expect(await del.json()).toMatchObject({ statusCode: 403, code: "ReadOnly", message: READ_ONLY_REASON });

  const dryRun = await postToCluster(request, "dry-run", { yaml });
  expect(dryRun.status(), await dryRun.text()).toBe(200);
  expect(await dryRun.json()).toMatchObject({ outcome: "dry-run" });

  expect(await policyState(request, KIND, POLICY)).toEqual(before);
  expect(await policyExists(request, KIND, "e2e-read-only-new")).toBe(false);
});
