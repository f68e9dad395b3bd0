import { expect, test } from "@playwright/test";
import { EditorPage } from "../pages/EditorPage";
import { saveScreenshot } from "../screenshot";

test("breaking a policy in the editor shows a Calico validation marker on the line", async ({ page }, testInfo) => {
  const editor = new EditorPage(page);
  await editor.openPolicy("GlobalNetworkPolicy", "allow-bigfix-port");
  await expect(editor.validation).toHaveText("Valid");
  await editor.replace("action: Allow", "action: Alow");
  await expect(editor.problems.first()).toContainText('spec.ingress[0].action: the string "Alow" is not allowed');
  await expect(editor.problems.first()).toContainText(/^1[0-9]:\d+/);
  await expect(editor.errorMarkers.first()).toBeVisible();
  await expect(editor.apply).toBeDisabled();
  await saveScreenshot(page, testInfo, "editor-marker");
});
