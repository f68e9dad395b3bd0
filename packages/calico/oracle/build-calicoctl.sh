#!/usr/bin/env bash
# Builds Calico's own calicoctl from the Calico module version the oracle pins (go.mod here), once per machine, and
# prints the binary's path on stdout (logs go to stderr). The integration tier drives it against the real
# kube-apiserver to prove Palisade writes what that version's calicoctl writes.
# The binary lives at ${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/calicoctl/<key>/calicoctl, <key> hashing go.mod,
# go.sum, this script and the Go version; when that file exists this script only prints its path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

command -v go >/dev/null 2>&1 || { echo "calicoctl: the go command is required (Go >= 1.24.9)" >&2; exit 1; }

# As build.sh: go.sum (committed) pins the Calico modules' content.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/projectcalico"
export CGO_ENABLED=0

go_version="$(go env GOVERSION)"
key="$( { cat go.mod go.sum build-calicoctl.sh; printf '%s\n' "$go_version"; } | sha256sum | cut -c1-16)"
out_dir="${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/calicoctl/$key"
bin="$out_dir/calicoctl"

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

# The release the pseudo-version is ("// v3.31.0" in go.mod): calicoctl reports it and compares it with the
# cluster's ClusterInformation before every command, as a released calicoctl does.
calico_release="$(sed -n 's|^\tgithub.com/projectcalico/calico v[^ ]* // \(v[0-9][0-9.]*\).*|\1|p' go.mod)"
start=$SECONDS
echo "calicoctl: building $key with $go_version" >&2
# calicoctl needs a few modules the oracle does not (docopt, the tablewriter...): a scratch module with the oracle's
# go.mod and go.sum resolves them at the versions Calico's own go.mod asks for, so the Calico version stays the
# oracle's and the committed files stay untouched.
work="$out_dir/.module.$$"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
cp go.mod go.sum "$work/"
printf 'package main\n\nimport _ "github.com/projectcalico/calico/calicoctl/calicoctl/commands"\n\nfunc main() {}\n' >"$work/pin.go"
(
  cd "$work"
  GOFLAGS="-mod=mod -buildvcs=false" go mod tidy >&2
  GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath \
    -ldflags "-s -w -X github.com/projectcalico/calico/pkg/buildinfo.Version=${calico_release:-unknown}" -o "$out_dir/.calicoctl.$$" \
    github.com/projectcalico/calico/calicoctl/calicoctl >&2
)
mv -f "$out_dir/.calicoctl.$$" "$bin"
echo "calicoctl: built in $((SECONDS - start)) s" >&2
printf '%s\n' "$bin"
