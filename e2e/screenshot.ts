import { fileURLToPath } from "node:url";
import type { Page, TestInfo } from "@playwright/test";

const DIR = fileURLToPath(new URL("artifacts/screenshots/", import.meta.url));

/** Saves a full-page screenshot as a test artifact (e2e/artifacts/screenshots/<name>.png) and attaches it. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `${DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
