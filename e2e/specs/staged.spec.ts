import { expect, test } from "@playwright/test";
import { applyYaml, deletePolicy, policyExists } from "../api";
import { ExplainPage, type Packet } from "../pages/ExplainPage";
import { StagedPage } from "../pages/StagedPage";
import { saveScreenshot } from "../screenshot";

// Telnet from the internet to a worker's public interface: before promotion the default tier's end-of-tier drop
// decides it (the staged deny only reports); afterwards the promoted policy's own rule does.
const TELNET: Packet = { endpoint: "hep/10.176.48.106-worker-public", ip: "203.0.113.23", protocol: "TCP", port: 23 };
const STAGED = `apiVersion: projectcalico.org/v3
kind: StagedGlobalNetworkPolicy
metadata: { name: e2e-deny-telnet }
spec:
  stagedAction: Set
  order: 100
  selector: ibm.role == 'worker_public'
  types: [Ingress]
  ingress: [{ action: Deny, protocol: TCP, destination: { ports: [23] } }]
`;

test.afterEach(async ({ request }) => {
  await deletePolicy(request, "GlobalNetworkPolicy", "e2e-deny-telnet");
  await deletePolicy(request, "StagedGlobalNetworkPolicy", "e2e-deny-telnet");
});

test("a staged policy promoted after review is enforced, and the staged one is gone", async ({
  page,
  request,
}, testInfo) => {
  await applyYaml(request, STAGED);
  const explain = new ExplainPage(page);
  await explain.explain(TELNET);
  await expect(explain.result).toBeVisible();
  // Staged: evaluated, never deciding.
  await expect(explain.decided).not.toContainText("e2e-deny-telnet");

  const staged = new StagedPage(page);
  await staged.open();
  await expect(staged.row("e2e-deny-telnet")).toContainText("creates the enforced policy");
  await staged.row("e2e-deny-telnet").getByRole("button", { name: "Review promotion…" }).click();
  const diff = staged.promotion.locator("pre");
  await expect(diff).toContainText("+kind: GlobalNetworkPolicy");
  await expect(diff).not.toContainText("stagedAction");
  await saveScreenshot(page, testInfo, "staged-review");
  await staged.promotion.getByRole("button", { name: "Promote", exact: true }).click();
  await expect(staged.promoted).toContainText("is enforced and the staged policy is gone");
  await expect(staged.row("e2e-deny-telnet")).toHaveCount(0);
  await saveScreenshot(page, testInfo, "staged-promoted");
  expect(await policyExists(request, "GlobalNetworkPolicy", "e2e-deny-telnet")).toBe(true);
  expect(await policyExists(request, "StagedGlobalNetworkPolicy", "e2e-deny-telnet")).toBe(false);

  await explain.explain(TELNET);
  await expect(explain.result).toHaveAttribute("data-verdict", "deny");
  await expect(explain.decided).toContainText("e2e-deny-telnet");
});
