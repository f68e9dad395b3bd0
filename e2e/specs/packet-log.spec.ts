import { expect, test } from "@playwright/test";
import { ExplainPage } from "../pages/ExplainPage";
import { PacketLogPage } from "../pages/PacketLogPage";
import { Shell } from "../pages/Shell";
import { saveScreenshot } from "../screenshot";

// The demo: worker 10.176.48.106 (public 198.51.100.14 on eth1, private on eth0), the nginx pod 172.30.10.17 on it.
// The internet knocking on the kubelet port of the worker's public address, logged with a Calico 3.32 prefix naming
// its policy.
const TO_KUBELET =
  "Dec  7 21:04:11 kube-dal10-w1 kernel: [  812.517354] calico-packet default gnp allow-sys-mgmt: IN=eth1 OUT= MAC=06:2a:7c:11:4e:01:00:00:0c:9f:f0:01:08:00 SRC=203.0.113.7 DST=198.51.100.14 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=4242 DF PROTO=TCP SPT=51234 DPT=10250 WINDOW=64240 RES=0x00 SYN URGP=0";
// A pod on another worker (shop's frontend on 10.176.48.107) reaching the nginx pod: the demo's IPPool is ipipMode
// Always, so it comes in by tunl0.
const TO_POD_BY_TUNNEL =
  "Dec  7 21:04:12 kube-dal10-w1 kernel: calico-packet default gnp allow-sys-mgmt: IN=tunl0 OUT=cali8d2f0a1b3c4 SRC=172.30.20.31 DST=172.30.10.17 LEN=60 PROTO=TCP SPT=40112 DPT=80 SYN";

test("logged packets: paste syslog lines, see their endpoints named with NAT caveats, the policy, and explain", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new Shell(page);
  await shell.open("explain");
  await page.getByRole("link", { name: "Explain logged packets…" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Logged packets" })).toBeVisible();

  const log = new PacketLogPage(page);
  await log.read([TO_KUBELET, "not a kernel line", TO_POD_BY_TUNNEL], "calico-packet %t %k %p");
  await expect(log.status).toHaveText("2 of 3 lines read; 1 could not be read.");
  await expect(log.errors).toHaveText([/^line 2: no IN= field: not a kernel packet log line/]);

  const kubelet = log.entry(1);
  await expect(kubelet).toContainText("Line 1: TCP 203.0.113.7:51234 → 198.51.100.14:10250");
  await expect(kubelet).toContainText("ingress of host endpoint 10.176.48.106-worker-public (in on eth1)");
  await expect(kubelet).toContainText("host endpoint 10.176.48.106-worker-public (eth1)");
  await expect(kubelet).toContainText("no pod, host endpoint, node or Service of this cluster: outside it");
  const policy = kubelet.getByTestId("packet-log-policy").getByRole("link");
  await expect(policy).toContainText("allow-sys-mgmt");
  await expect(policy).toHaveAttribute("href", /\/policies\/GlobalNetworkPolicy\/allow-sys-mgmt$/);
  // Palisade's own explain of the packet at the endpoint that logged it: no policy on the public side admits it
  // (and 10250 is not a failsafe port).
  await expect(kubelet.getByTestId("explain-result")).toHaveAttribute("data-verdict", "deny");

  const toPod = log.entry(3);
  await expect(toPod).toContainText("ingress of pod default/nginx-5d9c8f6b7c-4xkzq (to cali8d2f0a1b3c4)");
  await expect(toPod.getByTestId("nat-caveat").first()).toContainText("NAT:");
  await expect(toPod).toContainText(/came in on tunl0: if the client addressed a Service/);
  // Explained as the demo routes it: out of the frontend's node and into the pod's by tunl0, then access-nginx.
  await expect(toPod).toContainText("the packet arrives on node 10.176.48.106 by tunl0, address 172.30.10.0");
  await expect(toPod.getByTestId("explain-result")).toHaveAttribute("data-verdict", "deny");
  await saveScreenshot(page, testInfo, "packet-log-light");
  await toPod.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, "packet-log-nat-light");
  await shell.useTheme("dark");
  await saveScreenshot(page, testInfo, "packet-log-nat-dark");
  await page.getByRole("heading", { level: 1, name: "Logged packets" }).scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, "packet-log-dark");
  await shell.useTheme("light");

  // The same packet in Explain, with the form filled from the line.
  await kubelet.getByRole("link", { name: "Open in Explain" }).click();
  await expect(page).toHaveURL(/\/explain\?.*endpoint=hep%2F10\.176\.48\.106-worker-public/);
  const explain = new ExplainPage(page);
  await expect(explain.result).toHaveAttribute("data-verdict", "deny");
  await page.goBack();

  // And the policy its prefix names.
  await log.read([TO_KUBELET], "calico-packet %t %k %p");
  await log.entry(1).getByTestId("packet-log-policy").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("allow-sys-mgmt");
});
