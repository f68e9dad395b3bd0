import { expect, test } from "@playwright/test";
import { deletePolicy, policyExists, policyYaml } from "../api";
import { EditorPage } from "../pages/EditorPage";
import { WizardPage } from "../pages/WizardPage";
import { saveScreenshot } from "../screenshot";

// IBM's documented pre-DNAT allowlist: only these client CIDRs may reach the load balancer's port 80.
const LB_IP = "169.46.7.238";
const CLIENTS = "203.0.113.0/24";

test.afterEach(async ({ request }) => deletePolicy(request, "GlobalNetworkPolicy", "e2e-allowlist"));

test("authoring IBM's pre-DNAT allowlist in the wizard, previewing it, and applying it", async ({
  page,
  request,
}, testInfo) => {
  const wizard = new WizardPage(page);
  await wizard.open("allowlist");
  await wizard.field("Load balancer IPs").fill(LB_IP);
  await wizard.field("Client CIDRs allowed").fill(CLIENTS);
  await wizard.field("Ports").fill("80");
  await wizard.field("Name (optional)").fill("e2e-allowlist");
  await expect(wizard.yaml).toContainText("preDNAT: true", { timeout: 45_000 }); // Monaco's first load on a busy machine
  await expect(wizard.yaml).toContainText(`${LB_IP}/32`);
  await expect(wizard.appliesTo).toHaveCount(4);
  await expect(wizard.appliesTo.first()).toContainText("worker-public");
  await expect(wizard.beforeAfter.getByTestId("verdict")).toHaveCount(2);
  // The sample client defaults to a host inside the first client CIDR, so "after" shows it admitted.
  await expect(wizard.field("Sample client IP (for before/after)")).toHaveValue("203.0.113.1");
  await saveScreenshot(page, testInfo, "wizard-allowlist");

  await wizard.reviewAndApply();
  await expect(wizard.result).toHaveAttribute("data-outcome", "applied");
  const live = await policyYaml(request, "GlobalNetworkPolicy", "e2e-allowlist");
  expect(live).toContain("preDNAT: true");
  expect(live).toContain(CLIENTS);
});

test.describe("reviewing before applying: the change against the cluster, the dry run, then confirm", () => {
  test.afterEach(async ({ request }) => deletePolicy(request, "GlobalNetworkPolicy", "deny-nodeports"));

  test("Review shows the diff and the dry run without writing; Confirm applies; the now/after preview refreshes", async ({
    page,
    request,
  }, testInfo) => {
    const wizard = new WizardPage(page);
    await wizard.open("deny-nodeports");
    await expect(wizard.yaml).toContainText("30000:32767", { timeout: 45_000 }); // Monaco's first load
    // The whole generated document shows, order and types included, without scrolling inside the box.
    await expect(wizard.yaml).toContainText("order: 1100");
    await expect(wizard.yaml).toContainText("types:");
    // The preview leads with the host endpoint, where the policy acts.
    const [now, after] = [wizard.hostChange.locator("td").nth(0), wizard.hostChange.locator("td").nth(1)];
    await expect(after).toContainText("Dropped by deny-nodeports");
    await expect(now).not.toContainText("deny-nodeports");
    await expect(wizard.hostChange).toHaveAttribute("data-changed", "true");
    await expect(wizard.endToEnd.locator("td").nth(1)).toContainText("Denied");

    await wizard.review.click();
    const doc = wizard.reviewPanel.getByTestId("review-document");
    await expect(doc).toHaveAttribute("data-action", "create");
    await expect(doc).toContainText("GlobalNetworkPolicy deny-nodeports");
    await expect(wizard.reviewPanel.getByTestId("apply-result")).toHaveAttribute("data-outcome", "dry-run");
    await expect(wizard.confirm).toBeEnabled();
    expect(await policyExists(request, "GlobalNetworkPolicy", "deny-nodeports")).toBe(false);
    await wizard.reviewPanel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, testInfo, "wizard-review");

    await wizard.confirm.click();
    await expect(wizard.result).toHaveAttribute("data-outcome", "applied");
    expect(await policyExists(request, "GlobalNetworkPolicy", "deny-nodeports")).toBe(true);
    // "Now" is the cluster with the policy in it, without reloading (not the verdict from before the apply).
    await expect(now).toContainText("Dropped by deny-nodeports", { timeout: 5_000 });
    await expect(wizard.hostChange).toHaveAttribute("data-changed", "false");

    // Changing the form after applying asks for a new review, which shows the lines that change.
    await wizard.field("Order (default 1100)").fill("1200");
    await expect(wizard.yaml).toContainText("order: 1200");
    await expect(wizard.result).toHaveCount(0);
    await wizard.review.click();
    await expect(doc).toHaveAttribute("data-action", "update");
    await expect(doc.locator(".patch-remove")).toContainText(["-  order: 1100"]);
    await expect(doc.locator(".patch-add")).toContainText(["+  order: 1200"]);
    await wizard.reviewPanel.getByRole("button", { name: "Cancel" }).click();
    await expect(wizard.reviewPanel).toHaveCount(0);
    expect(await policyYaml(request, "GlobalNetworkPolicy", "deny-nodeports")).toContain("order: 1100");
  });

  test("an edit after the review withdraws it: Confirm never applies YAML the user has not reviewed", async ({
    page,
  }) => {
    const wizard = new WizardPage(page);
    await wizard.open("deny-nodeports");
    await expect(wizard.yaml).toContainText("30000:32767", { timeout: 45_000 });
    await wizard.review.click();
    await expect(wizard.confirm).toBeEnabled();
    await wizard.field("Name (optional)").fill("deny-nodeports-2");
    await expect(wizard.yaml).toContainText("name: deny-nodeports-2");
    await expect(wizard.confirm).toHaveCount(0);
    await expect(page.getByTestId("review-outdated")).toContainText("review it again");
  });
});

test("Log denied packets asks for the log policy's name and order and shows the namespace it must live in", async ({
  page,
}, testInfo) => {
  const wizard = new WizardPage(page);
  await page.goto(
    `/c/demo/wizard?mode=log&policy=${encodeURIComponent("KubernetesNetworkPolicy/default/access-nginx")}`,
  );
  await expect(wizard.yaml).toContainText("action: Log", { timeout: 45_000 }); // Monaco's first load
  await expect(wizard.yaml).toContainText("namespace: default");
  await expect(wizard.field("Namespace")).toHaveValue("default");
  await expect(wizard.field("Namespace")).toHaveAttribute("readonly", "");
  await wizard.field("Name (optional)").fill("e2e-log-nginx");
  await wizard.field("Order (optional)").fill("1001");
  await expect(wizard.yaml).toContainText("name: e2e-log-nginx");
  await expect(wizard.yaml).toContainText("order: 1001");
  await saveScreenshot(page, testInfo, "wizard-log-denied-packets");
  await wizard.field("Order (optional)").fill("late");
  await expect(wizard.field("Order (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(wizard.stillNeeded).toContainText("Order is a number");
});

test("a fresh form lists what it still needs without marking fields wrong; a field the user got wrong is marked", async ({
  page,
}) => {
  const wizard = new WizardPage(page);
  await wizard.open("allowlist");
  await expect(wizard.stillNeeded.getByRole("listitem")).toHaveText([
    "Add the load balancer IP (or pick a LoadBalancer service)",
    "Add at least one client CIDR that may connect",
    "Add at least one port",
  ]);
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect(page.locator(".field-error")).toHaveCount(0);

  await wizard.field("Ports").fill("99999");
  await expect(wizard.field("Ports")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".field-error")).toHaveCount(1);
  // The fields not yet filled stay unmarked; the list says what is left.
  await expect(wizard.field("Load balancer IPs")).toHaveAttribute("aria-invalid", "false");
  await expect(wizard.stillNeeded.getByRole("listitem")).toHaveCount(3);

  await wizard.field("Ports").fill("80");
  await wizard.field("Load balancer IPs").fill(LB_IP);
  await expect(wizard.stillNeeded.getByRole("listitem")).toHaveText(["Add at least one client CIDR that may connect"]);
  await expect(page.locator(".field-error")).toHaveCount(0);
  await wizard.field("Client CIDRs allowed").fill(CLIENTS);
  await expect(wizard.yaml).toContainText("preDNAT: true", { timeout: 45_000 });
  await expect(wizard.stillNeeded).toHaveCount(0);
});

test("picking the nginx LoadBalancer service fills the allowlist's destination, ports and protocol", async ({
  page,
}, testInfo) => {
  const wizard = new WizardPage(page);
  await wizard.open("allowlist");
  await wizard.field("Protocol").selectOption("UDP");
  await wizard.pickService("default/nginx — 198.51.100.50 TCP 80");
  await expect(wizard.field("Load balancer IPs")).toHaveValue("198.51.100.50");
  await expect(wizard.field("Ports")).toHaveValue("80");
  await expect(wizard.field("Protocol")).toHaveValue("TCP");
  await wizard.field("Client CIDRs allowed").fill(CLIENTS);
  await expect(wizard.yaml).toContainText("198.51.100.50/32", { timeout: 45_000 });
  // The sample client's packet to the load balancer is translated to an nginx pod after the preDNAT stage.
  await expect(wizard.beforeAfter.getByTestId("dnat").first()).toContainText(
    "LoadBalancer 198.51.100.50:80 of default/nginx → pod default/nginx-",
  );
  await saveScreenshot(page, testInfo, "wizard-allowlist-service");
  // The allowlist admits the client at the host, but the seed's access-nginx only admits run=access pods.
  await expect(wizard.beforeAfter.getByTestId("pod-drops-hint")).toContainText(
    "KubernetesNetworkPolicy default/access-nginx",
  );
  await wizard.beforeAfter.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, "wizard-allowlist-service-before-after");

  // Typing over the picked values returns the picker to "type an IP".
  await wizard.field("Ports").fill("80, 443");
  await expect(wizard.field("LoadBalancer service")).toHaveValue("");
});

test.describe("taking the generated YAML elsewhere (GitOps, CI, the editor)", () => {
  const NAME = "e2e-export-allowlist";

  test("Copy puts the YAML on the clipboard, Download saves it as <name>.yaml, Open in editor carries it over unapplied", async ({
    page,
    context,
    request,
  }, testInfo) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const wizard = new WizardPage(page);
    await wizard.open("allowlist");
    await wizard.field("Load balancer IPs").fill(LB_IP);
    await wizard.field("Client CIDRs allowed").fill(CLIENTS);
    await wizard.field("Ports").fill("80");
    await wizard.field("Name (optional)").fill(NAME);
    await expect(wizard.yaml).toContainText(`name: ${NAME}`, { timeout: 45_000 }); // Monaco's first load

    await wizard.copy.click();
    await expect(wizard.exportStatus).toContainText("lines of YAML to the clipboard");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`name: ${NAME}`);
    expect(copied).toContain(`${LB_IP}/32`);
    expect(copied).toContain(CLIENTS);
    expect(copied).toContain("preDNAT: true");
    await saveScreenshot(page, testInfo, "wizard-export-copied");

    const file = await wizard.downloadYaml();
    expect(file.name).toBe(`${NAME}.yaml`);
    expect(file.text).toBe(copied);
    await expect(wizard.exportStatus).toContainText(`Downloaded ${NAME}.yaml`);

    await wizard.openInEditor.click();
    await expect(page).toHaveURL(/\/c\/demo\/editor$/);
    const editor = new EditorPage(page);
    await expect(editor.handoff).toContainText("Opened from the wizard (Pre-DNAT allowlist)");
    await expect(editor.validation).toHaveText("Valid");
    await expect(editor.draftAside).toHaveCount(0);
    expect((await editor.text()).trimEnd()).toBe(copied.trimEnd());
    await saveScreenshot(page, testInfo, "editor-from-wizard");
    expect(await policyExists(request, "GlobalNetworkPolicy", NAME)).toBe(false);

    // The hand-off is taken once; the text stays as the tab's draft, so a reload shows it again.
    await page.reload();
    await expect(editor.editor).toContainText(`name: ${NAME}`);
    await expect(editor.handoff).toHaveCount(0);
  });

  test("Open in editor keeps the editor's own unsaved draft aside, and the user can switch between the two", async ({
    page,
  }, testInfo) => {
    const editor = new EditorPage(page);
    await editor.openNew();
    await editor.replace("allow-https-public", "my-unsaved-draft");
    await expect(editor.editor).toContainText("name: my-unsaved-draft");

    const wizard = new WizardPage(page);
    await wizard.open("deny-nodeports");
    await expect(wizard.yaml).toContainText("name: deny-nodeports", { timeout: 45_000 });
    await wizard.openInEditor.click();

    await expect(editor.handoff).toContainText("Opened from the wizard (Deny NodePorts)");
    await expect(editor.editor).toContainText("name: deny-nodeports");
    await expect(editor.draftAside).toContainText("Another unsaved draft (my-unsaved-draft; 18 lines) is kept aside.");
    await saveScreenshot(page, testInfo, "editor-from-wizard-draft-aside");

    await editor.draftAside.getByRole("button", { name: "Switch to it" }).click();
    await expect(editor.editor).toContainText("name: my-unsaved-draft");
    await expect(editor.handoff).toHaveCount(0);
    await editor.draftAside.getByRole("button", { name: "Switch to it" }).click();
    await expect(editor.editor).toContainText("name: deny-nodeports");
    await editor.draftAside.getByRole("button", { name: "Discard it" }).click();
    await expect(editor.draftAside).toHaveCount(0);
    await expect(editor.editor).toContainText("name: deny-nodeports");
  });

  test("when the browser will not store anything, Open in editor says so and stays; the editor warns its draft is not kept", async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    const wizard = new WizardPage(page);
    await wizard.open("deny-nodeports");
    await expect(wizard.yaml).toContainText("name: deny-nodeports", { timeout: 45_000 });
    await wizard.openInEditor.click();
    await expect(wizard.exportStatus).toContainText("The browser would not hold the YAML for the editor");
    await expect(page).toHaveURL(/\/c\/demo\/wizard/);

    const editor = new EditorPage(page);
    await editor.openNew();
    await editor.replace("allow-https-public", "not-kept");
    await expect(editor.page.getByTestId("draft-not-kept")).toContainText("leaving the page loses this text");
  });

  test("on a read-only server (the default deployment) copy, download and open in editor still work", async ({
    page,
    context,
  }, testInfo) => {
    // The read-only BFF the config starts for read-only.spec.ts; these actions write nothing, so they stay on.
    const origin = `http://127.0.0.1:${process.env.PALISADE_E2E_READ_ONLY_PORT}`;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await page.emulateMedia({ colorScheme: "dark" });
    const wizard = new WizardPage(page, origin);
    await wizard.open("deny-nodeports");
    await expect(wizard.yaml).toContainText("name: deny-nodeports", { timeout: 45_000 });
    await expect(wizard.review).toBeEnabled();

    await wizard.copy.click();
    await expect(wizard.exportStatus).toContainText("lines of YAML to the clipboard");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("30000:32767");
    const file = await wizard.downloadYaml();
    expect(file).toEqual({ name: "deny-nodeports.yaml", text: copied });
    await saveScreenshot(page, testInfo, "wizard-export-read-only-dark");

    // From the keyboard, like any button.
    await wizard.openInEditor.focus();
    await page.keyboard.press("Enter");
    const editor = new EditorPage(page);
    await expect(editor.handoff).toContainText("Deny NodePorts");
    await expect(editor.validation).toHaveText("Valid");
    await expect(editor.apply).toBeDisabled();
    await expect(editor.dryRun).toBeEnabled();
    expect((await editor.text()).trimEnd()).toBe(copied.trimEnd());
  });
});
