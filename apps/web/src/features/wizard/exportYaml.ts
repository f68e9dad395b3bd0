/** Browser shells for taking generated YAML elsewhere: the clipboard and a file download. Nothing is sent anywhere. */

/** YAML files end with a newline; `kubectl apply -f` and `palisade validate` read them either way. */
export function asYamlFile(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/**
 * Puts the text on the clipboard. The Clipboard API needs a secure context (HTTPS or localhost) and permission; a
 * deployment served over plain HTTP falls back to the copy command on a hidden text area, which works from a click.
 */
export async function copyText(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard !== undefined) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Refused (permission, focus): the fallback below may still succeed.
    }
  }
  const focused = document.activeElement;
  const area = document.createElement("textarea");
  area.value = text;
  area.readOnly = true;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (focused instanceof HTMLElement) focused.focus();
  if (!copied) throw new Error("the browser refused to copy");
}

/** Saves the text as a file through the browser's download (no server round trip, so it works read-only). */
export function downloadText(fileName: string, text: string, type = "application/yaml"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now, but some browsers read it asynchronously: release it later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
