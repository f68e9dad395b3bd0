#!/usr/bin/env bash
# Builds helm and kustomize from their Go modules (./go.mod's tool directive: helm.sh/helm/v4,
# sigs.k8s.io/kustomize/kustomize/v5) into a cache outside the clone and prints the bin dir; fetches the OpenShift
# API module whose Route CRD the overlay test installs. Like
# packages/control-plane/build.sh: keyed by go.mod, go.sum, this script and `go version`, so a machine builds once.
#
# stdout: the absolute bin dir, and nothing else. Progress goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"
if ! command -v go >/dev/null 2>&1; then
  echo "deploy/tools: 'go' is not on PATH; the chart and overlay tests need Go to build helm and kustomize" >&2
  exit 2
fi

key="$({ go version; cat "$here/go.mod" "$here/go.sum" "$here/build.sh"; } | sha256sum | cut -c1-16)"
cache_root="${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/deploy-tools"
out="$cache_root/$key"
bin="$out/bin"

if [[ -x "$bin/helm" && -x "$bin/kustomize" ]]; then
  touch "$out"
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock"
flock 9
if [[ ! -x "$bin/helm" || ! -x "$bin/kustomize" ]]; then
  start=$SECONDS
  echo "deploy/tools: building helm and kustomize into $out (a cold build takes several minutes)" >&2
  tmp="$(mktemp -d "$cache_root/.build-$key.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  (
    cd "$here" &&
      go mod download github.com/openshift/api &&
      go build -mod=readonly -trimpath -ldflags="-s -w" -o "$tmp/bin/" helm.sh/helm/v4/cmd/helm \
        sigs.k8s.io/kustomize/kustomize/v5
  ) >&2
  rm -rf "$out"
  mv "$tmp" "$out"
  trap - EXIT
  echo "deploy/tools: built in $((SECONDS - start))s" >&2
  find "$cache_root" -mindepth 1 -maxdepth 1 -type d -regex '.*/[0-9a-f]+' -mtime +14 -exec rm -rf {} + || true
fi
printf '%s\n' "$bin"
