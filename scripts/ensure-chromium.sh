# Sourced by ./run test. Playwright cannot download browsers here, so the end-to-end tier drives Debian's chromium.
# As root with apt available, install it when missing; otherwise e2e/browser.ts falls back to a Playwright-managed
# browser if one is installed and fails with a clear message if none is.
if [ -z "${PALISADE_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] &&
  command -v apt-get >/dev/null 2>&1; then
  echo "palisade: installing Debian's chromium for the end-to-end tests" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
