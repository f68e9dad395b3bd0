#!/usr/bin/env bash
# Builds Calico's Goldmane flow aggregator (goldmane/cmd in the Calico module the oracle pins, go.mod here), once per
# machine, and prints the binary's path on stdout (logs go to stderr). The BFF's integration tier starts it with mTLS
# certificates, feeds it flows through FlowCollector.Connect and reads them back through the BFF.
# The binary lives at ${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/goldmane/<key>/goldmane, <key> hashing go.mod,
# go.sum, this script and the Go version; when that file exists this script only prints its path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

command -v go >/dev/null 2>&1 || { echo "goldmane: the go command is required (Go >= 1.24.9)" >&2; exit 1; }

# As build.sh: go.sum (committed) pins the Calico modules' content.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/projectcalico"
export CGO_ENABLED=0

go_version="$(go env GOVERSION)"
key="$( { cat go.mod go.sum build-goldmane.sh; printf '%s\n' "$go_version"; } | sha256sum | cut -c1-16)"
out_dir="${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/goldmane/$key"
bin="$out_dir/goldmane"

if [ -x "$bin" ]; then
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$out_dir"
exec 9>"$out_dir/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$bin" ]; then
  printf '%s\n' "$bin"
  exit 0
fi

start=$SECONDS
echo "goldmane: building $key with $go_version" >&2
# As build-calicoctl.sh: a scratch module with the oracle's go.mod and go.sum resolves what Goldmane needs beyond the
# oracle (grpc, controller-runtime...) at the versions Calico's own go.mod asks for; the committed files stay as they are.
work="$out_dir/.module.$$"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
cp go.mod go.sum "$work/"
printf 'package main\n\nimport _ "github.com/projectcalico/calico/goldmane/pkg/daemon"\n\nfunc main() {}\n' >"$work/pin.go"
(
  cd "$work"
  GOFLAGS="-mod=mod -buildvcs=false" go mod tidy >&2
  GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath -ldflags "-s -w" -o "$out_dir/.goldmane.$$" \
    github.com/projectcalico/calico/goldmane/cmd >&2
)
mv -f "$out_dir/.goldmane.$$" "$bin"
echo "goldmane: built in $((SECONDS - start)) s" >&2
printf '%s\n' "$bin"
