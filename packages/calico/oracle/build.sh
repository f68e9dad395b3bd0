#!/usr/bin/env bash
# Builds one Go binary from the Calico module this folder's go.mod pins, once per machine, and prints its path on
# stdout (logs go to stderr):
#   build.sh oracle      the Calico oracle (this folder's Go sources)
#   build.sh calicoctl   Calico's own calicoctl: the integration tier drives it against the real kube-apiserver to prove
#                        Palisade writes what that version's calicoctl writes
#   build.sh goldmane    Calico's Goldmane flow aggregator: the BFF's integration tier feeds it flows and reads them back
# The binary lives at ${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/<name>/<key>/<binary>, where <key> hashes go.mod,
# go.sum, the Go sources (the oracle's only), this script (its flags) and the Go version; when that file exists this
# script only prints its path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

name="${1:-}"
case "$name" in
  oracle) binary=calico-oracle ;;
  calicoctl | goldmane) binary="$name" ;;
  *)
    echo "usage: build.sh oracle|calicoctl|goldmane" >&2
    exit 2
    ;;
esac

command -v go >/dev/null 2>&1 || { echo "$name: the go command is required (Go >= 1.24.9)" >&2; exit 1; }

# The Calico modules are fetched by exact pseudo-version; the checksum database has no entries for them here, so
# go.sum (committed) is what pins their content.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/projectcalico"
export CGO_ENABLED=0

go_version="$(go env GOVERSION)"
inputs=(go.mod go.sum)
[ "$name" = oracle ] && inputs+=(./*.go)
key="$( { cat "${inputs[@]}" build.sh; printf '%s\n' "$go_version"; } | sha256sum | cut -c1-16)"
cache_root="${PALISADE_CACHE_DIR:-$HOME/.cache/palisade}/$name"
out_dir="$cache_root/$key"
bin="$out_dir/$binary"

if [ -x "$bin" ]; then
  # The folder's mtime records its last use, which the pruning below goes by.
  touch "$out_dir"
  printf '%s\n' "$bin"
  exit 0
fi

mkdir -p "$out_dir"
# One build at a time per key: parallel test workers may all ask for the same binary.
exec 9>"$out_dir/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -x "$bin" ]; then
  printf '%s\n' "$bin"
  exit 0
fi

# The pinned pseudo-version, and the release it is from its comment in go.mod ("// v3.31.0").
calico_version="$(sed -n 's|^\tgithub.com/projectcalico/calico \(v[^ ]*\).*|\1|p' go.mod)"
calico_release="$(sed -n 's|^\tgithub.com/projectcalico/calico v[^ ]* // \(v[0-9][0-9.]*\).*|\1|p' go.mod)"
start=$SECONDS
echo "$name: building $key with $go_version (a first build downloads ~350 MB of modules)" >&2
tmp="$out_dir/.$binary.$$"
trap 'rm -rf "$tmp" "$out_dir/.module.$$"' EXIT

# Builds Calico's main package $1 (importing $2, with extra -ldflags $3) in a scratch module with this folder's go.mod
# and go.sum: it resolves what the binary needs beyond the oracle (docopt, grpc...) at the versions Calico's own
# go.mod asks for, so the Calico version stays the oracle's and the committed files stay untouched.
build_calico_main() {
  local work="$out_dir/.module.$$"
  mkdir -p "$work"
  cp go.mod go.sum "$work/"
  printf 'package main\n\nimport _ "%s"\n\nfunc main() {}\n' "$2" >"$work/pin.go"
  (
    cd "$work"
    export GOFLAGS="-mod=mod -buildvcs=false"
    go mod tidy >&2
    go build -trimpath -ldflags "-s -w$3" -o "$tmp" "$1" >&2
  )
}

case "$name" in
  oracle)
    GOFLAGS="-mod=readonly -buildvcs=false" go build -trimpath \
      -ldflags "-s -w -X main.calicoVersion=$calico_version -X main.calicoRelease=${calico_release:-unknown}" \
      -o "$tmp" . >&2
    ;;
  calicoctl)
    # calicoctl reports the release and compares it with the cluster's ClusterInformation before every command, as
    # a released calicoctl does.
    build_calico_main github.com/projectcalico/calico/calicoctl/calicoctl \
      github.com/projectcalico/calico/calicoctl/calicoctl/commands \
      " -X github.com/projectcalico/calico/pkg/buildinfo.Version=${calico_release:-unknown}"
    ;;
  goldmane)
    build_calico_main github.com/projectcalico/calico/goldmane/cmd github.com/projectcalico/calico/goldmane/pkg/daemon ""
    ;;
esac
mv -f "$tmp" "$bin"
echo "$name: built in $((SECONDS - start)) s" >&2
# Each pin bump leaves the previous build behind (30 to 60 MB); drop those no run has used for two weeks.
find "$cache_root" -mindepth 1 -maxdepth 1 -type d -regex '.*/[0-9a-f]+' -mtime +14 -exec rm -rf {} + || true
printf '%s\n' "$bin"
