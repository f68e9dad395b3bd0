import { expect, test } from "@playwright/test";
import { deletePolicy, policyYaml } from "../api";
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
  await saveScreenshot(page, testInfo, "wizard-allowlist");

  await wizard.apply.click();
  await expect(wizard.result).toHaveAttribute("data-outcome", "applied");
  const live = await policyYaml(request, "GlobalNetworkPolicy", "e2e-allowlist");
  expect(live).toContain("preDNAT: true");
  expect(live).toContain(CLIENTS);
});
