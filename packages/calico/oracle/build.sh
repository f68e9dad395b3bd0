#!/usr/bin/env bash
# Builds the Calico oracle once per machine and prints the binary's path on stdout (logs go to stderr).
# The binary lives at ${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/oracle/<key>/calico-oracle, where <key> hashes
# go.mod, go.sum, the Go sources, this script (its flags) and the Go version; when that file exists this script only
# prints its path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

command -v go >/dev/null 2>&1 || { echo "calico-oracle: the go command is required (Go >= 1.24.9)" >&2; exit 1; }

# The Calico modules are fetched by exact pseudo-version; the checksum database has no entries for them here, so
# go.sum (committed) is what pins their content.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/projectcalico"
export GOFLAGS="-mod=readonly -buildvcs=false"
export CGO_ENABLED=0

go_version="$(go env GOVERSION)"
key="$( { cat go.mod go.sum ./*.go build.sh; printf '%s\n' "$go_version"; } | sha256sum | cut -c1-16)"
cache_root="${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/oracle"
out_dir="$cache_root/$key"
bin="$out_dir/calico-oracle"

if [ -x "$bin" ]; then
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$out_dir"
# One build at a time per key: parallel test workers may all ask for the oracle.
exec 9>"$out_dir/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$bin" ]; then
  printf '%s\n' "$bin"
  exit 0
fi

calico_version="$(sed -n 's|^\tgithub.com/projectcalico/calico \(v[^ ]*\).*|\1|p' go.mod)"
# The release that pseudo-version is, from its comment in go.mod ("// v3.31.0").
calico_release="$(sed -n 's|^\tgithub.com/projectcalico/calico v[^ ]* // \(v[0-9][0-9.]*\).*|\1|p' go.mod)"
start=$SECONDS
echo "calico-oracle: building $key with $go_version (first build downloads ~350 MB of modules)" >&2
tmp="$out_dir/.calico-oracle.$$"
go build -trimpath -ldflags "-s -w -X main.calicoVersion=$calico_version -X main.calicoRelease=${calico_release:-unknown}" -o "$tmp" . >&2
mv -f "$tmp" "$bin"
echo "calico-oracle: built in $((SECONDS - start)) s" >&2
printf '%s\n' "$bin"
